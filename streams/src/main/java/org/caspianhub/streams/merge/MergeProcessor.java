package org.caspianhub.streams.merge;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.Correlation;
import org.caspianhub.avro.CorrelationEvidence;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.avro.streams.CorrelationState;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.ReferenceMember;
import org.caspianhub.streams.PipelineMetrics;
import org.caspianhub.streams.correlate.CidrIndex;
import org.caspianhub.streams.correlate.PairCorrelations;
import org.caspianhub.streams.correlate.References;
import org.caspianhub.streams.correlate.Relation;
import org.caspianhub.streams.correlate.RelationFinder;
import org.caspianhub.streams.topology.RecordFailures;
import org.caspianhub.streams.intake.SubmissionRules;
import org.caspianhub.streams.route.AlertRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages 3 to 7 for one task (one partition of indicator events): merge the event into the
 * indicator's state, route per-recipient alerts, find relations with the indicators placed in
 * the same task, hand references to the reference stage, and note when it next needs an expiry
 * check. A wall-clock punctuator sweeps the store and expires what has aged out.
 *
 * <p>Every effect (store writes, records sent) happens after the outcome is fully computed, so a
 * record that fails leaves nothing half-applied; it is logged, counted and, when it came from a
 * party, answered with a rejection. Only an unreachable schema registry is rethrown: the
 * transaction aborts and the record is processed again later.
 */
public final class MergeProcessor implements Processor<String, IndicatorEvent, String, SpecificRecord> {

    public static final String INDICATORS_STORE = "indicators";
    public static final String CORRELATIONS_STORE = "correlations";

    private static final Logger LOG = LoggerFactory.getLogger(MergeProcessor.class);
    /**
     * The expiry sweep aims to pass over the whole store about once in ten minutes, in small steps
     * (one per punctuation) so that no step stalls the task: between 1,000 and 20,000 entries a step,
     * each read for its 8-byte prefix only. Lifetimes are days, so ten minutes late is no loss. A
     * pass a minute cost far more than its own CPU: with 1.2 million indicators it read about 17,000
     * values a second, and the benchmark measured about an eighth less throughput with it (docs/benchmarks.md).
     */
    static final long SWEEP_PASS_SECONDS = 600;
    static final int MIN_SWEEP_STEP = 1_000;
    static final int MAX_SWEEP_STEP = 20_000;

    private final IndicatorMerger merger;
    private final AlertRouter router;
    private final RelationFinder finder;
    private final PairCorrelations pairs;
    private final PipelineMetrics metrics;
    private final Duration expiryInterval;
    private final Serde<IndicatorState> stateSerde;

    private ProcessorContext<String, SpecificRecord> context;
    private IndicatorStore indicators;
    private KeyValueStore<String, CorrelationState> correlations;
    private final CidrIndex cidrs = new CidrIndex();

    public MergeProcessor(IndicatorMerger merger, AlertRouter router, RelationFinder finder, PipelineMetrics metrics,
                          Duration expiryInterval, Serde<IndicatorState> stateSerde) {
        this.merger = merger;
        this.router = router;
        this.finder = finder;
        this.pairs = new PairCorrelations(router.views());
        this.metrics = metrics;
        this.expiryInterval = expiryInterval;
        this.stateSerde = stateSerde;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        KeyValueStore<Bytes, byte[]> raw = context.getStateStore(INDICATORS_STORE);
        this.indicators = new IndicatorStore(raw, stateSerde.serializer(), stateSerde.deserializer(),
                context.applicationId() + "-" + INDICATORS_STORE + "-changelog");
        this.correlations = context.getStateStore(CORRELATIONS_STORE);
        rebuildCidrIndex();
        context.schedule(expiryInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    /** The task's prefixes, from its (restored) store: the in-memory index never outlives or disagrees with it. */
    private void rebuildCidrIndex() {
        for (byte tag : new byte[] {0x03, 0x04}) {
            for (IndicatorStore.Entry entry : indicators.prefixScan(new byte[] {tag}, key -> true, Integer.MAX_VALUE)) {
                if (entry.state().getIndicator().getWarninglists().isEmpty()) {
                    cidrs.addStoreKey(entry.key());
                }
            }
        }
    }

    @Override
    public void process(Record<String, IndicatorEvent> record) {
        IndicatorEvent event = record.value();
        if (event == null) {
            return;
        }
        RecordFailures.guard(metrics, "merge", () -> process(event, record.timestamp()), e -> {
            LOG.error("indicator event {} from {} could not be merged", event.getKey(), event.getParty(), e);
            if (event.getSubmission() != null) {
                forwardRejection(event, SubmissionRules.reason("record", "processing_failed",
                        "the hub could not merge this submission: " + e), record.timestamp());
            }
        });
        metrics.merged();
    }

    private void process(IndicatorEvent event, long now) {
        byte[] storeKey = bytes(event.getStoreKey());
        IndicatorState current = indicators.get(storeKey);
        Map<String, Map<String, List<CorrelationEvidence>>> referencesBefore = current == null ? Map.of()
                : References.namedByEveryFold(current);
        MergeResult result = merger.apply(current, event, now);
        if (result.state() == null) {
            nothingStored(event, result.effect(), now);
            return;
        }
        IndicatorState state = result.state();
        Indicator indicator = state.getIndicator();
        Instant sourceTimestamp = event.getSubmission() != null ? event.getSubmission().getSubmittedAt()
                : Instant.ofEpochMilli(now);
        AlertRouter.Routed routed = router.route(state, result.touched(), result.material(), now, sourceTimestamp);

        // relations with indicators in this task, when who stands behind this one (or under which TLP) changed
        List<PairCorrelations.Outcome> related = List.of();
        boolean listed = !indicator.getWarninglists().isEmpty();
        if (result.visibilityChanged() && !listed) {
            if (result.effect() == MergeResult.Effect.CREATED && indicator.getType() == IndicatorType.CIDR) {
                cidrs.addStoreKey(storeKey);
            }
            RelationFinder.Found found = finder.find(state, storeKey, indicators, cidrs);
            if (found.capped()) {
                metrics.correlationsCapped(found.relations().isEmpty() ? null : found.relations().get(0).kind());
            }
            related = new java.util.ArrayList<>(found.relations().size());
            // each recipient is told of at most its fan-out of relations, counted over those it may see
            Map<String, Integer> room = new HashMap<>();
            result.touched().forEach(r -> room.put(r, finder.perRecipient()));
            for (Relation relation : found.relations()) {
                String id = PairCorrelations.idOf(relation.kind(), indicator.getKey(), relation.other().getIndicator().getKey());
                List<String> open = result.touched().stream().filter(r -> room.get(r) > 0).toList();
                PairCorrelations.Outcome outcome = pairs.relate(state, relation, correlations.get(id), now, sourceTimestamp,
                        open);
                outcome.alerts().forEach(alert -> room.merge(alert.getRecipient(), -1, Integer::sum));
                related.add(outcome);
            }
        }
        state.setNextExpiryCheck(routed.nextExpiry());

        // effects: state first, then records
        indicators.put(storeKey, state);
        for (PairCorrelations.Outcome outcome : related) {
            if (outcome.state() != null) {
                correlations.put(outcome.correlationId(), outcome.state());
            }
        }
        if (result.material()) {
            publish(indicator, now);
        }
        forwardAlerts(routed.alerts());
        if (result.visibilityChanged() && !listed && activeParties(indicator) >= 2) {
            forwardCorrelation(PairCorrelations.crossParty(indicator, now), now);
        }
        for (PairCorrelations.Outcome outcome : related) {
            if (outcome.correlation() != null) {
                forwardCorrelation(outcome.correlation(), now);
            }
            forwardAlerts(outcome.alerts());
        }
        if (!listed) {
            forwardReferenceChanges(referencesBefore, state, result.touched(), sourceTimestamp, now);
        }
        count(event, result, routed);
    }

    /** An event that changed no fold: counted, and a refused revocation answered. */
    private void nothingStored(IndicatorEvent event, MergeResult.Effect effect, long now) {
        switch (effect) {
            case SAME_SUBMISSION -> metrics.duplicateSuppressed(event.getParty(), "same_submission");
            case REVOKED_AGAIN -> metrics.revocation("repeated");
            case REVOCATION_REFUSED -> {
                metrics.revocation("refused");
                forwardRejection(event, SubmissionRules.reason("action", "revocation_not_allowed", event.getParty()
                        + " has no contribution to " + event.getKey() + " to revoke: only the party that submitted an "
                        + "indicator may revoke it"), now);
            }
            case SIGHTING_UNKNOWN -> metrics.sightingOfUnknownIndicator(event.getParty());
            case SIGHTED_AGAIN -> metrics.duplicateSuppressed(event.getParty(), "false_positive_again");
            default -> {
            }
        }
    }

    private void count(IndicatorEvent event, MergeResult result, AlertRouter.Routed routed) {
        switch (result.effect()) {
            case CREATED -> metrics.created(event.getType());
            case RESUBMITTED -> {
                if (routed.alerts().isEmpty()) {
                    metrics.duplicateSuppressed(event.getParty(), "resubmission");
                }
            }
            case REVOKED -> metrics.revocation("accepted");
            default -> {
            }
        }
    }

    /**
     * Sends the indicator to each reference whose naming changed in any fold (the hub's or a
     * recipient's), for the reference stage, with the recipients this event reached.
     */
    private void forwardReferenceChanges(Map<String, Map<String, List<CorrelationEvidence>>> before,
                                         IndicatorState state, List<String> touched, Instant sourceTimestamp,
                                         long now) {
        Map<String, Map<String, List<CorrelationEvidence>>> after = References.namedByEveryFold(state);
        if (before.isEmpty() && after.isEmpty()) {
            return;
        }
        Map<String, References.Named> labels = null;
        TreeSet<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String reference : keys) {
            if (Objects.equals(before.get(reference), after.get(reference))) {
                continue;
            }
            References.Named named = after.containsKey(reference)
                    ? (labels == null ? labels = References.of(state.getIndicator()) : labels).get(reference)
                    : null;
            if (named == null) {
                // no active contribution names it any more: the reference stage forgets the member
                named = new References.Named(reference, reference, reference.startsWith("group:")
                        ? CorrelationKind.CO_SUBMITTED : CorrelationKind.SHARED_REFERENCE, List.of());
            }
            ReferenceMember member = ReferenceMember.newBuilder()
                    .setReference(reference)
                    .setLabel(named.label())
                    .setKind(named.kind())
                    .setState(state)
                    .setSourceTimestamp(sourceTimestamp)
                    .setTouched(touched)
                    .build();
            context.forward(new Record<>(reference, member, now));
        }
    }

    /**
     * Stage 6: expires what aged out by now (wall clock), per recipient view and for the hub. The
     * sweep reads only each state's expiry-check prefix and decodes just the states that are due.
     */
    void expire(long now) {
        long steps = Math.max(1, SWEEP_PASS_SECONDS * 1000 / Math.max(1, expiryInterval.toMillis()));
        int budget = (int) Math.max(MIN_SWEEP_STEP, Math.min(MAX_SWEEP_STEP, indicators.approximateSize() / steps));
        for (byte[] key : indicators.sweepDue(now, budget)) {
            RecordFailures.guard(metrics, "expiry", () -> expireOne(key, now),
                    e -> LOG.error("expiry of store key {} failed", Bytes.wrap(key), e));
        }
    }

    private void expireOne(byte[] key, long now) {
        IndicatorState state = indicators.get(key);
        if (state == null || state.getNextExpiryCheck() == null || state.getNextExpiryCheck().toEpochMilli() > now) {
            return;
        }
        IndicatorStatus before = state.getIndicator().getStatus();
        merger.recompute(state, now);
        boolean expired = before != IndicatorStatus.EXPIRED && state.getIndicator().getStatus() == IndicatorStatus.EXPIRED;
        if (expired) {
            state.getIndicator().setVersion(state.getIndicator().getVersion() + 1);
        }
        AlertRouter.Routed routed = router.routeExpiries(state, now);
        state.setNextExpiryCheck(routed.nextExpiry());
        indicators.put(key, state);
        if (expired) {
            metrics.expired(state.getIndicator().getType());
            publish(state.getIndicator(), now);
        }
        forwardAlerts(routed.alerts());
    }

    private void publish(Indicator indicator, long now) {
        metrics.published();
        context.forward(new Record<>(indicator.getKey(), indicator, now));
    }

    /**
     * Alerts are stamped with their own {@code createdAt} (the event's time; for an expiry, the moment
     * the recipient's evidence aged out), not the sweep's: when the sweep reaches an indicator depends
     * on every party's indicators ahead of it.
     */
    private void forwardAlerts(List<Alert> alerts) {
        for (Alert alert : alerts) {
            metrics.alert(alert.getRecipient(), alert.getKind(), alert.getSourceTimestamp().toEpochMilli());
            context.forward(new Record<>(alert.getAlertId(), alert, alert.getCreatedAt().toEpochMilli()));
        }
    }

    private void forwardCorrelation(Correlation correlation, long now) {
        metrics.correlation(correlation.getKind());
        context.forward(new Record<>(correlation.getCorrelationId(), correlation, now));
    }

    private void forwardRejection(IndicatorEvent event, RejectionReason reason, long now) {
        metrics.rejected(event.getParty(), List.of(reason));
        Rejection rejection = Rejection.newBuilder()
                .setSubmissionId(event.getSubmission().getSubmissionId())
                .setParty(event.getParty())
                .setRejectedAt(Instant.ofEpochMilli(now))
                .setReasons(List.of(reason))
                .setSubmission(event.getSubmission())
                .setSourceTopic(event.getSourceTopic())
                .setSourcePartition(event.getSourcePartition())
                .setSourceOffset(event.getSourceOffset())
                .build();
        context.forward(new Record<>(rejection.getSubmissionId(), rejection, now));
    }

    private static int activeParties(Indicator indicator) {
        int n = 0;
        for (var c : indicator.getContributions().values()) {
            if (!c.getRevoked()) {
                n++;
            }
        }
        return n;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
