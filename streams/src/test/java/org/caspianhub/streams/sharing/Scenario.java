package org.caspianhub.streams.sharing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
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

    /** Values that relate to each other: a domain, a subdomain, URLs on them, an address, its prefix, a hash. */
    public static final List<String> VALUES = List.of(
            "nightjar-c2.net",
            "cdn.nightjar-c2.net",
            "http://nightjar-c2.net/gate.php",
            "45.83.12.7",
            "45.83.12.0/24",
            "http://45.83.12.7/drop.bin",
            "5d41402abc4b2a76b9719d911017c592f1f62c1b7ab4ef4c8d1e0a2b3c4d5e6f");

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

    /**
     * Sequences of up to 14 events among two or three parties, on a few values that relate to each
     * other (most events on the first values, so that parties meet on them); ids by position.
     */
    public static Arbitrary<Scenario> arbitrary() {
        Arbitrary<List<String>> parties = Arbitraries.of(List.of("ir", "az"), List.of("ir", "az", "kz"));
        return parties.flatMap(ps -> {
            Arbitrary<String> agreements = ps.size() == 2 ? Arbitraries.of("none", "ir:az")
                    : Arbitraries.of("none", "ir:az", "ir:az,az:kz");
            Arbitrary<List<Scenario.Step>> steps = step(ps).list().ofMinSize(1).ofMaxSize(14);
            return Combinators.combine(agreements, steps).as((a, s) -> new Scenario(ps, a, numbered(s)));
        });
    }

    /** {@link #arbitrary()} for {@code @ForAll(supplier = Scenario.Generated.class)}. */
    public static final class Generated implements ArbitrarySupplier<Scenario> {
        @Override
        public Arbitrary<Scenario> get() {
            return arbitrary();
        }
    }

    private static Arbitrary<Scenario.Step> step(List<String> parties) {
        Arbitrary<String> party = Arbitraries.of(parties);
        // most events on a few values, so that parties meet on them; the others for relations
        Arbitrary<String> value = Arbitraries.frequency(Tuple.of(6, VALUES.get(0)), Tuple.of(2, VALUES.get(1)),
                Tuple.of(3, VALUES.get(2)), Tuple.of(4, VALUES.get(3)), Tuple.of(2, VALUES.get(4)), Tuple.of(1, VALUES.get(5)),
                Tuple.of(1, VALUES.get(6)));
        Arbitrary<Tlp> level = Arbitraries.of(Tlp.values()).injectNull(0.08); // null: a level this build does not know
        Arbitrary<Scenario.Step> submit = Combinators.combine(party, value, level,
                        Arbitraries.subsetOf("c2", "op-nightjar"),
                        Arbitraries.subsetOf("incident:IR-2026-0099", "campaign:APT-X"),
                        Arbitraries.of("HUMINT-K, do not share", "seen in proxy logs").injectNull(0.5),
                        Arbitraries.of(40, 90), Arbitraries.of(Severity.MEDIUM, Severity.HIGH))
                .as((p, v, tlp, tags, refs, description, confidence, severity) -> new Scenario.Submit("", p, v, tlp,
                        tags, refs, description, confidence, severity, null));
        Arbitrary<Scenario.Step> grouped = Combinators.combine(party, value, level,
                        Arbitraries.of("bundle-1", "bundle-2"))
                .as((p, v, tlp, group) -> new Scenario.Submit("", p, v, tlp, Set.of(), Set.of(), null, 70,
                        Severity.MEDIUM, group));
        Arbitrary<Scenario.Step> revoke = Combinators.combine(party, value).as((p, v) -> new Scenario.Revoke("", p, v));
        Arbitrary<Scenario.Step> sight = Combinators.combine(party, value, Arbitraries.of(SightingKind.values()))
                .as((p, v, kind) -> new Scenario.Sight("", p, v, kind));
        Arbitrary<Scenario.Step> wait = Arbitraries.of(Duration.ofHours(1), Duration.ofDays(10), Duration.ofDays(20),
                Duration.ofDays(45)).map(Scenario.Wait::new);
        return Arbitraries.frequencyOf(
                Tuple.of(8, submit), Tuple.of(2, grouped), Tuple.of(2, revoke), Tuple.of(2, sight), Tuple.of(2, wait));
    }

    /** Gives each event its id by position, so shrinking keeps ids unique and readable. */
    private static List<Scenario.Step> numbered(List<Scenario.Step> steps) {
        List<Scenario.Step> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            String id = "e" + (i + 1);
            Scenario.Step s = steps.get(i);
            if (s instanceof Scenario.Submit x) {
                out.add(new Scenario.Submit(id, x.party(), x.value(), x.tlp(), x.tags(), x.references(), x.description(),
                        x.confidence(), x.severity(), x.groupRef()));
            } else if (s instanceof Scenario.Revoke x) {
                out.add(new Scenario.Revoke(id, x.party(), x.value()));
            } else if (s instanceof Scenario.Sight x) {
                out.add(new Scenario.Sight(id, x.party(), x.value(), x.kind()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "parties " + parties + ", AMBER agreements " + agreements + ":\n  "
                + steps.stream().map(Step::toString).collect(Collectors.joining("\n  "));
    }
}
