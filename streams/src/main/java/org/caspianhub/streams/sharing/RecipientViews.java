package org.caspianhub.streams.sharing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.PartyFeedback;
import org.caspianhub.streams.lifecycle.Lifetimes;
import org.caspianhub.streams.score.ScoreModel;

/**
 * Computes a recipient's {@link View} of an indicator from its merged state, applying
 * {@link TlpPolicy} to every contribution and to every party's SOC feedback (which travels as far
 * as {@code CASPIAN_STREAMS_SIGHTINGS_TLP} allows).
 */
public final class RecipientViews {

    private final TlpPolicy policy;
    private final ScoreModel scores;
    private final Lifetimes lifetimes;
    private final Tlp feedbackTlp;

    public RecipientViews(TlpPolicy policy, ScoreModel scores, Lifetimes lifetimes, Tlp feedbackTlp) {
        this.policy = policy;
        this.scores = scores;
        this.lifetimes = lifetimes;
        this.feedbackTlp = feedbackTlp;
    }

    public TlpPolicy policy() {
        return policy;
    }

    /** The recipient's view at {@code nowMillis}, or null when it may see no contribution at all. */
    public View viewFor(IndicatorState state, String recipient, long nowMillis) {
        Indicator indicator = state.getIndicator();
        List<Contribution> visible = null;
        List<Contribution> active = null;
        TreeSet<String> activeParties = null;
        TreeSet<String> revokedParties = null;
        Tlp tlp = null;
        Severity severity = Severity.UNKNOWN;
        Instant firstSeen = null;
        Instant lastSeen = null;
        TreeSet<String> tags = null;
        for (Map.Entry<String, Contribution> entry : indicator.getContributions().entrySet()) {
            Contribution c = entry.getValue();
            if (!policy.mayLearn(recipient, entry.getKey(), c.getTlp())) {
                continue;
            }
            if (visible == null) {
                visible = new ArrayList<>(2);
                active = new ArrayList<>(2);
                activeParties = new TreeSet<>();
                revokedParties = new TreeSet<>();
                tags = new TreeSet<>();
            }
            visible.add(c);
            tlp = TlpPolicy.stricter(tlp, c.getTlp());
            firstSeen = firstSeen == null || c.getFirstSeen().isBefore(firstSeen) ? c.getFirstSeen() : firstSeen;
            lastSeen = lastSeen == null || c.getLastSeen().isAfter(lastSeen) ? c.getLastSeen() : lastSeen;
            if (c.getRevoked()) {
                revokedParties.add(entry.getKey());
            } else {
                active.add(c);
                activeParties.add(entry.getKey());
                tags.addAll(c.getTags());
                if (c.getSeverity().ordinal() > severity.ordinal()) {
                    severity = c.getSeverity();
                }
            }
        }
        if (visible == null) {
            return null;
        }
        int sightings = 0;
        int falsePositives = 0;
        for (Map.Entry<String, PartyFeedback> entry : state.getFeedback().entrySet()) {
            if (policy.mayLearn(recipient, entry.getKey(), feedbackTlp)) {
                sightings += entry.getValue().getSightings();
                falsePositives += entry.getValue().getFalsePositives();
                if (!entry.getKey().equals(recipient)) {
                    // another party's SOC feedback is revealed under the configured level
                    tlp = TlpPolicy.stricter(tlp, feedbackTlp);
                }
            }
        }
        Instant expiresAt = lifetimes.expiry(indicator.getType(), active);
        IndicatorStatus status;
        if (active.isEmpty()) {
            status = IndicatorStatus.REVOKED;
        } else if (expiresAt != null && expiresAt.toEpochMilli() <= nowMillis) {
            status = IndicatorStatus.EXPIRED;
        } else {
            status = IndicatorStatus.ACTIVE;
        }
        int score = scores.score(indicator.getType(), active, sightings, falsePositives, nowMillis);
        return new View(recipient, visible, List.copyOf(activeParties), List.copyOf(revokedParties), score, severity,
                tlp, status, sightings, falsePositives, firstSeen, lastSeen, expiresAt, List.copyOf(tags));
    }
}
