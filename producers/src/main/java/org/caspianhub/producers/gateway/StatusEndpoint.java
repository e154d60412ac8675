package org.caspianhub.producers.gateway;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.producers.status.RecentlyAccepted;
import org.caspianhub.producers.status.SubmissionStatus;
import org.caspianhub.producers.status.SubmissionStatusTable;
import org.caspianhub.runtime.auth.Principal;
import org.caspianhub.runtime.auth.Role;

/**
 * {@code GET /api/v1/submissions/{id}}: accepted, rejected by the pipeline (with its reasons), or
 * unknown. A party sees only its own submissions: another party's id is unknown, exactly like an id
 * that never existed, so the answer reveals nothing about other parties.
 */
final class StatusEndpoint {

    private final SubmissionStatusTable table;
    private final RecentlyAccepted recent;

    StatusEndpoint(SubmissionStatusTable table, RecentlyAccepted recent) {
        this.table = table;
        this.recent = recent;
    }

    void get(Context ctx) {
        Principal principal = Authentication.require(ctx, Role.ANALYST, Role.FEED, Role.SOC);
        String id = ctx.pathParam("id");
        if (id.isBlank() || id.length() > 100) {
            throw ApiException.of(400, "invalid_submission_id", "id", "a submission id is 1 to 100 characters");
        }
        SubmissionStatusTable.Lookup lookup = table.find(principal.party(), id);
        if (lookup instanceof SubmissionStatusTable.Found found) {
            ctx.json(body(found.status()));
        } else if (lookup instanceof SubmissionStatusTable.Unavailable unavailable) {
            Optional<SubmissionStatus> mine = recent.find(principal.party(), id);
            if (mine.isPresent()) {
                ctx.json(body(mine.get()));
                return;
            }
            throw new ApiException(503, "status_unavailable", unavailable.reason() + "; try again shortly", List.of(),
                    Map.of());
        } else {
            Optional<SubmissionStatus> mine = recent.find(principal.party(), id);
            if (mine.isPresent()) {
                ctx.json(body(mine.get()));
                return;
            }
            Map<String, Object> unknown = new LinkedHashMap<>();
            unknown.put("submissionId", id);
            unknown.put("status", "unknown");
            unknown.put("message", "no submission with this id is known for your party");
            ctx.status(404).json(unknown);
        }
    }

    /** The status as the API shows it. */
    static Map<String, Object> body(SubmissionStatus s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submissionId", s.submissionId());
        body.put("status", s.accepted() || s.rejected() ? s.state() : "unknown");
        put(body, "action", s.action());
        put(body, "value", s.value());
        put(body, "type", s.type() == null ? null : s.type().toLowerCase(java.util.Locale.ROOT));
        put(body, "channel", s.channel() == null ? null : s.channel().toLowerCase(java.util.Locale.ROOT));
        put(body, "submittedAt", s.submittedAt());
        put(body, "rejectedAt", s.rejectedAt());
        if (s.rejected()) {
            body.put("reasons", s.reasons() == null ? List.of() : s.reasons());
        }
        return body;
    }

    private static void put(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
