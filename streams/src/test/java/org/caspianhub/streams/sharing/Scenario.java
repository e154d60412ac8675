package org.caspianhub.streams.sharing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.Tlp;

/**
 * A sequence of events for the noninterference property, and its projection for one recipient:
 * the same sequence with every contribution the recipient may not see removed. The projection is
 * written here from the rules of docs/sharing-policy.md alone, not from the topology's code:
 *
 * <ul>
 * <li>a submission the recipient may see stays;</li>
 * <li>one it may not see disappears, unless it tightens a contribution the recipient could see
 *     (the party's previous word on the value was visible and not withdrawn): then it becomes that
 *     party's open revocation of the value, at the same moment and with the same id;</li>
 * <li>SOC feedback stays when the recipient may learn the reporting party's feedback;</li>
 * <li>revocations and the passing of time stay.</li>
 * </ul>
 *
 * @param parties    the configured parties (two or three)
 * @param agreements the AMBER agreements, as {@code CASPIAN_AMBER_AGREEMENTS} reads them
 */
public record Scenario(List<String> parties, String agreements, List<Step> steps) {

    /** The level SOC feedback travels under (the driver's default {@code CASPIAN_STREAMS_SIGHTINGS_TLP}). */
    static final Tlp FEEDBACK_TLP = Tlp.AMBER;

    /** One event of the sequence. */
    public sealed interface Step permits Submit, Revoke, Sight, Wait {
    }

    /**
     * A party submits a value (again). {@code id} is the submission id, unique in the sequence; a null
     * {@code tlp} is a level this build does not know (written with a newer schema's symbol).
     */
    public record Submit(String id, String party, String value, Tlp tlp, Set<String> tags, Set<String> references,
                         String description, int confidence, Severity severity, String groupRef) implements Step {
        @Override
        public String toString() {
            return party + " submits " + value + " " + (tlp == null ? "UNKNOWN-LEVEL" : tlp) + " (" + id + ", confidence " + confidence + ", " + severity
                    + (tags.isEmpty() ? "" : ", tags " + tags) + (references.isEmpty() ? "" : ", references " + references)
                    + (description == null ? "" : ", \"" + description + "\"")
                    + (groupRef == null ? "" : ", group " + groupRef) + ")";
        }
    }

    /** A party revokes its own report of a value. */
    public record Revoke(String id, String party, String value) implements Step {
        @Override
        public String toString() {
            return party + " revokes " + value + " (" + id + ")";
        }
    }

    /** A party's SOC reports a sighting or a false positive. */
    public record Sight(String id, String party, String value, SightingKind kind) implements Step {
        @Override
        public String toString() {
            return party + " reports " + kind.name().toLowerCase() + " of " + value + " (" + id + ")";
        }
    }

    /** Time passes (the expiry sweep runs). */
    public record Wait(Duration duration) implements Step {
        @Override
        public String toString() {
            return "wait " + duration.toString().substring(2).toLowerCase();
        }
    }

    /**
     * Whether {@code recipient} may learn what {@code contributor} said under {@code tlp} (TLP 2.0 as
     * documented; a level this build does not know, null here, as RED).
     */
    boolean mayLearn(String recipient, String contributor, Tlp tlp) {
        if (recipient.equals(contributor)) {
            return true;
        }
        if (tlp == null) {
            return false;
        }
        return switch (tlp) {
            case CLEAR, GREEN -> true;
            case AMBER -> agreed(contributor, recipient);
            case AMBER_STRICT, RED -> false;
        };
    }

    private boolean agreed(String a, String b) {
        for (String pair : agreements.split(",")) {
            String[] ab = pair.split(":");
            if (ab.length == 2 && (ab[0].equals(a) && ab[1].equals(b) || ab[0].equals(b) && ab[1].equals(a))) {
                return true;
            }
        }
        return false;
    }

    /** The sequence {@code recipient} must not be able to tell from this one. */
    public Scenario without(String recipient) {
        // per party and value: whether the recipient holds a standing (visible, not withdrawn) report
        Map<String, Boolean> standing = new HashMap<>();
        List<Step> kept = new ArrayList<>(steps.size());
        for (Step step : steps) {
            if (step instanceof Submit s) {
                String key = s.party() + "|" + s.value();
                if (mayLearn(recipient, s.party(), s.tlp())) {
                    kept.add(s);
                    standing.put(key, true);
                } else if (standing.getOrDefault(key, false)) {
                    kept.add(new Revoke(s.id(), s.party(), s.value()));
                    standing.put(key, false);
                }
            } else if (step instanceof Revoke r) {
                kept.add(r);
                standing.put(r.party() + "|" + r.value(), false);
            } else if (step instanceof Sight s) {
                if (mayLearn(recipient, s.party(), FEEDBACK_TLP)) {
                    kept.add(s);
                }
            } else {
                kept.add(step);
            }
        }
        return new Scenario(parties, agreements, kept);
    }

    @Override
    public String toString() {
        return "parties " + parties + ", AMBER agreements " + agreements + ":\n  "
                + steps.stream().map(Step::toString).collect(Collectors.joining("\n  "));
    }
}
