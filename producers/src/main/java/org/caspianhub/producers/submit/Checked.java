package org.caspianhub.producers.submit;

import java.util.List;
import java.util.function.Function;
import org.caspianhub.indicators.normalize.FieldError;

/** A value read from input, or every specific reason it could not be (never both). */
public record Checked<T>(T value, List<FieldError> errors, List<String> warnings) {

    public Checked {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public static <T> Checked<T> ok(T value, List<String> warnings) {
        return new Checked<>(value, List.of(), warnings);
    }

    public static <T> Checked<T> refused(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one reason");
        }
        return new Checked<>(null, errors, List.of());
    }

    public boolean isOk() {
        return errors.isEmpty();
    }

    public <R> Checked<R> map(Function<T, R> f) {
        return isOk() ? new Checked<>(f.apply(value), List.of(), warnings) : new Checked<>(null, errors, warnings);
    }
}
