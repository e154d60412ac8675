package org.caspianhub.producers.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * What the hub knows of one submission: accepted onto the party's submissions topic and, if the
 * pipeline refused it, when and why (from the party's rejected topic).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubmissionStatus(String submissionId, String party, String action, String value, String type,
                               String channel, Instant submittedAt, Instant rejectedAt, List<Reason> reasons) {

    /** One reason the pipeline gave. */
    public record Reason(String field, String code, String message) {
    }

    public boolean rejected() {
        return rejectedAt != null;
    }

    public boolean accepted() {
        return submittedAt != null;
    }

    public String state() {
        return rejected() ? "rejected" : "accepted";
    }
}
