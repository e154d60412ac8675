package org.caspianhub.runtime.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.caspianhub.runtime.Settings;

/**
 * Reads the fields of one JSON object strictly: a field of the wrong JSON type, out of range or
 * unknown is a {@link Problem}, never silently read as something else, and reading goes on so the
 * caller can report every problem at once. The API's request readers and the configuration files
 * (feeds, subscriptions) read JSON through this one class, so the same mistake is named in the
 * same words everywhere; each caller only says where the object is (a request path, a file and
 * entry).
 *
 * <p>Each read returns the value, or null (an empty list) when the field is absent or has a problem.
 */
public class StrictJsonObject {

    /**
     * One problem with one field: {@code path} is where it is ({@code items[3].confidence},
     * {@code subscriptions[0].filter.minScore}), {@code code} a stable identifier
     * ({@code out_of_range}), {@code predicate} what is wrong ("must be from 0 to 100, got 150") and
     * {@code message} the same as a sentence about the field ("confidence must be from 0 to 100, got 150").
     */
    public record Problem(String path, String field, String code, String predicate, String message) {
    }

    private final JsonNode node;
    private final String path;
    private final List<Problem> problems = new ArrayList<>();
    private final Consumer<Problem> sink;

    /**
     * @param node the object to read (the caller has checked that it is one)
     * @param path where the object is, prefixed to each problem's field; empty at the top level
     */
    public StrictJsonObject(JsonNode node, String path) {
        this(node, path, problem -> { });
    }

    /** As {@link #StrictJsonObject(JsonNode, String)}, also handing each problem to {@code sink} as it is found. */
    public StrictJsonObject(JsonNode node, String path, Consumer<Problem> sink) {
        this.node = node;
        this.path = path == null ? "" : path;
        this.sink = sink;
    }

    /** The problems found so far, in the order the fields were read. */
    public List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** Records a problem found by the caller (a value of the right type that it cannot use). */
    public void problem(String field, String code, String predicate) {
        add(new Problem(path(path, field), field, code, predicate, field + " " + predicate));
    }

    /** Records a problem found by the caller, in a sentence of its own. */
    public void problemSaid(String field, String code, String message) {
        add(new Problem(path(path, field), field, code, message, message));
    }

    private void add(Problem problem) {
        problems.add(problem);
        sink.accept(problem);
    }

    /** {@code prefix.field}, or {@code field} at the top level. */
    public static String path(String prefix, String field) {
        return prefix == null || prefix.isEmpty() ? field : prefix + "." + field;
    }

    /** Refuses every field not in {@code known}, so a typo ({@code confidance}) is not silently ignored. */
    public void onlyKnown(Set<String> known, Set<String> ignored) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name) && !ignored.contains(name)) {
                problem(name, "unknown_field", "is not a known field; known fields: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    public void onlyKnown(Set<String> known) {
        onlyKnown(known, Set.of());
    }

    /** Whether the field is given: null and a blank string count as absent, as {@link #text} reads them. */
    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull() && !(v.isTextual() && v.asText().isBlank());
    }

    /** Whether the field is there at all, even as null or a blank string. */
    public boolean present(String field) {
        return node.has(field);
    }

    /** A string, trimmed; a blank one counts as absent (a problem only when {@code required}). */
    public String text(String field, boolean required, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required", "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            problem(field, "not_a_string", "must be a string, got " + kind(v));
            return null;
        }
        String s = v.asText().trim();
        if (s.isEmpty()) {
            if (required) {
                problem(field, "required", "must not be blank");
            }
            return null;
        }
        if (s.length() > maxLength) {
            problem(field, "too_long", "must be at most " + maxLength + " characters, got " + s.length());
            return null;
        }
        return s;
    }

    /** A whole number from {@code min} to {@code max}, or null when absent. */
    public Integer integer(String field, int min, int max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problem(field, "not_an_integer", "must be a whole number from " + min + " to " + max + ", got " + v);
            return null;
        }
        int i = v.intValue();
        if (i < min || i > max) {
            problem(field, "out_of_range", "must be from " + min + " to " + max + ", got " + i);
            return null;
        }
        return i;
    }

    /** {@code true} or {@code false}; {@code absent} when the field is absent or null. */
    public boolean bool(String field, boolean absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isBoolean()) {
            problem(field, "not_a_boolean", "must be true or false, got " + v);
            return absent;
        }
        return v.booleanValue();
    }

    /** A nested object, or null when absent (a problem when {@code required}) or not an object. */
    public JsonNode object(String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "required", "is required");
            }
            return null;
        }
        if (!v.isObject()) {
            problem(field, "not_an_object", "must be an object, got " + kind(v));
            return null;
        }
        return v;
    }

    /** An array of non-blank strings, trimmed, without repeats; empty when absent. */
    public List<String> strings(String field, int maxItems, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            problem(field, "not_an_array", "must be an array of strings, got " + kind(v));
            return List.of();
        }
        if (v.size() > maxItems) {
            problem(field, "too_many", "may hold at most " + maxItems + " entries, got " + v.size());
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String item = field + "[" + i + "]";
            if (!e.isTextual() || e.asText().isBlank()) {
                problem(item, "not_a_string", "must be a non-blank string, got " + kind(e));
            } else if (e.asText().trim().length() > maxLength) {
                problem(item, "too_long", "must be at most " + maxLength + " characters");
            } else if (!out.contains(e.asText().trim())) {
                out.add(e.asText().trim());
            }
        }
        return out;
    }

    /** A duration such as {@code 30s}, {@code 5m}, {@code 1h} (as settings read them), or null when absent. */
    public Duration duration(String field) {
        String s = text(field, false, 64);
        if (s == null) {
            return null;
        }
        try {
            return Settings.parseDuration(s);
        } catch (IllegalArgumentException e) {
            problem(field, "invalid_duration", e.getMessage()); // "must be a duration such as ..., got '...'"
            return null;
        }
    }

    /** An ISO-8601 instant ({@code 2026-07-01T00:00:00Z}, an offset is accepted). */
    public Instant instant(String field) {
        String s = text(field, false, 64);
        if (s == null) {
            return null;
        }
        return parseInstant(s).orElseGet(() -> {
            problem(field, "invalid_timestamp", "must be an ISO-8601 timestamp such as 2026-07-01T00:00:00Z, got '" + s + "'");
            return null;
        });
    }

    /** A label read by {@code parse}, or a problem listing what is accepted; a blank string counts as absent. */
    public <T> T label(String field, Function<String, Optional<T>> parse, String accepted) {
        String s = text(field, false, 64);
        if (s == null) {
            return null;
        }
        return parse.apply(s).orElseGet(() -> {
            problem(field, labelCode(field), "must be one of " + accepted + ", got '" + s + "'");
            return null;
        });
    }

    /**
     * A label that takes its default only when the field is absent (or null): a blank string is a
     * problem, never the default. For fields where a silent default matters, such as {@code tlp}.
     */
    public <T> T strictLabel(String field, Function<String, Optional<T>> parse, String accepted) {
        JsonNode v = node.get(field);
        if (v != null && v.isTextual() && v.asText().isBlank()) {
            problem(field, labelCode(field), "must be one of " + accepted + ", got an empty string "
                    + "(leave the field out for the default)");
            return null;
        }
        return label(field, parse, accepted);
    }

    /** One of an enum's constants, by name in any case; null when absent, a blank string is a problem. */
    public <E extends Enum<E>> E constant(String field, Class<E> type) {
        return strictLabel(field, s -> constantOf(type, s), constantNames(type));
    }

    /** The constant of {@code type} named {@code name}, in any case. */
    public static <E extends Enum<E>> Optional<E> constantOf(Class<E> type, String name) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** An enum's constants as a problem lists them: {@code [IPV4, DOMAIN]}. */
    public static <E extends Enum<E>> String constantNames(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList().toString();
    }

    private static String labelCode(String field) {
        return "invalid_" + field.replaceAll("[A-Z]", "_$0").toLowerCase(Locale.ROOT);
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

    /** A JSON value's kind as a problem names it: "a string", "an array". */
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
