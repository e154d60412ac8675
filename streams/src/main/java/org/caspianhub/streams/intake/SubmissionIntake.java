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
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.streams.PipelineMetrics;
import org.caspianhub.streams.topology.RecordFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1 for submissions: decode (from bytes, so a poison pill becomes a rejection), check the
 * fields, normalize the value, mark warninglisted values, and hand an {@link IndicatorEvent}
 * keyed by indicator key to the merge stage. Anything wrong becomes one {@link Rejection} listing
 * every reason, for the party whose topic the record came from; the next record is processed as
 * usual. The party is the topic's, never the payload's {@code party} field.
 */
public final class SubmissionIntake implements Processor<byte[], byte[], String, SpecificRecord> {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionIntake.class);

    private final Map<String, String> partyByTopic;
    private final RecordDecoder<IndicatorSubmission> decoder;
    private final Intake intake;
    private final SourceDefaults defaults;
    private final PipelineMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;

    public SubmissionIntake(Map<String, String> partyByTopic, RecordDecoder<IndicatorSubmission> decoder, Intake intake,
                            SourceDefaults defaults, PipelineMetrics metrics) {
        this.partyByTopic = partyByTopic;
        this.decoder = decoder;
        this.intake = intake;
        this.defaults = defaults;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? null : source.topic();
        String party = partyByTopic.get(topic);
        if (party == null) {
            // cannot happen with the topology's own source list; never guess a party
            LOG.error("submission on unexpected topic {} skipped", topic);
            metrics.processingError("intake");
            return;
        }
        RecordDecoder.Decoded<IndicatorSubmission> decoded = decoder.decode(topic, record.value());
        if (!decoded.ok()) {
            reject(record, Rejections.undecodable(party, record.key(), record.value(), decoded.error(), source, rejectedAt(record)));
            return;
        }
        IndicatorSubmission submission = decoded.value();
        RecordFailures.guard(metrics, "intake", () -> process(record, party, submission, source), e -> {
            LOG.error("submission {} from {} could not be processed; rejected", submission.getSubmissionId(), party, e);
            reject(record, Rejections.of(party, submission, List.of(SubmissionRules.reason("record", "processing_failed",
                    "the hub could not process this submission: " + e)), source, rejectedAt(record)));
        });
    }

    private void process(Record<byte[], byte[]> record, String party, IndicatorSubmission submission,
                         RecordMetadata source) {
        List<RejectionReason> reasons = new ArrayList<>(SubmissionRules.check(submission));
        Normalized normalized = intake.normalize(submission.getValue(), submission.getType());
        if (normalized instanceof Normalized.Invalid invalid) {
            reasons.addAll(Intake.reasons(invalid));
        }
        if (!reasons.isEmpty()) {
            reject(record, Rejections.of(party, submission, reasons, source, rejectedAt(record)));
            return;
        }
        Normalized.Valid valid = (Normalized.Valid) normalized;
        List<String> lists = submission.getAction() == SubmissionAction.SUBMIT ? intake.warninglists(valid) : List.of();
        for (String list : lists) {
            metrics.warninglisted(list);
        }
        IndicatorEvent event = Intake.event(party, valid, source);
        event.setWarninglists(lists);
        event.setConfidence(submission.getConfidence() == null ? defaults.defaultConfidence() : submission.getConfidence());
        // the operator's reliability for the party is a ceiling: a submission may say less, never more
        int reliability = defaults.reliabilityOf(party);
        event.setSourceReliability(submission.getSourceReliability() == null ? reliability
                : Math.min(submission.getSourceReliability(), reliability));
        // the hub's clock is the broker's (submission topics append with LogAppendTime): a submission
        // dated later than its record is dated at its record, so nobody can postpone decay and expiry
        if (submission.getSubmittedAt().toEpochMilli() > record.timestamp()) {
            submission.setSubmittedAt(Instant.ofEpochMilli(record.timestamp()));
        }
        event.setSubmission(submission);
        metrics.accepted(party);
        context.forward(new Record<>(valid.key(), event, record.timestamp(), record.headers()));
    }

    private void reject(Record<byte[], byte[]> record, Rejection rejection) {
        metrics.rejected(rejection.getParty(), rejection.getReasons());
        context.forward(new Record<>(rejection.getSubmissionId(), rejection, record.timestamp(), record.headers()));
    }

    /** The record's own (broker) time: a rejection says nothing that differs from one replay to the next. */
    private static Instant rejectedAt(Record<byte[], byte[]> record) {
        return Instant.ofEpochMilli(record.timestamp());
    }
}
