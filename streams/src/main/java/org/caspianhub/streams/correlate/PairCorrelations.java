package org.caspianhub.streams.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.Correlation;
import org.caspianhub.avro.CorrelationEvidence;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.RelatedIndicator;
import org.caspianhub.avro.streams.CorrelationState;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.streams.route.AlertFactory;
import org.caspianhub.streams.route.AlertIds;
import org.caspianhub.streams.sharing.RecipientViews;
import org.caspianhub.streams.sharing.View;

/**
 * Turns a {@link Relation} between two indicators into a {@link Correlation} record for the hub
 * (naming every party involved) and RELATED alerts for the recipients that may see an active
 * contribution on <em>both</em> sides. A recipient that may see only one side learns nothing of
 * the other: if Iran's side is RED, Azerbaijan gets no alert at all. Each recipient is told of a
 * correlation once; the correlation record is re-published only when its evidence changes.
 */
public final class PairCorrelations {

    /** What one relation produced. {@code correlation} is null when nothing new is published. */
    public record Outcome(String correlationId, Correlation correlation, List<Alert> alerts, CorrelationState state) {
    }

    private final RecipientViews views;

    public PairCorrelations(RecipientViews views) {
        this.views = views;
    }

    public static String idOf(CorrelationKind kind, String keyA, String keyB) {
        String first = keyA.compareTo(keyB) <= 0 ? keyA : keyB;
        String second = first.equals(keyA) ? keyB : keyA;
        return AlertIds.uuid("correlation|" + kind.name() + "|" + first + "|" + second);
    }

    public static String crossPartyId(String indicatorKey) {
        return AlertFactory.crossPartyId(indicatorKey);
    }

    /**
     * @param known   what was published and told before (null: nothing)
     * @param touched the recipients whose own evidence of {@code changed} the event changed: only they
     *                may be told now, so no alert is timed by an event its recipient may not see
     */
    public Outcome relate(IndicatorState changed, Relation relation, CorrelationState known, long nowMillis,
                          Instant sourceTimestamp, List<String> touched) {
        Indicator a = changed.getIndicator();
        Indicator b = relation.other().getIndicator();
        String id = idOf(relation.kind(), a.getKey(), b.getKey());
        List<CorrelationEvidence> evidence = new ArrayList<>(4);
        // in key order, so the evidence reads the same whichever side changed
        boolean aFirst = a.getKey().compareTo(b.getKey()) <= 0;
        boolean aActive;
        boolean bActive;
        if (aFirst) {
            aActive = addEvidence(a, evidence);
            bActive = addEvidence(b, evidence);
        } else {
            bActive = addEvidence(b, evidence);
            aActive = addEvidence(a, evidence);
        }
        if (!aActive || !bActive) {
            return new Outcome(id, null, List.of(), known);
        }
        Correlation correlation = null;
        if (known == null || !known.getEvidence().equals(evidence)) {
            correlation = Correlation.newBuilder()
                    .setCorrelationId(id)
                    .setKind(relation.kind())
                    .setIndicatorKey(a.getKey())
                    .setRelatedKey(b.getKey())
                    .setEvidence(evidence)
                    .setDetectedAt(Instant.ofEpochMilli(nowMillis))
                    .setDetail(relation.detail())
                    .build();
        }
        List<String> notified = known == null ? new ArrayList<>(2) : new ArrayList<>(known.getNotified());
        List<Alert> alerts = new ArrayList<>(0);
        Instant createdAt = Instant.ofEpochMilli(nowMillis);
        for (String recipient : touched) {
            if (notified.contains(recipient)) {
                continue;
            }
            View mine = views.viewFor(changed, recipient, nowMillis);
            if (mine == null || mine.status() != IndicatorStatus.ACTIVE) {
                continue;
            }
            View theirs = views.viewFor(relation.other(), recipient, nowMillis);
            if (theirs == null || theirs.status() != IndicatorStatus.ACTIVE) {
                continue;
            }
            RelatedIndicator related = RelatedIndicator.newBuilder()
                    .setCorrelationId(id)
                    .setKind(relation.kind())
                    .setIndicatorKey(b.getKey())
                    .setType(b.getType())
                    .setValue(b.getValue())
                    .setParties(theirs.activeParties())
                    .setDetail(relation.detail())
                    .build();
            alerts.add(AlertFactory.related(a, mine, related, theirs.tlp(), sourceTimestamp, createdAt));
            notified.add(recipient);
        }
        CorrelationState state = CorrelationState.newBuilder().setEvidence(evidence).setNotified(notified).build();
        return new Outcome(id, correlation, alerts, state);
    }

    /** Every active contribution to one indicator, in party order; false when there is none. */
    static boolean addEvidence(Indicator indicator, List<CorrelationEvidence> evidence) {
        boolean any = false;
        for (Map.Entry<String, Contribution> e : new TreeMap<>(indicator.getContributions()).entrySet()) {
            if (!e.getValue().getRevoked()) {
                evidence.add(CorrelationEvidence.newBuilder().setParty(e.getKey()).setIndicatorKey(indicator.getKey())
                        .setTlp(e.getValue().getTlp()).build());
                any = true;
            }
        }
        return any;
    }

    /** The hub-internal record of a cross-party match: every active contribution of one indicator. */
    public static Correlation crossParty(Indicator indicator, long nowMillis) {
        List<CorrelationEvidence> evidence = new ArrayList<>(2);
        addEvidence(indicator, evidence);
        return Correlation.newBuilder()
                .setCorrelationId(crossPartyId(indicator.getKey()))
                .setKind(CorrelationKind.CROSS_PARTY_MATCH)
                .setIndicatorKey(indicator.getKey())
                .setEvidence(evidence)
                .setDetectedAt(Instant.ofEpochMilli(nowMillis))
                .setDetail(indicator.getValue() + " is reported by " + evidence.size() + " parties")
                .build();
    }
}
