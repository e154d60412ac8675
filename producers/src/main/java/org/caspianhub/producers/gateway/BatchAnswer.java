package org.caspianhub.producers.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.caspianhub.indicators.normalize.FieldError;

/**
 * The answer to a POST of indicators, revocations or sightings: counts, one result per item in
 * request order, and (for a single item, or when every item was refused) the field errors at the top.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BatchAnswer(int accepted, int refused, String id, List<ItemResult> results, List<FieldError> errors) {
}
