package org.caspianhub.streams.correlate;

import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.streams.IndicatorState;

/**
 * A relation found between the indicator that changed and another one in the same task.
 *
 * @param otherKey the other indicator's store key
 * @param detail   a sentence for analysts, e.g. "45.83.12.7 lies inside 45.83.12.0/24"
 */
public record Relation(CorrelationKind kind, byte[] otherKey, IndicatorState other, String detail) {
}
