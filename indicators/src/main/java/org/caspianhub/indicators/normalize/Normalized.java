package org.caspianhub.indicators.normalize;

import java.util.List;
import java.util.Locale;
import org.caspianhub.avro.IndicatorType;

/** The outcome of normalizing one raw value: a canonical indicator, or the reasons it is not one. */
public sealed interface Normalized permits Normalized.Valid, Normalized.Invalid {

    /**
     * A valid indicator in canonical form.
     *
     * @param type  the detected or confirmed type
     * @param value the canonical value ({@code evil.example}, {@code 2001:db8::1}, {@code https://evil.example/a%20b})
     * @param key   {@code type:value} with the type in lower case, e.g. {@code domain:evil.example}
     */
    record Valid(IndicatorType type, String value, String key) implements Normalized {
        /** A valid indicator from an already canonical value, with its key computed. */
        public static Valid of(IndicatorType type, String canonicalValue) {
            return new Valid(type, canonicalValue, keyOf(type, canonicalValue));
        }

        /** The indicator key of a canonical value: {@code ipv4:203.0.113.7}. */
        public static String keyOf(IndicatorType type, String canonicalValue) {
            return type.name().toLowerCase(Locale.ROOT) + ":" + canonicalValue;
        }
    }

    /** Not an indicator, with at least one specific reason. */
    record Invalid(List<FieldError> errors) implements Normalized {
        public Invalid {
            errors = List.copyOf(errors);
        }

        /** One reason on one field. */
        public static Invalid of(String field, String code, String message) {
            return new Invalid(List.of(new FieldError(field, code, message)));
        }

        /** One reason on the {@code value} field, the usual case. */
        public static Invalid ofValue(String code, String message) {
            return of(FieldError.VALUE, code, message);
        }
    }
}
