package org.caspianhub.streams.intake;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.RejectionReason;

/** Builds the {@link Rejection} records a party reads on its {@code rejected} topic. */
public final class Rejections {

    private Rejections() {
    }

    /** A decoded submission that broke rules. */
    public static Rejection of(String party, IndicatorSubmission submission, List<RejectionReason> reasons,
                               RecordMetadata source, Instant rejectedAt) {
        return builder(party, idOf(submission, source), reasons, source, rejectedAt).setSubmission(submission).build();
    }

    /** Bytes that are not a record: kept whole, so nothing the party sent is lost. */
    public static Rejection undecodable(String party, byte[] key, byte[] raw, String error, RecordMetadata source,
                                        Instant rejectedAt) {
        RejectionReason reason = SubmissionRules.reason("record", "undecodable", error == null
                ? "the record could not be decoded" : "the record could not be decoded: " + error);
        return builder(party, fallbackId(key, source), List.of(reason), source, rejectedAt)
                .setRawValue(raw == null ? null : ByteBuffer.wrap(raw))
                .build();
    }

    /** A decoded record that is not a submission we can refer to (a sighting): its bytes are kept. */
    public static Rejection ofRaw(String party, String id, byte[] raw, List<RejectionReason> reasons,
                                  RecordMetadata source, Instant rejectedAt) {
        return builder(party, id, reasons, source, rejectedAt)
                .setRawValue(raw == null ? null : ByteBuffer.wrap(raw))
                .build();
    }

    private static Rejection.Builder builder(String party, String id, List<RejectionReason> reasons, RecordMetadata source,
                                             Instant rejectedAt) {
        return Rejection.newBuilder()
                .setSubmissionId(id)
                .setParty(party)
                .setRejectedAt(rejectedAt)
                .setReasons(reasons)
                .setSourceTopic(source == null ? "" : source.topic())
                .setSourcePartition(source == null ? -1 : source.partition())
                .setSourceOffset(source == null ? -1 : source.offset());
    }

    private static String idOf(IndicatorSubmission submission, RecordMetadata source) {
        String id = submission.getSubmissionId();
        return id == null || id.isBlank() ? position(source) : id;
    }

    /** The record key when it is readable text, else where the record was. */
    public static String fallbackId(byte[] key, RecordMetadata source) {
        if (key != null && key.length > 0 && key.length <= 200) {
            String text = new String(key, java.nio.charset.StandardCharsets.UTF_8);
            if (text.chars().noneMatch(ch -> ch < 0x20 || ch == 0xFFFD)) {
                return text;
            }
        }
        return position(source);
    }

    private static String position(RecordMetadata source) {
        return source == null ? "unknown" : source.topic() + "-" + source.partition() + "-" + source.offset();
    }
}
