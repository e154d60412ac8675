package org.caspianhub.producers.gateway;

import java.util.List;
import java.util.Map;
import org.caspianhub.indicators.normalize.FieldError;

/**
 * A request refused as a whole, with its HTTP status and every specific reason. Thrown by handlers
 * before anything is written, so a refused request writes nothing.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final List<FieldError> errors;
    private final Map<String, Object> extra;

    public ApiException(int status, String error, String message, List<FieldError> errors, Map<String, Object> extra) {
        super(message);
        this.status = status;
        this.error = error;
        this.errors = List.copyOf(errors);
        this.extra = Map.copyOf(extra);
    }

    public static ApiException of(int status, String error, String field, String message) {
        return new ApiException(status, error, message, List.of(new FieldError(field, error, message)), Map.of());
    }

    public static ApiException invalid(List<FieldError> errors) {
        return new ApiException(400, "invalid_request", errors.size() == 1 ? errors.get(0).message()
                : errors.size() + " fields are invalid", errors, Map.of());
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
