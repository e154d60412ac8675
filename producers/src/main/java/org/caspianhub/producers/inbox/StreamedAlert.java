package org.caspianhub.producers.inbox;

import java.time.Instant;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;

/**
 * One alert of a party's topic as the live inbox sends it: where it was on the topic, what the
 * filters look at, its JSON as a webhook body renders it, and the stream position right after it
 * (its SSE event id).
 *
 * @param json the rendered alert, shared by every client that receives it (never modified)
 */
public record StreamedAlert(int partition, long offset, String eventId, AlertKind kind, IndicatorType type, Tlp tlp,
                            int score, Instant createdAt, byte[] json) {
}
