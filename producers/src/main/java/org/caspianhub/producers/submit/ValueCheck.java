package org.caspianhub.producers.submit;

import java.util.List;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;

/**
 * Asks the shared normalizer whether a value is an indicator (of its declared type), so a
 * malformed value is refused with a field error at once instead of a rejection later. The
 * topology checks again: feeds may write to Kafka without passing here.
 */
public final class ValueCheck {

    private final IndicatorNormalizer normalizer;

    public ValueCheck(IndicatorNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** No errors when the value is valid; otherwise the normalizer's reasons, fields prefixed by {@code path}. */
    public List<FieldError> errors(String value, IndicatorType declared, String path) {
        Normalized normalized = normalizer.normalize(value, declared);
        if (normalized instanceof Normalized.Invalid invalid) {
            return FieldErrors.prefixed(path, invalid.errors());
        }
        return List.of();
    }

    /** The canonical key ({@code domain:evil.example}) of a valid value, or null. */
    public String keyOf(String value, IndicatorType declared) {
        return normalizer.normalize(value, declared) instanceof Normalized.Valid valid ? valid.key() : null;
    }
}
