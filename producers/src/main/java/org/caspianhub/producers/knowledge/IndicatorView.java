package org.caspianhub.producers.knowledge;

import java.util.List;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;

/**
 * What one party knows of one indicator: folded from its own alerts ({@link ViewFold}), so it holds
 * exactly what the topology let that party see and nothing else. Times are epoch milliseconds.
 *
 * @param tlp     the level of the indicator's own view (the latest alert that was not about a relation)
 * @param related the other sides of the correlations the party was told of, one per correlation, latest first
 * @param alerts  the party's alerts about the indicator, latest first, at most the configured history
 * @param asOf    when the alert the view was taken from was created: the view (score included) is as of then
 * @param fromChange the view was taken from a change alert (new, updated, revoked...), not only from a relation's
 * @param version the change alert's {@code version} (how many changes the party had been told of): the order of views
 */
public record IndicatorView(
        String key,
        IndicatorType type,
        String value,
        IndicatorStatus status,
        int score,
        Severity severity,
        Tlp tlp,
        long firstSeen,
        long lastSeen,
        Long validUntil,
        List<String> parties,
        List<String> tags,
        List<String> references,
        int sightings,
        int falsePositives,
        List<Related> related,
        List<AlertRef> alerts,
        long asOf,
        boolean fromChange,
        long version) {

    /** The other side of a correlation, as far as the party may see it, under the level its alert carried. */
    public record Related(String correlationId, CorrelationKind kind, IndicatorType type, String value, String reference,
                          List<String> parties, String detail, Tlp tlp, long createdAt, long version) {
    }

    /** One alert of the party's history for the indicator. */
    public record AlertRef(String alertId, AlertKind kind, long createdAt, int score, String summary, long version) {
    }
}
