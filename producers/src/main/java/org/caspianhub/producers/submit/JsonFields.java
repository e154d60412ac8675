package org.caspianhub.producers.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.runtime.json.StrictJsonObject;

/**
 * Reads the fields of one JSON object of a request, strictly (the hub's one {@link StrictJsonObject}),
 * collecting a specific {@link FieldError} for every field that is missing, of the wrong JSON type or
 * out of range, instead of stopping at the first: the caller answers with all of them at once.
 */
public final class JsonFields extends StrictJsonObject {

    public JsonFields(JsonNode node, String path) {
        super(node, path);
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

    /** Every problem found so far, as the API answers it. */
    public List<FieldError> errors() {
        return problems().stream().map(p -> new FieldError(p.path(), p.code(), p.message())).toList();
    }

    /** A problem the reader found in a well-typed value, in its own words. */
    public void error(String field, String code, String message) {
        problemSaid(field, code, message);
    }
}
