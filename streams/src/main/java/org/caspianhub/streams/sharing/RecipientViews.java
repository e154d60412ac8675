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
import org.caspianhub.avro.streams.RecipientState;
import org.caspianhub.streams.lifecycle.Lifetimes;
import org.caspianhub.streams.score.ScoreModel;
import org.caspianhub.tlp.TlpOrder;

/**
 * Computes a recipient's {@link View} of an indicator from its own evidence (see
 * {@link RecipientFolds}, which decides what that evidence may hold). Nothing here looks at the
 * hub's evidence except through a recipient that mirrors it.
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

    /** The folds that build each recipient's evidence, under the same policy. */
    public RecipientFolds folds() {
        return new RecipientFolds(policy, feedbackTlp);
    }

    /** The recipient's view at {@code nowMillis}, or null when it knows nothing of the indicator. */
    public View viewFor(IndicatorState state, String recipient, long nowMillis) {
        RecipientState own = state.getRecipients().get(recipient);
        if (own == null) {
            return null;
        }
        Map<String, Contribution> contributions = RecipientFolds.contributions(state, own);
        if (contributions.isEmpty()) {
            return null;
        }
        Indicator indicator = state.getIndicator();
        List<Contribution> visible = new ArrayList<>(contributions.size());
        List<Contribution> active = new ArrayList<>(contributions.size());
        TreeSet<String> activeParties = new TreeSet<>();
        TreeSet<String> revokedParties = new TreeSet<>();
        TreeSet<String> tags = new TreeSet<>();
        Tlp tlp = Tlp.CLEAR; // folded with TlpOrder.stricter: the least restrictive to start from
        Severity severity = Severity.UNKNOWN;
        Instant firstSeen = null;
        Instant lastSeen = null;
        // in party order, so that an alert lists them the same however its map was built (one needs no sorting)
        Iterable<Map.Entry<String, Contribution>> inOrder = contributions.size() == 1 ? contributions.entrySet()
                : new java.util.TreeMap<>(contributions).entrySet();
        for (Map.Entry<String, Contribution> entry : inOrder) {
            Contribution c = entry.getValue();
            visible.add(c);
            tlp = TlpOrder.stricter(tlp, c.getTlp());
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
        int sightings = 0;
        int falsePositives = 0;
        for (Map.Entry<String, PartyFeedback> entry : RecipientFolds.feedback(state, own).entrySet()) {
            sightings += entry.getValue().getSightings();
            falsePositives += entry.getValue().getFalsePositives();
            if (!entry.getKey().equals(recipient)) {
                // another party's SOC feedback is revealed under the configured level
                tlp = TlpOrder.stricter(tlp, feedbackTlp);
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

    /** When the recipient's active evidence ages out, or null (nothing active, or nothing that ages). */
    public Instant expiresAt(IndicatorState state, String recipient) {
        RecipientState own = state.getRecipients().get(recipient);
        if (own == null) {
            return null;
        }
        if (own.getMirrorsHub()) {
            // the hub's own evidence, whose expiry the merge stage has just computed the same way
            return state.getIndicator().getExpiresAt();
        }
        List<Contribution> active = new ArrayList<>(2);
        for (Contribution c : RecipientFolds.contributions(state, own).values()) {
            if (!c.getRevoked()) {
                active.add(c);
            }
        }
        return lifetimes.expiry(state.getIndicator().getType(), active);
    }
}
