package org.caspianhub.streams.merge;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.avro.streams.PartyFeedback;

/**
 * One step of a fold over party-keyed evidence: what each party said of one indicator (its
 * {@link Contribution}, merged over its submissions) and what each party's SOCs reported. The hub
 * folds every event into its own evidence; each recipient folds only the events it may see into
 * its own ({@link org.caspianhub.streams.sharing.RecipientFolds}). Both use these same steps, so a
 * recipient's evidence is exactly what the hub's would be had the events it may not see never
 * been made.
 */
public final class EvidenceFold {

    /** What one step did. */
    public enum Outcome {
        /** The party's first contribution. */
        ADDED,
        /** A material change of the party's contribution. */
        CHANGED,
        /** The party said again what it had said: counters only. */
        RESUBMITTED,
        /** The same submission id as the party's latest (a producer retry): nothing. */
        SAME_SUBMISSION,
        REVOKED,
        /** The contribution was already revoked: nothing. */
        REVOKED_AGAIN,
        /** A revocation by a party with no contribution here: nothing (refused at the hub). */
        NOT_CONTRIBUTED,
        SIGHTED,
        /** SOC feedback on evidence that does not exist: nothing. */
        UNKNOWN,
        /** A false-positive report from a party that already reported one: nothing. */
        FALSE_POSITIVE_AGAIN,
        /** An event this fold may not see, that changed nothing in it. */
        UNSEEN;

        /** Whether the step changed the evidence, so its owner's view must be looked at again. */
        public boolean touched() {
            return this == ADDED || this == CHANGED || this == RESUBMITTED || this == REVOKED || this == SIGHTED;
        }
    }

    /**
     * @param material          something worth telling may have changed (beyond counters)
     * @param visibilityChanged who stands behind the indicator, or under which TLP, changed
     */
    public record Step(Outcome outcome, boolean material, boolean visibilityChanged) {

        static final Step SAME = new Step(Outcome.SAME_SUBMISSION, false, false);
        static final Step REVOKED_AGAIN = new Step(Outcome.REVOKED_AGAIN, false, false);
        static final Step NOT_CONTRIBUTED = new Step(Outcome.NOT_CONTRIBUTED, false, false);
        static final Step UNKNOWN = new Step(Outcome.UNKNOWN, false, false);
        static final Step FALSE_POSITIVE_AGAIN = new Step(Outcome.FALSE_POSITIVE_AGAIN, false, false);
        public static final Step UNSEEN = new Step(Outcome.UNSEEN, false, false);

        public boolean touched() {
            return outcome.touched();
        }
    }

    /**
     * The most tags, references and group references one contribution keeps (the first said): the
     * intake's per-submission limits, held over the union of a party's submissions too, so no
     * party's repeated submissions can grow a state past what the store and its changelog take.
     */
    static final int MAX_TAGS = 50;
    static final int MAX_REFERENCES = 20;
    static final int MAX_GROUPS = 20;

    private EvidenceFold() {
    }

    /** Folds a submission (action SUBMIT) into the submitting party's contribution. */
    public static Step submit(Map<String, Contribution> contributions, IndicatorEvent event) {
        IndicatorSubmission s = event.getSubmission();
        Contribution c = contributions.get(event.getParty());
        if (c == null) {
            contributions.put(event.getParty(), newContribution(event, s));
            return new Step(Outcome.ADDED, true, true);
        }
        if (s.getSubmissionId().equals(c.getLastSubmissionId())) {
            return Step.SAME;
        }
        boolean visibilityChanged = c.getTlp() != s.getTlp() || c.getRevoked();
        boolean material = refresh(c, event, s) | visibilityChanged;
        return new Step(material ? Outcome.CHANGED : Outcome.RESUBMITTED, material, visibilityChanged);
    }

    /**
     * Withdraws a party's contribution: its own revocation, or, in a recipient's fold, a submission
     * under a TLP the recipient may not see (it reads exactly as the revocation would).
     */
    public static Step withdraw(Map<String, Contribution> contributions, String party, String submissionId) {
        Contribution c = contributions.get(party);
        if (c == null) {
            return Step.NOT_CONTRIBUTED;
        }
        if (c.getRevoked()) {
            return Step.REVOKED_AGAIN;
        }
        c.setRevoked(true);
        c.setLastSubmissionId(submissionId);
        return new Step(Outcome.REVOKED, true, true);
    }

    /**
     * Counts a SOC report of one party; nothing when the evidence holds no contribution at all. A
     * party's false-positive report counts once: a party's own Kafka client repeating it cannot
     * halve the score again and again, nor alert every recipient each time.
     */
    public static Step sight(Map<String, Contribution> contributions, Map<String, PartyFeedback> feedback,
                             String party, Sighting sighting) {
        if (contributions.isEmpty()) {
            return Step.UNKNOWN;
        }
        PartyFeedback f = feedback.get(party);
        if (f == null) {
            f = new PartyFeedback(0, 0, null);
            feedback.put(party, f);
        }
        boolean material;
        if (sighting.getKind() == SightingKind.FALSE_POSITIVE) {
            if (f.getFalsePositives() > 0) {
                return Step.FALSE_POSITIVE_AGAIN; // one party's word counts once, however often it repeats it
            }
            f.setFalsePositives(1);
            material = true;
        } else {
            f.setSightings(f.getSightings() + sightingCount(sighting));
            material = false;
        }
        if (sighting.getObservedAt() != null
                && (f.getLastSightedAt() == null || sighting.getObservedAt().isAfter(f.getLastSightedAt()))) {
            f.setLastSightedAt(sighting.getObservedAt());
        }
        return new Step(Outcome.SIGHTED, material, false);
    }

    /** How many sightings one report counts for (at least one). */
    public static int sightingCount(Sighting sighting) {
        return Math.max(1, sighting.getCount());
    }

    /** Whether the party's contribution stands (exists and is not revoked). */
    public static boolean active(Map<String, Contribution> contributions, String party) {
        Contribution c = contributions.get(party);
        return c != null && !c.getRevoked();
    }

    private static Contribution newContribution(IndicatorEvent event, IndicatorSubmission s) {
        return new Contribution(event.getParty(), 1, s.getSubmittedAt(), s.getSubmittedAt(), s.getTlp(),
                event.getConfidence(), event.getSourceReliability(), s.getSeverity(), distinct(s.getTags(), MAX_TAGS),
                distinct(s.getReferences(), MAX_REFERENCES),
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
        material |= addAll(c.getTags(), s.getTags(), MAX_TAGS);
        material |= addAll(c.getReferences(), s.getReferences(), MAX_REFERENCES);
        if (s.getGroupRef() != null && !c.getGroupRefs().contains(s.getGroupRef())
                && c.getGroupRefs().size() < MAX_GROUPS) {
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

    private static boolean addAll(List<String> target, List<String> values, int most) {
        boolean added = false;
        for (String v : values) {
            if (target.size() < most && !target.contains(v)) {
                target.add(v);
                added = true;
            }
        }
        return added;
    }

    private static List<String> distinct(List<String> values, int most) {
        if (values.isEmpty()) {
            return new ArrayList<>(0);
        }
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        return distinct.size() <= most ? distinct : new ArrayList<>(distinct.subList(0, most));
    }
}
