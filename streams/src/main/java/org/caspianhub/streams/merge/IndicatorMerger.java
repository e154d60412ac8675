package org.caspianhub.streams.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.PartyFeedback;
import org.caspianhub.streams.lifecycle.Lifetimes;
import org.caspianhub.streams.score.ScoreBand;
import org.caspianhub.streams.score.ScoreModel;

/**
 * Stage 3, as pure logic: folds one event (a submission, a revocation, a SOC report) into an
 * indicator's merged state. One {@link Contribution} per party holds what that party said, merged
 * over its submissions (counts, first and last seen, the latest TLP, confidence and severity, the
 * union of tags and references). A re-submission that says nothing new only moves counters; a
 * revocation withdraws the submitting party's own contribution and nobody else's.
 *
 * <p>The state passed in is changed in place (it was just read from the store for this event).
 */
public final class IndicatorMerger {

    private final Lifetimes lifetimes;
    private final ScoreModel scores;

    public IndicatorMerger(Lifetimes lifetimes, ScoreModel scores) {
        this.lifetimes = lifetimes;
        this.scores = scores;
    }

    public MergeResult apply(IndicatorState current, IndicatorEvent event, long nowMillis) {
        if (event.getSighting() != null) {
            return sight(current, event.getParty(), event.getSighting(), nowMillis);
        }
        IndicatorSubmission submission = event.getSubmission();
        if (submission.getAction() == SubmissionAction.REVOKE) {
            return revoke(current, event.getParty(), submission, nowMillis);
        }
        return submit(current, event, nowMillis);
    }

    private MergeResult submit(IndicatorState current, IndicatorEvent event, long nowMillis) {
        IndicatorSubmission s = event.getSubmission();
        String party = event.getParty();
        boolean created = current == null;
        IndicatorState state = created ? newState(event, s.getSubmittedAt()) : current;
        Indicator indicator = state.getIndicator();
        Contribution c = indicator.getContributions().get(party);
        boolean material;
        boolean visibilityChanged;
        if (c == null) {
            indicator.getContributions().put(party, newContribution(event, s));
            material = true;
            visibilityChanged = true;
        } else {
            if (s.getSubmissionId().equals(c.getLastSubmissionId())) {
                return MergeResult.nothing(MergeResult.Effect.SAME_SUBMISSION);
            }
            visibilityChanged = c.getTlp() != s.getTlp() || c.getRevoked();
            material = refresh(c, event, s) | visibilityChanged;
        }
        if (!indicator.getWarninglists().equals(event.getWarninglists())) {
            indicator.setWarninglists(new ArrayList<>(event.getWarninglists()));
            material = true;
        }
        material |= recompute(state, nowMillis);
        MergeResult.Effect effect = created ? MergeResult.Effect.CREATED
                : material ? MergeResult.Effect.CHANGED : MergeResult.Effect.RESUBMITTED;
        return new MergeResult(effect, state, material || created, visibilityChanged);
    }

    private MergeResult revoke(IndicatorState current, String party, IndicatorSubmission s, long nowMillis) {
        Contribution c = current == null ? null : current.getIndicator().getContributions().get(party);
        if (c == null) {
            return MergeResult.nothing(MergeResult.Effect.REVOCATION_REFUSED);
        }
        if (c.getRevoked()) {
            return MergeResult.nothing(MergeResult.Effect.REVOKED_AGAIN);
        }
        c.setRevoked(true);
        c.setLastSubmissionId(s.getSubmissionId());
        recompute(current, nowMillis);
        return new MergeResult(MergeResult.Effect.REVOKED, current, true, true);
    }

    private MergeResult sight(IndicatorState current, String party, Sighting sighting, long nowMillis) {
        if (current == null) {
            return MergeResult.nothing(MergeResult.Effect.SIGHTING_UNKNOWN);
        }
        PartyFeedback feedback = current.getFeedback().get(party);
        if (feedback == null) {
            feedback = new PartyFeedback(0, 0, null);
            current.getFeedback().put(party, feedback);
        }
        Indicator indicator = current.getIndicator();
        boolean material;
        if (sighting.getKind() == SightingKind.FALSE_POSITIVE) {
            feedback.setFalsePositives(feedback.getFalsePositives() + 1);
            indicator.setFalsePositiveCount(indicator.getFalsePositiveCount() + 1);
            material = true;
        } else {
            int count = Math.max(1, sighting.getCount());
            feedback.setSightings(feedback.getSightings() + count);
            indicator.setSightingCount(indicator.getSightingCount() + count);
            material = false;
        }
        Instant at = sighting.getObservedAt();
        if (at != null && (feedback.getLastSightedAt() == null || at.isAfter(feedback.getLastSightedAt()))) {
            feedback.setLastSightedAt(at);
        }
        if (at != null && (indicator.getLastSightedAt() == null || at.isAfter(indicator.getLastSightedAt()))) {
            indicator.setLastSightedAt(at);
        }
        material |= recompute(current, nowMillis);
        return new MergeResult(MergeResult.Effect.SIGHTED, current, material, false);
    }

    /**
     * Recomputes what derives from the contributions (first and last seen, status, expiry, the hub's
     * own score). True when the status or the score band changed.
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

    private static Contribution newContribution(IndicatorEvent event, IndicatorSubmission s) {
        return new Contribution(event.getParty(), 1, s.getSubmittedAt(), s.getSubmittedAt(), s.getTlp(),
                event.getConfidence(), event.getSourceReliability(), s.getSeverity(), distinct(s.getTags()),
                distinct(s.getReferences()),
                s.getGroupRef() == null ? new ArrayList<>(0) : new ArrayList<>(List.of(s.getGroupRef())),
                s.getDescription(), s.getSubmitter(), s.getValidUntil(), false, s.getSubmissionId());
    }

    /** Folds a re-submission into the party's contribution; true when something material changed. */
    private static boolean refresh(Contribution c, IndicatorEvent event, IndicatorSubmission s) {
        boolean material = false;
        c.setSubmissionCount(c.getSubmissionCount() + 1);
        if (s.getSubmittedAt().isAfter(c.getLastSeen())) {
            c.setLastSeen(s.getSubmittedAt());
        }
        if (s.getSubmittedAt().isBefore(c.getFirstSeen())) {
            c.setFirstSeen(s.getSubmittedAt());
        }
        if (c.getTlp() != s.getTlp()) {
            c.setTlp(s.getTlp());
            material = true;
        }
        if (c.getConfidence() != event.getConfidence()) {
            c.setConfidence(event.getConfidence());
            material = true;
        }
        if (!Objects.equals(c.getSourceReliability(), event.getSourceReliability())) {
            c.setSourceReliability(event.getSourceReliability());
            material = true;
        }
        if (c.getSeverity() != s.getSeverity()) {
            c.setSeverity(s.getSeverity());
            material = true;
        }
        material |= addAll(c.getTags(), s.getTags());
        material |= addAll(c.getReferences(), s.getReferences());
        if (s.getGroupRef() != null && !c.getGroupRefs().contains(s.getGroupRef())) {
            c.getGroupRefs().add(s.getGroupRef());
            material = true;
        }
        if (!Objects.equals(c.getValidUntil(), s.getValidUntil())) {
            c.setValidUntil(s.getValidUntil());
            material = true;
        }
        if (c.getRevoked()) {
            c.setRevoked(false); // submitting again stands behind it again
            material = true;
        }
        if (s.getDescription() != null) {
            c.setDescription(s.getDescription());
        }
        if (s.getSubmitter() != null) {
            c.setSubmitter(s.getSubmitter());
        }
        c.setLastSubmissionId(s.getSubmissionId());
        return material;
    }

    private static boolean addAll(List<String> target, List<String> values) {
        boolean added = false;
        for (String v : values) {
            if (!target.contains(v)) {
                target.add(v);
                added = true;
            }
        }
        return added;
    }

    private static List<String> distinct(List<String> values) {
        if (values.isEmpty()) {
            return new ArrayList<>(0);
        }
        Set<String> set = new LinkedHashSet<>(values);
        return new ArrayList<>(set);
    }
}
