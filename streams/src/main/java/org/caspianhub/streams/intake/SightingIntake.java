package org.caspianhub.streams.intake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.streams.PipelineMetrics;
import org.caspianhub.streams.topology.RecordFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1 for SOC feedback: decode a sighting or false-positive report from bytes, normalize its
 * value like a submission's, and send it to the merge stage under the indicator's key. A report
 * that cannot be used becomes a rejection on the party's {@code rejected} topic with its bytes,
 * so the SOC learns why and nothing is lost.
 */
public final class SightingIntake implements Processor<byte[], byte[], String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SightingIntake.class);

    private final Map<String, String> partyByTopic;
    private final RecordDecoder<Sighting> decoder;
    private final Intake intake;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;

    public SightingIntake(Map<String, String> partyByTopic, RecordDecoder<Sighting> decoder, Intake intake,
                          PipelineMetrics metrics) {
        this.partyByTopic = partyByTopic;
        this.decoder = decoder;
        this.intake = intake;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String party = source == null ? null : partyByTopic.get(source.topic());
        if (party == null) {
            LOG.error("sighting on unexpected topic {} skipped", source == null ? null : source.topic());
            metrics.processingError("sighting-intake");
            return;
        }
        RecordDecoder.Decoded<Sighting> decoded = decoder.decode(source.topic(), record.value());
        if (!decoded.ok()) {
            reject(record, party, Rejections.fallbackId(record.key(), source),
                    List.of(SubmissionRules.reason("record", "undecodable", "the sighting could not be decoded: "
                            + decoded.error())), source);
            return;
        }
        RecordFailures.guard(metrics, "sighting-intake", () -> process(record, party, decoded.value(), source), e -> {
            LOG.error("sighting from {} could not be processed; rejected", party, e);
            reject(record, party, Rejections.fallbackId(record.key(), source), List.of(SubmissionRules.reason("record",
                    "processing_failed", "the hub could not process this sighting: " + e)), source);
        });
    }

    private void process(Record<byte[], byte[]> record, String party, Sighting sighting, RecordMetadata source) {
        List<RejectionReason> reasons = new ArrayList<>(0);
        if (sighting.getSightingId() == null || sighting.getSightingId().isBlank()) {
            reasons.add(SubmissionRules.reason("sightingId", "missing_sighting_id", "sightingId must be a non-empty id"));
        }
        if (sighting.getKind() != SightingKind.SIGHTED && sighting.getKind() != SightingKind.FALSE_POSITIVE) {
            reasons.add(SubmissionRules.reason("kind", "unknown_sighting_kind",
                    "kind must be SIGHTED or FALSE_POSITIVE, got " + sighting.getKind()));
        }
        if (sighting.getCount() < 1) {
            reasons.add(SubmissionRules.reason("count", "count_out_of_range", "count must be at least 1, got "
                    + sighting.getCount()));
        }
        Normalized normalized = intake.normalize(sighting.getValue(), sighting.getType());
        if (normalized instanceof Normalized.Invalid invalid) {
            reasons.addAll(Intake.reasons(invalid));
        }
        if (!reasons.isEmpty()) {
            String id = sighting.getSightingId() == null || sighting.getSightingId().isBlank()
                    ? Rejections.fallbackId(record.key(), source) : sighting.getSightingId();
            reject(record, party, id, reasons, source);
            return;
        }
        Normalized.Valid valid = (Normalized.Valid) normalized;
        IndicatorEvent event = Intake.event(party, valid, source);
        if (sighting.getObservedAt() != null && sighting.getObservedAt().toEpochMilli() > record.timestamp()) {
            sighting.setObservedAt(Instant.ofEpochMilli(record.timestamp())); // never later than the broker's clock
        }
        event.setSighting(sighting);
        metrics.sighting(party, sighting.getKind().name());
        context.forward(new Record<>(valid.key(), event, record.timestamp(), record.headers()));
    }

    private void reject(Record<byte[], byte[]> record, String party, String id, List<RejectionReason> reasons,
                        RecordMetadata source) {
        metrics.rejected(party, reasons);
        context.forward(new Record<>(id, Rejections.ofRaw(party, id, record.value(), reasons, source,
                Instant.ofEpochMilli(record.timestamp())),
                record.timestamp(), record.headers()));
    }
}
