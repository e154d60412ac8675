package org.caspianhub.streams.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.PartyFeedback;
import org.caspianhub.streams.lifecycle.Lifetimes;
import org.caspianhub.streams.score.ScoreBand;
import org.caspianhub.streams.score.ScoreModel;
import org.caspianhub.streams.sharing.RecipientFolds;

/**
 * Stage 3, as pure logic: folds one event (a submission, a revocation, a SOC report) into an
 * indicator's merged state: the hub's own evidence (one {@link Contribution} per party, merged over
 * its submissions by {@link EvidenceFold}) and each recipient's own fold of the events it may see
 * ({@link RecipientFolds}). A re-submission that says nothing new only moves counters; a
 * revocation withdraws the submitting party's own contribution and nobody else's.
 *
 * <p>The state passed in is changed in place (it was just read from the store for this event).
 */
public final class IndicatorMerger {

    private final Lifetimes lifetimes;
    private final ScoreModel scores;
    private final RecipientFolds recipients;

    public IndicatorMerger(Lifetimes lifetimes, ScoreModel scores, RecipientFolds recipients) {
        this.lifetimes = lifetimes;
        this.scores = scores;
        this.recipients = recipients;
    }

    public MergeResult apply(IndicatorState current, IndicatorEvent event, long nowMillis) {
        boolean[] sharesHubStep = recipients.prepare(current, event);
        IndicatorState state = current;
        EvidenceFold.Step step;
        boolean created = false;
        if (event.getSighting() != null) {
            step = current == null ? EvidenceFold.Step.UNKNOWN
                    : sight(current, event.getParty(), event.getSighting());
        } else if (event.getSubmission().getAction() == SubmissionAction.REVOKE) {
            step = current == null ? EvidenceFold.Step.NOT_CONTRIBUTED
                    : EvidenceFold.withdraw(current.getIndicator().getContributions(), event.getParty(),
                    event.getSubmission().getSubmissionId());
        } else {
            created = current == null;
            state = created ? newState(event, event.getSubmission().getSubmittedAt()) : current;
            step = EvidenceFold.submit(state.getIndicator().getContributions(), event);
        }
        if (state == null) {
            return MergeResult.nothing(effectOf(step, false));
        }
        RecipientFolds.Folded folded = recipients.fold(state, event, sharesHubStep, step);
        List<String> touched = folded.touched();
        boolean material = step.material();
        if (step.touched()) {
            // the lists a value is on come with its submissions (a revocation or a sighting carries none)
            if (event.getSighting() == null && event.getSubmission().getAction() == SubmissionAction.SUBMIT
                    && !state.getIndicator().getWarninglists().equals(event.getWarninglists())) {
                state.getIndicator().setWarninglists(new ArrayList<>(event.getWarninglists()));
                material = true;
            }
            material |= recompute(state, nowMillis);
        } else if (touched.isEmpty()) {
            return MergeResult.nothing(effectOf(step, false));
        }
        // relations are looked at again when who stands behind it changed in any fold, the hub's or a recipient's
        return new MergeResult(effectOf(step, created), state, material || created,
                step.visibilityChanged() || folded.visibilityChanged(), touched);
    }

    private static MergeResult.Effect effectOf(EvidenceFold.Step step, boolean created) {
        if (created) {
            return MergeResult.Effect.CREATED;
        }
        return switch (step.outcome()) {
            case ADDED, CHANGED -> MergeResult.Effect.CHANGED;
            case RESUBMITTED -> MergeResult.Effect.RESUBMITTED;
            case SAME_SUBMISSION -> MergeResult.Effect.SAME_SUBMISSION;
            case REVOKED -> MergeResult.Effect.REVOKED;
            case REVOKED_AGAIN -> MergeResult.Effect.REVOKED_AGAIN;
            case NOT_CONTRIBUTED -> MergeResult.Effect.REVOCATION_REFUSED;
            case SIGHTED -> MergeResult.Effect.SIGHTED;
            case UNKNOWN, UNSEEN -> MergeResult.Effect.SIGHTING_UNKNOWN;
            case FALSE_POSITIVE_AGAIN -> MergeResult.Effect.SIGHTED_AGAIN;
        };
    }

    /** The hub's own fold of a SOC report, with the indicator's running totals. */
    private static EvidenceFold.Step sight(IndicatorState state, String party, Sighting sighting) {
        Indicator indicator = state.getIndicator();
        EvidenceFold.Step step = EvidenceFold.sight(indicator.getContributions(), state.getFeedback(), party, sighting);
        if (!step.touched()) {
            return step;
        }
        if (sighting.getKind() == SightingKind.FALSE_POSITIVE) {
            indicator.setFalsePositiveCount(indicator.getFalsePositiveCount() + 1);
        } else {
            indicator.setSightingCount(indicator.getSightingCount() + EvidenceFold.sightingCount(sighting));
        }
        Instant at = sighting.getObservedAt();
        if (at != null && (indicator.getLastSightedAt() == null || at.isAfter(indicator.getLastSightedAt()))) {
            indicator.setLastSightedAt(at);
        }
        return step;
    }

    /**
     * Recomputes what derives from the hub's own evidence (first and last seen, status, expiry, the
     * hub's own score). True when the status or the score band changed.
     */
    public boolean recompute(IndicatorState state, long nowMillis) {
        Indicator indicator = state.getIndicator();
        List<Contribution> active = new ArrayList<>(indicator.getContributions().size());
        Instant first = null;
        Instant last = null;
        for (Contribution c : indicator.getContributions().values()) {
            if (!c.getRevoked()) {
                active.add(c);
            }
            first = first == null || c.getFirstSeen().isBefore(first) ? c.getFirstSeen() : first;
            last = last == null || c.getLastSeen().isAfter(last) ? c.getLastSeen() : last;
        }
        if (first != null) {
            indicator.setFirstSeen(first);
            indicator.setLastSeen(last);
        }
        Instant expiresAt = lifetimes.expiry(indicator.getType(), active);
        indicator.setExpiresAt(expiresAt);
        IndicatorStatus status = active.isEmpty() ? IndicatorStatus.REVOKED
                : expiresAt != null && expiresAt.toEpochMilli() <= nowMillis ? IndicatorStatus.EXPIRED
                : IndicatorStatus.ACTIVE;
        int sightings = 0;
        int falsePositives = 0;
        for (PartyFeedback f : state.getFeedback().values()) {
            sightings += f.getSightings();
            falsePositives += f.getFalsePositives();
        }
        int score = scores.score(indicator.getType(), active, sightings, falsePositives, nowMillis);
        boolean changed = status != indicator.getStatus() || ScoreBand.of(score) != ScoreBand.of(indicator.getScore());
        indicator.setStatus(status);
        indicator.setScore(score);
        indicator.setUpdatedAt(Instant.ofEpochMilli(nowMillis));
        return changed;
    }

    private static IndicatorState newState(IndicatorEvent event, Instant at) {
        Indicator indicator = new Indicator(event.getKey(), event.getType(), event.getValue(), IndicatorStatus.ACTIVE,
                new HashMap<>(4), new ArrayList<>(event.getWarninglists()), 0, 0, 0, null, at, at, null, 0L, at);
        return new IndicatorState(indicator, new HashMap<>(2), new HashMap<>(4), null);
    }
}
