package org.caspianhub.producers.submit;

import java.util.List;
import org.caspianhub.indicators.normalize.FieldError;

/** Field errors named by where they are in a request ({@code items[3].confidence}). */
public final class FieldErrors {

    private FieldErrors() {
    }

    public static String path(String prefix, String field) {
        return prefix == null || prefix.isEmpty() ? field : prefix + "." + field;
    }

    public static List<FieldError> prefixed(String prefix, List<FieldError> errors) {
        if (prefix == null || prefix.isEmpty()) {
            return errors;
        }
        return errors.stream().map(e -> new FieldError(path(prefix, e.field()), e.code(), e.message())).toList();
    }
}
