package org.caspianhub.producers.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.RelatedIndicator;

/**
 * Folds a party's alerts into its {@link IndicatorView}. Every alert carries the recipient's whole
 * view of its indicator, so the view is the one of the latest change alert (by creation time: the
 * alerts of one indicator are spread over the topic's partitions by alert id, and a relation's
 * alert is written by another task); a RELATED alert adds its relation and only stands in for the
 * view until a change alert arrives. Relations and the history keep the latest {@code limit}.
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
        List<IndicatorView.AlertRef> alerts = history(before, new IndicatorView.AlertRef(alert.getAlertId(), alert.getKind(),
                createdAt, alert.getScore(), alert.getSummary()));
        List<IndicatorView.Related> related = relations(before, alert);
        boolean takesOver = before == null
                || (change ? !before.fromChange() || createdAt >= before.asOf() : !before.fromChange() && createdAt >= before.asOf());
        if (!takesOver) {
            return new IndicatorView(before.key(), before.type(), before.value(), before.status(), before.score(),
                    before.severity(), before.tlp(), before.firstSeen(), before.lastSeen(), before.validUntil(),
                    before.parties(), before.tags(), before.references(), before.sightings(), before.falsePositives(),
                    related, alerts, before.asOf(), before.fromChange());
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
                alert.getSightings(), alert.getFalsePositives(), related, alerts, createdAt, change);
    }

    /** The history with {@code added} in its place, latest first; an alert read twice counts once. */
    private List<IndicatorView.AlertRef> history(IndicatorView before, IndicatorView.AlertRef added) {
        List<IndicatorView.AlertRef> out = new ArrayList<>(before == null ? 1 : Math.min(limit, before.alerts().size() + 1));
        boolean placed = false;
        for (IndicatorView.AlertRef previous : before == null ? List.<IndicatorView.AlertRef>of() : before.alerts()) {
            if (previous.alertId().equals(added.alertId())) {
                return before.alerts();
            }
            if (!placed && added.createdAt() >= previous.createdAt()) {
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

    /** The relations with the alert's in front (replacing an older one of the same correlation). */
    private List<IndicatorView.Related> relations(IndicatorView before, Alert alert) {
        RelatedIndicator r = alert.getRelated();
        List<IndicatorView.Related> previous = before == null ? List.of() : before.related();
        if (r == null) {
            return previous;
        }
        List<IndicatorView.Related> out = new ArrayList<>(Math.min(limit, previous.size() + 1));
        out.add(new IndicatorView.Related(r.getCorrelationId(), r.getKind(), r.getType(), r.getValue(), r.getReference(),
                List.copyOf(r.getParties()), r.getDetail(), alert.getTlp()));
        for (IndicatorView.Related p : previous) {
            if (out.size() == limit) {
                break;
            }
            if (!p.correlationId().equals(r.getCorrelationId())) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }
}
