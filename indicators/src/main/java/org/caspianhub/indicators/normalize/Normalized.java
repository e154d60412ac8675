package org.caspianhub.indicators.normalize;

import java.util.List;
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
    }

    /** Not an indicator, with at least one specific reason. */
    record Invalid(List<FieldError> errors) implements Normalized {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
