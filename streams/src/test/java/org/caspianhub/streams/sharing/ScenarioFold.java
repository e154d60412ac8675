package org.caspianhub.streams.sharing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.parties.Parties;
import org.caspianhub.streams.lifecycle.Lifetimes;
import org.caspianhub.streams.merge.IndicatorMerger;
import org.caspianhub.streams.merge.MergeResult;
import org.caspianhub.streams.score.ScoreModel;
import org.caspianhub.tlp.TlpOrder;

/**
 * Runs a {@link Scenario} through the merge stage's pure logic alone ({@link IndicatorMerger} and
 * the {@link RecipientViews} over its state), without Kafka or a topology: one state per value,
 * as the store would hold it, and a clock that the scenario's waits move. A submission under a
 * level this build does not know ({@code null} in a scenario) arrives as RED, as the {@code Tlp}
 * schema's default makes the hub read it.
 */
public final class ScenarioFold {

    public static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final IndicatorMerger merger;
    private final RecipientViews views;
    private final Map<String, IndicatorState> states = new TreeMap<>();
    private Instant clock = T0;

    public ScenarioFold(String parties, String agreements) {
        Lifetimes lifetimes = Lifetimes.defaultLifetimes();
        ScoreModel scores = new ScoreModel(lifetimes);
        this.views = new RecipientViews(new TlpPolicy(Parties.parse(parties, agreements)), scores, lifetimes,
                Scenario.FEEDBACK_TLP);
        this.merger = new IndicatorMerger(lifetimes, scores, views.folds());
    }

    /** A fold for the scenario's parties and agreements, with nothing applied yet. */
    public static ScenarioFold forParties(Scenario scenario) {
        return new ScenarioFold(String.join(",", scenario.parties()), scenario.agreements());
    }

    /** A fold for the scenario's parties and agreements, with every step of it applied. */
    public static ScenarioFold of(Scenario scenario) {
        ScenarioFold fold = forParties(scenario);
        scenario.steps().forEach(fold::apply);
        return fold;
    }

    public IndicatorMerger merger() {
        return merger;
    }

    public RecipientViews views() {
        return views;
    }

    /** The value's state as stored, or null when the hub holds nothing of it. */
    public IndicatorState state(String value) {
        return states.get(value);
    }

    /** Every value the hub holds a state for, in value order. */
    public Map<String, IndicatorState> states() {
        return states;
    }

    /** The recipient's view of the value now, or null when it knows nothing of it. */
    public View view(String value, String recipient) {
        IndicatorState state = states.get(value);
        return state == null ? null : views.viewFor(state, recipient, clock.toEpochMilli());
    }

    /** Applies one step as the merge stage would; null for the passing of time (nothing is merged). */
    public MergeResult apply(Scenario.Step step) {
        if (step instanceof Scenario.Wait w) {
            clock = clock.plus(w.duration());
            return null;
        }
        return apply(event(step, clock));
    }

    /** Applies an event made by {@link #event} and then changed (a field a scenario does not set). */
    public MergeResult apply(IndicatorEvent event) {
        MergeResult result = merger.apply(states.get(event.getValue()), event, clock.toEpochMilli());
        if (result.state() != null) {
            states.put(event.getValue(), result.state());
        }
        return result;
    }

    /** The event the intake would make of one step at {@code at}. */
    public static IndicatorEvent event(Scenario.Step step, Instant at) {
        if (step instanceof Scenario.Submit s) {
            return event(s.party(), s.value(), s.confidence(), IndicatorSubmission.newBuilder().setSubmissionId(s.id())
                    .setAction(SubmissionAction.SUBMIT).setValue(s.value()).setTlp(TlpOrder.orRed(s.tlp()))
                    .setConfidence(s.confidence()).setSeverity(s.severity()).setTags(List.copyOf(s.tags()))
                    .setReferences(List.copyOf(s.references())).setDescription(s.description())
                    .setGroupRef(s.groupRef()).setChannel(SourceChannel.ANALYST).setSubmittedAt(at).build(), null);
        }
        if (step instanceof Scenario.Revoke r) {
            return event(r.party(), r.value(), 50, IndicatorSubmission.newBuilder().setSubmissionId(r.id())
                    .setAction(SubmissionAction.REVOKE).setValue(r.value()).setTlp(Tlp.GREEN)
                    .setChannel(SourceChannel.ANALYST).setSubmittedAt(at).build(), null);
        }
        Scenario.Sight s = (Scenario.Sight) step;
        return event(s.party(), s.value(), 50, null, Sighting.newBuilder().setSightingId(s.id()).setValue(s.value())
                .setKind(s.kind()).setCount(1).setObservedAt(at).build());
    }

    /** A submission of {@code value} by {@code party}, at the start of the clock. */
    public static Scenario.Submit submit(String id, String party, String value, Tlp tlp, String... tags) {
        return new Scenario.Submit(id, party, value, tlp, Set.of(tags), Set.of(), null, 80,
                Severity.HIGH, null);
    }

    /** The submission's event at the start of the clock, with a valid-until date (which a scenario does not set). */
    public static IndicatorEvent validUntil(Scenario.Submit submission, Instant validUntil) {
        IndicatorEvent event = event(submission, T0);
        event.getSubmission().setValidUntil(validUntil);
        return event;
    }

    public static Scenario.Sight sight(String id, String party, String value, SightingKind kind) {
        return new Scenario.Sight(id, party, value, kind);
    }

    private static IndicatorEvent event(String party, String value, int confidence, IndicatorSubmission submission,
                                        Sighting sighting) {
        IndicatorType type = typeOf(value);
        return IndicatorEvent.newBuilder().setParty(party).setKey(type.name().toLowerCase() + ":" + value).setType(type)
                .setValue(value).setLocality(value).setStoreKey(ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)))
                .setConfidence(confidence).setSourceReliability(70).setSubmission(submission).setSighting(sighting)
                .build();
    }

    /** The types of {@link Scenario#VALUES} (and of values written like them). */
    static IndicatorType typeOf(String value) {
        if (value.startsWith("http")) {
            return IndicatorType.URL;
        }
        if (value.contains("/")) {
            return IndicatorType.CIDR;
        }
        if (value.matches("[0-9.]+")) {
            return IndicatorType.IPV4;
        }
        if (value.matches("[0-9a-f]{64}")) {
            return IndicatorType.SHA256;
        }
        return IndicatorType.DOMAIN;
    }
}
