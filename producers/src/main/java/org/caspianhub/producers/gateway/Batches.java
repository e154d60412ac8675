package org.caspianhub.producers.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.caspianhub.producers.submit.JsonFields;

/**
 * The two shapes a POST body may take: one item (a JSON object) or a batch
 * ({@code {"items": [...]}}, or a bare JSON array), at most {@code maxItems} of them.
 */
final class Batches {

    /** The items of a body, and whether it was a single item. */
    record Items(List<JsonNode> nodes, boolean single) {
        String path(int index) {
            return single ? "" : "items[" + index + "]";
        }
    }

    private Batches() {
    }

    static Items of(JsonNode body, int maxItems) {
        JsonNode array;
        if (body.isArray()) {
            array = body;
        } else if (body.isObject() && body.has("items")) {
            Iterator<String> names = body.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!name.equals("items")) {
                    throw ApiException.of(400, "unknown_field", name, "a batch holds only 'items'; '" + name
                            + "' belongs inside each item");
                }
            }
            array = body.get("items");
            if (!array.isArray()) {
                throw ApiException.of(400, "not_an_array", "items", "items must be an array, got " + JsonFields.kind(array));
            }
        } else if (body.isObject()) {
            return new Items(List.of(body), true);
        } else {
            throw ApiException.of(400, "not_an_object", "body", "the body must be a JSON object (one item) or "
                    + "{\"items\": [...]} (a batch), got " + JsonFields.kind(body));
        }
        if (array.isEmpty()) {
            throw ApiException.of(400, "empty_batch", "items", "items must hold at least one item");
        }
        if (array.size() > maxItems) {
            throw ApiException.of(400, "too_many_items", "items", "a batch holds at most " + maxItems
                    + " items, got " + array.size() + "; split it or use POST /api/v1/imports for files");
        }
        List<JsonNode> nodes = new ArrayList<>(array.size());
        array.forEach(nodes::add);
        return new Items(nodes, false);
    }
}
