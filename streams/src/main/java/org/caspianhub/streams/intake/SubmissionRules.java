package org.caspianhub.streams.intake;

import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.avro.SubmissionAction;

/**
 * The rules for a submission's fields other than its value (the value is the indicators
 * module's {@code IndicatorNormalizer}). Every broken rule is reported, not just the first, so an
 * analyst fixes a submission in one go. Limits keep one party from bloating the merged state that
 * every later change of the indicator re-reads and re-writes.
 */
public final class SubmissionRules {

    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG_LENGTH = 128;
    public static final int MAX_REFERENCES = 20;
    public static final int MAX_REFERENCE_LENGTH = 256;
    public static final int MAX_DESCRIPTION_LENGTH = 4_096;
    public static final int MAX_ID_LENGTH = 200;

    private SubmissionRules() {
    }

    public static List<RejectionReason> check(IndicatorSubmission s) {
        List<RejectionReason> reasons = new ArrayList<>(0);
        if (s.getSubmissionId() == null || s.getSubmissionId().isBlank()) {
            reasons.add(reason("submissionId", "missing_submission_id", "submissionId must be a non-empty id (a UUID)"));
        } else if (s.getSubmissionId().length() > MAX_ID_LENGTH) {
            reasons.add(reason("submissionId", "submission_id_too_long",
                    "submissionId must be at most " + MAX_ID_LENGTH + " characters, got " + s.getSubmissionId().length()));
        }
        if (s.getAction() != SubmissionAction.SUBMIT && s.getAction() != SubmissionAction.REVOKE) {
            reasons.add(reason("action", "unknown_action", "action must be SUBMIT or REVOKE, got " + s.getAction()));
        }
        if (s.getAction() == SubmissionAction.REVOKE) {
            // a revocation names a value and nothing else matters
            return reasons;
        }
        Integer confidence = s.getConfidence();
        if (confidence != null && (confidence < 0 || confidence > 100)) {
            reasons.add(reason("confidence", "confidence_out_of_range",
                    "confidence must be between 0 and 100, got " + confidence));
        }
        Integer reliability = s.getSourceReliability();
        if (reliability != null && (reliability < 0 || reliability > 100)) {
            reasons.add(reason("sourceReliability", "reliability_out_of_range",
                    "sourceReliability must be between 0 and 100, got " + reliability));
        }
        if (s.getSubmittedAt() == null) {
            reasons.add(reason("submittedAt", "missing_submitted_at", "submittedAt must be set"));
        } else if (s.getValidUntil() != null && !s.getValidUntil().isAfter(s.getSubmittedAt())) {
            // an indicator that is already void when it arrives would only ever produce an expiry
            reasons.add(reason("validUntil", "valid_until_in_past", "validUntil " + s.getValidUntil()
                    + " is not after the submission time " + s.getSubmittedAt()));
        }
        checkList(reasons, "tags", s.getTags(), MAX_TAGS, MAX_TAG_LENGTH);
        checkList(reasons, "references", s.getReferences(), MAX_REFERENCES, MAX_REFERENCE_LENGTH);
        if (s.getGroupRef() != null && (s.getGroupRef().isBlank() || s.getGroupRef().length() > MAX_REFERENCE_LENGTH)) {
            reasons.add(reason("groupRef", "invalid_group_ref",
                    "groupRef must be 1 to " + MAX_REFERENCE_LENGTH + " characters when given"));
        }
        if (s.getDescription() != null && s.getDescription().length() > MAX_DESCRIPTION_LENGTH) {
            reasons.add(reason("description", "description_too_long", "description must be at most "
                    + MAX_DESCRIPTION_LENGTH + " characters, got " + s.getDescription().length()));
        }
        return reasons;
    }

    private static void checkList(List<RejectionReason> reasons, String field, List<String> values, int maxCount,
                                  int maxLength) {
        if (values.size() > maxCount) {
            reasons.add(reason(field, "too_many_" + field, field + " may hold at most " + maxCount + " entries, got "
                    + values.size()));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isBlank()) {
                reasons.add(reason(field, "empty_" + singular(field), field + "[" + i + "] is empty"));
            } else if (v.length() > maxLength) {
                reasons.add(reason(field, singular(field) + "_too_long", field + "[" + i + "] must be at most "
                        + maxLength + " characters, got " + v.length()));
            }
        }
    }

    private static String singular(String field) {
        return field.substring(0, field.length() - 1);
    }

    public static RejectionReason reason(String field, String code, String message) {
        return RejectionReason.newBuilder().setField(field).setCode(code).setMessage(message).build();
    }
}
