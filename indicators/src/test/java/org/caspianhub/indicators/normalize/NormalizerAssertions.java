package org.caspianhub.indicators.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.caspianhub.avro.IndicatorType;

/** Shared checks: a value normalizes to a Valid (failing with the reasons otherwise), or to an Invalid. */
final class NormalizerAssertions {

    static final IndicatorNormalizer NORMALIZER = new IndicatorNormalizer();

    private NormalizerAssertions() {
    }

    static Normalized.Valid valid(String raw, IndicatorType declared) {
        Normalized result = NORMALIZER.normalize(raw, declared);
        if (result instanceof Normalized.Invalid invalid) {
            fail("expected " + raw + " (declared " + declared + ") to be valid, got " + invalid.errors());
        }
        return (Normalized.Valid) result;
    }

    static FieldError invalid(String raw, IndicatorType declared) {
        Normalized result = NORMALIZER.normalize(raw, declared);
        if (result instanceof Normalized.Valid valid) {
            fail("expected " + raw + " (declared " + declared + ") to be invalid, got " + valid);
        }
        Normalized.Invalid invalid = (Normalized.Invalid) result;
        assertThat(invalid.errors()).hasSize(1);
        return invalid.errors().get(0);
    }

    /** Checks a valid outcome: type, canonical value, key, and that normalizing the canonical value changes nothing. */
    static void assertCanonical(String raw, IndicatorType declared, IndicatorType type, String canonical) {
        Normalized.Valid valid = valid(raw, declared);
        assertThat(valid.type()).as("type of %s", raw).isEqualTo(type);
        assertThat(valid.value()).as("canonical form of %s", raw).isEqualTo(canonical);
        assertThat(valid.key()).isEqualTo(type.name().toLowerCase() + ":" + canonical);
        assertThat(NORMALIZER.normalize(canonical, null)).as("detecting the canonical %s again", canonical)
                .isEqualTo(valid);
        assertThat(NORMALIZER.normalize(canonical, type)).as("normalizing the canonical %s as %s again", canonical, type)
                .isEqualTo(valid);
    }

    static void assertError(String raw, IndicatorType declared, String field, String code, String messagePart) {
        FieldError error = invalid(raw, declared);
        assertThat(error.field()).as("field of the error for %s", raw).isEqualTo(field);
        assertThat(error.code()).as("code of the error for %s: %s", raw, error.message()).isEqualTo(code);
        assertThat(error.message()).as("message for %s", raw).contains(messagePart);
    }
}
