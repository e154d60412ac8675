package org.caspianhub.producers.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.caspianhub.indicators.normalize.FieldError;

/** The answer for one item of a request: accepted with its id, or refused with every reason. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ItemResult(int index, String id, String status, List<FieldError> errors, List<String> warnings) {

    static ItemResult accepted(int index, String id, List<String> warnings) {
        return new ItemResult(index, id, "accepted", List.of(), warnings);
    }

    static ItemResult refused(int index, List<FieldError> errors) {
        return new ItemResult(index, null, "refused", errors, List.of());
    }
}
