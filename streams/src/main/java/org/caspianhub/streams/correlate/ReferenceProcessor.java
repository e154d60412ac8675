package org.caspianhub.streams.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.Correlation;
import org.caspianhub.avro.CorrelationEvidence;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.RelatedIndicator;
import org.caspianhub.avro.Tlp;
import org.caspianhub.avro.streams.ReferenceMember;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.RecipientState;
import org.caspianhub.avro.streams.ReferenceMemberState;
import org.caspianhub.avro.streams.ReferenceNaming;
import org.caspianhub.streams.PipelineMetrics;
import org.caspianhub.streams.route.AlertFactory;
import org.caspianhub.streams.route.AlertIds;
import org.caspianhub.streams.sharing.RecipientFolds;
import org.caspianhub.streams.sharing.RecipientViews;
import org.caspianhub.streams.sharing.View;
import org.caspianhub.streams.topology.RecordFailures;
import org.caspianhub.tlp.TlpOrder;
import org.slf4j.LoggerFactory;

/**
 * Stage 4c, keyed by reference: indicators sharing an incident or campaign reference
 * (SHARED_REFERENCE), or named together in one source object (CO_SUBMITTED), wherever they were
 * placed. The task owning a reference keeps its members; when an indicator joins, it is related
 * to at most {@code fanout} earlier members, so a reference shared by 10,000 indicators costs
 * 10,000 bounded joins, not 10⁸ pairs. Each join publishes one correlation and tells each
 * recipient that may see the joining member's naming contribution and at least one earlier
 * member's (TLP per contribution): a recipient never learns of a member it may not see.
 */
public final class ReferenceProcessor implements Processor<String, ReferenceMember, String, SpecificRecord> {

    public static final String MEMBERS_STORE = "reference-members";
    public static final String SIZES_STORE = "reference-sizes";
    private static final StringSerializer STRINGS = new StringSerializer();
    private static final char SEPARATOR = '\u0000';

    private final RecipientViews views;
    private final int fanout;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ReferenceMemberState> members;
    private KeyValueStore<String, Integer> sizes;

    public ReferenceProcessor(RecipientViews views, int fanout, PipelineMetrics metrics) {
        this.views = views;
        this.fanout = fanout;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.members = context.getStateStore(MEMBERS_STORE);
        this.sizes = context.getStateStore(SIZES_STORE);
    }

    @Override
    public void process(Record<String, ReferenceMember> record) {
        ReferenceMember member = record.value();
        if (member == null) {
            return;
        }
        RecordFailures.guard(metrics, "reference", () -> process(member, record.timestamp()), e ->
                LoggerFactory.getLogger(ReferenceProcessor.class).error("reference member {} of {} could not be processed",
                        member.getState().getIndicator().getKey(), member.getReference(), e));
    }

    private void process(ReferenceMember member, long now) {
        IndicatorState memberState = member.getState();
        Indicator indicator = memberState.getIndicator();
        String reference = member.getReference();
        String memberKey = reference + SEPARATOR + indicator.getKey();
        References.Named named = References.of(indicator).get(reference);
        List<CorrelationEvidence> evidence = named == null ? List.of() : named.evidence();
        ReferenceMemberState known = members.get(memberKey);
        if (evidence.isEmpty()) {
            if (known != null) {
                members.delete(memberKey);
                resize(reference, -1);
            }
            return;
        }
        List<ReferenceMemberState> others = others(reference, indicator.getKey());
        Map<String, String> labels = new TreeMap<>();
        Map<String, ReferenceNaming> namings = namings(memberState, reference, labels);
        ReferenceMemberState state = known != null ? known : ReferenceMemberState.newBuilder()
                .setIndicatorKey(indicator.getKey())
                .setType(indicator.getType())
                .setValue(indicator.getValue())
                .setEvidence(evidence)
                .setNamings(Map.of())
                .setJoinedAt(Instant.ofEpochMilli(now))
                .build();
        boolean evidenceChanged = known == null || !known.getEvidence().equals(evidence);
        Map<String, ReferenceNaming> before = state.getNamings();
        state.setEvidence(evidence);
        state.setNamings(namings);
        int size = known == null ? resize(reference, 1) : sizeOf(reference);
        String correlationId = AlertIds.uuid("correlation|" + member.getKind().name() + "|" + reference + "|"
                + indicator.getKey());
        Correlation correlation = null;
        if (!others.isEmpty() && evidenceChanged) {
            List<CorrelationEvidence> all = new ArrayList<>(evidence);
            others.stream().limit(fanout).forEach(o -> all.addAll(o.getEvidence()));
            correlation = Correlation.newBuilder()
                    .setCorrelationId(correlationId)
                    .setKind(member.getKind())
                    .setIndicatorKey(indicator.getKey())
                    .setRelatedKey(others.get(0).getIndicatorKey())
                    .setReference(member.getLabel())
                    .setEvidence(all)
                    .setDetectedAt(Instant.ofEpochMilli(now))
                    .setDetail(size + " indicators share " + member.getLabel())
                    .build();
        }
        List<Alert> alerts = others.isEmpty() ? List.of()
                : alerts(member, before, namings, labels, others, correlationId, now);
        members.put(memberKey, state);
        if (correlation != null) {
            metrics.correlation(correlation.getKind());
            context.forward(new Record<>(correlationId, correlation, now));
        }
        for (Alert alert : alerts) {
            metrics.alert(alert.getRecipient(), alert.getKind(), alert.getSourceTimestamp().toEpochMilli());
            context.forward(new Record<>(alert.getAlertId(), alert, now));
        }
    }

    /**
     * How each recipient's own view of the member names the reference (absent: it does not), and
     * in {@code labels} the reference as that view spells it (a spelling only a hidden submission
     * used must not reach it).
     */
    private Map<String, ReferenceNaming> namings(IndicatorState memberState, String reference,
                                                 Map<String, String> labels) {
        Map<String, ReferenceNaming> namings = new TreeMap<>();
        String key = memberState.getIndicator().getKey();
        for (Map.Entry<String, RecipientState> own : memberState.getRecipients().entrySet()) {
            References.Named named = References.of(key, RecipientFolds.contributions(memberState, own.getValue()))
                    .get(reference);
            if (named == null) {
                continue;
            }
            TreeSet<String> parties = new TreeSet<>();
            Tlp tlp = Tlp.CLEAR; // folded with TlpOrder.stricter: the least restrictive to start from
            for (CorrelationEvidence e : named.evidence()) {
                parties.add(e.getParty());
                tlp = TlpOrder.stricter(tlp, e.getTlp());
            }
            namings.put(own.getKey(), new ReferenceNaming(List.copyOf(parties), tlp));
            labels.put(own.getKey(), named.label());
        }
        return namings;
    }

    /**
     * A recipient is told of a member's relation once, when its own view of the member comes to name
     * the reference (through an event it may see) and it may see at least one other member naming it.
     */
    private List<Alert> alerts(ReferenceMember member, Map<String, ReferenceNaming> before,
                               Map<String, ReferenceNaming> after, Map<String, String> labels,
                               List<ReferenceMemberState> others, String correlationId, long now) {
        List<Alert> alerts = new ArrayList<>(0);
        Instant createdAt = Instant.ofEpochMilli(now);
        for (String recipient : member.getTouched()) {
            if (before.containsKey(recipient) || !after.containsKey(recipient)) {
                continue;
            }
            View view = views.viewFor(member.getState(), recipient, now);
            if (view == null || view.status() != IndicatorStatus.ACTIVE) {
                continue;
            }
            List<ReferenceMemberState> seen = new ArrayList<>(others.size());
            TreeSet<String> parties = new TreeSet<>();
            Tlp tlp = Tlp.CLEAR; // folded with TlpOrder.stricter: the least restrictive to start from
            for (ReferenceMemberState other : others) {
                ReferenceNaming naming = other.getNamings().get(recipient);
                if (naming != null && seen.size() < fanout) {
                    seen.add(other);
                    parties.addAll(naming.getParties());
                    tlp = TlpOrder.stricter(tlp, naming.getTlp());
                }
            }
            if (seen.isEmpty()) {
                continue;
            }
            ReferenceMemberState first = seen.get(0);
            String names = String.join(", ", seen.stream().limit(5).map(ReferenceMemberState::getValue).toList());
            RelatedIndicator related = RelatedIndicator.newBuilder()
                    .setCorrelationId(correlationId)
                    .setKind(member.getKind())
                    .setIndicatorKey(first.getIndicatorKey())
                    .setType(first.getType())
                    .setValue(first.getValue())
                    .setReference(labels.get(recipient))
                    .setParties(List.copyOf(parties))
                    .setDetail("shares " + labels.get(recipient) + " with " + seen.size() + " indicator"
                            + (seen.size() == 1 ? "" : "s") + " you may see: " + names
                            + (seen.size() > 5 ? ", ..." : ""))
                    .build();
            alerts.add(AlertFactory.related(member.getState().getIndicator(), view, related, tlp,
                    member.getSourceTimestamp(), createdAt));
        }
        return alerts;
    }

    /**
     * Up to {@link RelationFinder#SCAN_FACTOR} times the fan-out of other members of the reference, in
     * key order: every party's, hidden ones included, so the bound is set well above the fan-out any
     * one recipient is told of (see {@link #alerts}).
     */
    private List<ReferenceMemberState> others(String reference, String self) {
        int limit = fanout * RelationFinder.SCAN_FACTOR;
        List<ReferenceMemberState> others = new ArrayList<>(4);
        try (KeyValueIterator<String, ReferenceMemberState> it = members.prefixScan(reference + SEPARATOR, STRINGS)) {
            while (it.hasNext() && others.size() < limit) {
                KeyValue<String, ReferenceMemberState> next = it.next();
                if (!next.value.getIndicatorKey().equals(self)) {
                    others.add(next.value);
                }
            }
            if (it.hasNext() && others.size() >= limit) {
                metrics.correlationsCapped(org.caspianhub.avro.CorrelationKind.SHARED_REFERENCE);
            }
        }
        return others;
    }

    private int sizeOf(String reference) {
        Integer size = sizes.get(reference);
        return size == null ? 0 : size;
    }

    private int resize(String reference, int delta) {
        int size = Math.max(0, sizeOf(reference) + delta);
        if (size == 0) {
            sizes.delete(reference);
        } else {
            sizes.put(reference, size);
        }
        return size;
    }
}
