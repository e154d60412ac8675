package org.caspianhub.producers.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.RelatedIndicator;

/**
 * Folds a party's alerts into its {@link IndicatorView}. Every alert carries the recipient's whole
 * view of its indicator, so the view is the one of the change alert with the highest
 * {@code version} (the recipient's own count of the changes it was told of). Neither read order nor
 * creation time can decide this: one indicator's alerts are spread over the topic's partitions by
 * alert id, a replica reads them in whatever interleaving its fetches give, and events stamped by
 * different gateways' or feeds' clocks can reach the topology out of time order. A RELATED alert
 * adds its relation and only stands in for the view until a change alert arrives. The history
 * and relations keep the latest {@code limit} in a total order (time, version, alert id), so the
 * same alerts read in any order give the same view, byte for byte.
 * A function of the alerts alone, so a party's answers are a function of what it was sent.
 */
public final class ViewFold {

    private final int limit;

    public ViewFold(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the alert history keeps at least one alert, got " + limit);
        }
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /** The view after {@code alert}, given the view before it (null when the party knew nothing yet). */
    public IndicatorView apply(IndicatorView before, Alert alert) {
        long createdAt = alert.getCreatedAt().toEpochMilli();
        boolean change = alert.getKind() != AlertKind.RELATED;
        long version = alert.getVersion();
        List<IndicatorView.AlertRef> alerts = history(before, new IndicatorView.AlertRef(alert.getAlertId(), alert.getKind(),
                createdAt, alert.getScore(), alert.getSummary(), version));
        List<IndicatorView.Related> related = relations(before, alert);
        if (before != null && !takesOver(before, change, version, createdAt)) {
            return new IndicatorView(before.key(), before.type(), before.value(), before.status(), before.score(),
                    before.severity(), before.tlp(), before.firstSeen(), before.lastSeen(), before.validUntil(),
                    before.parties(), before.tags(), before.references(), before.sightings(), before.falsePositives(),
                    related, alerts, before.asOf(), before.fromChange(), before.version());
        }
        TreeSet<String> references = new TreeSet<>();
        for (Contribution c : alert.getContributions()) {
            if (!c.getRevoked()) {
                references.addAll(c.getReferences());
            }
        }
        return new IndicatorView(alert.getIndicatorKey(), alert.getType(), alert.getValue(), alert.getStatus(),
                alert.getScore(), alert.getSeverity(), alert.getTlp(), alert.getFirstSeen().toEpochMilli(),
                alert.getLastSeen().toEpochMilli(), alert.getValidUntil() == null ? null : alert.getValidUntil().toEpochMilli(),
                List.copyOf(alert.getParties()), List.copyOf(new TreeSet<>(alert.getTags())), List.copyOf(references),
                alert.getSightings(), alert.getFalsePositives(), related, alerts, createdAt, change, version);
    }

    /**
     * Whether an alert's view replaces {@code before}: a change alert replaces a relation's stand-in
     * and any change the party was told of earlier (a lower version; alerts written before versions
     * existed carry 0 and fall back to creation time); a RELATED alert replaces only a later stand-in.
     */
    private static boolean takesOver(IndicatorView before, boolean change, long version, long createdAt) {
        if (!change) {
            return !before.fromChange() && createdAt > before.asOf();
        }
        if (!before.fromChange() || version != before.version()) {
            return !before.fromChange() || version > before.version();
        }
        return version == 0 && createdAt > before.asOf();
    }

    /** Latest first: by creation time, then version, then alert id, so ties never depend on read order. */
    private static final Comparator<IndicatorView.AlertRef> LATEST_FIRST = Comparator
            .comparingLong(IndicatorView.AlertRef::createdAt)
            .thenComparingLong(IndicatorView.AlertRef::version)
            .thenComparing(IndicatorView.AlertRef::alertId)
            .reversed();

    /** The history with {@code added} in its place, latest first; an alert read twice counts once. */
    private List<IndicatorView.AlertRef> history(IndicatorView before, IndicatorView.AlertRef added) {
        List<IndicatorView.AlertRef> out = new ArrayList<>(before == null ? 1 : Math.min(limit, before.alerts().size() + 1));
        boolean placed = false;
        for (IndicatorView.AlertRef previous : before == null ? List.<IndicatorView.AlertRef>of() : before.alerts()) {
            if (previous.alertId().equals(added.alertId())) {
                return before.alerts();
            }
            if (!placed && LATEST_FIRST.compare(added, previous) < 0) {
                out.add(added);
                placed = true;
            }
            out.add(previous);
        }
        if (!placed) {
            out.add(added);
        }
        return List.copyOf(out.size() > limit ? out.subList(0, limit) : out);
    }

    /**
     * The relations with the alert's in place: one per correlation (the one told in the latest
     * change, by version then time), latest first, in the same total order as the history.
     */
    private List<IndicatorView.Related> relations(IndicatorView before, Alert alert) {
        RelatedIndicator r = alert.getRelated();
        List<IndicatorView.Related> previous = before == null ? List.of() : before.related();
        if (r == null) {
            return previous;
        }
        IndicatorView.Related added = new IndicatorView.Related(r.getCorrelationId(), r.getKind(), r.getType(), r.getValue(),
                r.getReference(), List.copyOf(r.getParties()), r.getDetail(), alert.getTlp(),
                alert.getCreatedAt().toEpochMilli(), alert.getVersion());
        List<IndicatorView.Related> out = new ArrayList<>(previous.size() + 1);
        for (IndicatorView.Related p : previous) {
            if (!p.correlationId().equals(added.correlationId())) {
                out.add(p);
            } else if (NEWER_TELLING.compare(p, added) >= 0) {
                return previous;
            }
        }
        out.add(added);
        out.sort(RELATED_LATEST_FIRST);
        return List.copyOf(out.size() > limit ? out.subList(0, limit) : out);
    }

    private static final Comparator<IndicatorView.Related> NEWER_TELLING = Comparator
            .comparingLong(IndicatorView.Related::version)
            .thenComparingLong(IndicatorView.Related::createdAt);

    private static final Comparator<IndicatorView.Related> RELATED_LATEST_FIRST = Comparator
            .comparingLong(IndicatorView.Related::createdAt)
            .thenComparingLong(IndicatorView.Related::version)
            .thenComparing(IndicatorView.Related::correlationId)
            .reversed();
}
