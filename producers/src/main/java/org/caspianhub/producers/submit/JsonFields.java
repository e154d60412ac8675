package org.caspianhub.producers.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.caspianhub.indicators.normalize.FieldError;

/**
 * Reads the fields of one JSON object, collecting a specific error for every field that is missing,
 * of the wrong JSON type or out of range, instead of stopping at the first: the caller answers with
 * all of them at once.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String path;
    private final List<FieldError> errors = new ArrayList<>();

    public JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /**
     * Reads one item of a request (an indicator, a revocation, a sighting): refused with one error at its
     * path when it is not a JSON object; otherwise its fields, with an error for each one not in {@code known}
     * ({@code ignored} ones are accepted and skipped), are given to {@code reader}.
     *
     * @param what the item as an error message names it: "a sighting"
     */
    public static <T> Checked<T> readItem(JsonNode node, String path, String what, Set<String> known,
                                          Set<String> ignored, Function<JsonFields, Checked<T>> reader) {
        if (node == null || !node.isObject()) {
            return Checked.refused(List.of(new FieldError(path.isEmpty() ? "body" : path, "not_an_object",
                    what + " must be a JSON object, got " + (node == null ? "nothing" : kind(node)))));
        }
        JsonFields fields = new JsonFields(node, path);
        fields.onlyKnown(known, ignored);
        return reader.apply(fields);
    }

    public List<FieldError> errors() {
        return errors;
    }

    public void error(String field, String code, String message) {
        errors.add(new FieldError(FieldErrors.path(path, field), code, message));
    }

    /** Refuses every field not in {@code known}, so a typo ({@code confidance}) is not silently ignored. */
    public void onlyKnown(Set<String> known, Set<String> ignored) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name) && !ignored.contains(name)) {
                error(name, "unknown_field", "'" + name + "' is not a field of this request; known fields: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    /** Whether the field is given: null and a blank string count as absent, as {@link #text} reads them. */
    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull() && !(v.isTextual() && v.asText().isBlank());
    }

    public String text(String field, boolean required, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                error(field, "required", field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            error(field, "not_a_string", field + " must be a string, got " + kind(v));
            return null;
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            if (required) {
                error(field, "required", field + " must not be blank");
            }
            return null;
        }
        if (s.length() > maxLength) {
            error(field, "too_long", field + " must be at most " + maxLength + " characters, got " + s.length());
            return null;
        }
        return s;
    }

    public Integer integer(String field, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            error(field, "not_an_integer", field + " must be a whole number from " + min + " to " + max + ", got " + v);
            return null;
        }
        int i = v.intValue();
        if (i < min || i > max) {
            error(field, "out_of_range", field + " must be from " + min + " to " + max + ", got " + i);
            return null;
        }
        return i;
    }

    public List<String> strings(String field, int maxItems, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            error(field, "not_an_array", field + " must be an array of strings, got " + kind(v));
            return List.of();
        }
        if (v.size() > maxItems) {
            error(field, "too_many", field + " may hold at most " + maxItems + " entries, got " + v.size());
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String where = field + "[" + i + "]";
            if (!e.isTextual() || e.asText().isBlank()) {
                error(where, "not_a_string", where + " must be a non-blank string, got " + kind(e));
            } else if (e.asText().trim().length() > maxLength) {
                error(where, "too_long", where + " must be at most " + maxLength + " characters");
            } else if (!out.contains(e.asText().trim())) {
                out.add(e.asText().trim());
            }
        }
        return out;
    }

    /** An ISO-8601 instant ({@code 2026-07-01T00:00:00Z}, an offset is accepted). */
    public Instant instant(String field) {
        String s = text(field, false, 64);
        if (s == null) {
            return null;
        }
        return parseInstant(s).orElseGet(() -> {
            error(field, "invalid_timestamp", field + " must be an ISO-8601 timestamp such as 2026-07-01T00:00:00Z, got '" + s + "'");
            return null;
        });
    }

    /** A label read by {@code parse}, or an error listing what is accepted; a blank string counts as absent. */
    public <T> T label(String field, Function<String, Optional<T>> parse, String accepted) {
        String s = text(field, false, 64);
        if (s == null) {
            return null;
        }
        return parse.apply(s).orElseGet(() -> {
            error(field, labelCode(field), field + " must be one of " + accepted + ", got '" + s + "'");
            return null;
        });
    }

    /**
     * A label that takes its default only when the field is absent (or null): a blank string is an
     * error, never the default. For fields where a silent default matters, such as {@code tlp}.
     */
    public <T> T strictLabel(String field, Function<String, Optional<T>> parse, String accepted) {
        JsonNode v = node.get(field);
        if (v != null && v.isTextual() && v.asText().isBlank()) {
            error(field, labelCode(field), field + " must be one of " + accepted + ", got an empty string "
                    + "(leave the field out for the default)");
            return null;
        }
        return label(field, parse, accepted);
    }

    private static String labelCode(String field) {
        return "invalid_" + field.replaceAll("[A-Z]", "_$0").toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Instant> parseInstant(String s) {
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    public static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isNumber()) {
            return "a number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "an object";
        }
        return "null";
    }
}
