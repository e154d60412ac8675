package org.caspianhub.producers.gateway;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.producers.status.RecentlyAccepted;
import org.caspianhub.producers.status.SubmissionStatus;
import org.caspianhub.producers.status.StoredForm;
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
    private final StoredForm.Reader stored;

    StatusEndpoint(SubmissionStatusTable table, RecentlyAccepted recent, StoredForm.Reader stored) {
        this.table = table;
        this.recent = recent;
        this.stored = stored;
    }

    void get(Context ctx) {
        Principal principal = Authentication.require(ctx, Role.ANALYST, Role.FEED, Role.SOC);
        String id = ctx.pathParam("id");
        if (id.isBlank() || id.length() > 100) {
            throw ApiException.of(400, "invalid_submission_id", "id", "a submission id is 1 to 100 characters");
        }
        SubmissionStatusTable.Lookup lookup = table.find(principal.party(), id);
        if (lookup instanceof SubmissionStatusTable.Found found) {
            ctx.json(body(found.status(), stored));
        } else if (lookup instanceof SubmissionStatusTable.Unavailable unavailable) {
            Optional<SubmissionStatus> mine = recent.find(principal.party(), id);
            if (mine.isPresent()) {
                ctx.json(body(mine.get(), stored));
                return;
            }
            throw new ApiException(503, "status_unavailable", unavailable.reason() + "; try again shortly", List.of(),
                    Map.of());
        } else {
            Optional<SubmissionStatus> mine = recent.find(principal.party(), id);
            if (mine.isPresent()) {
                ctx.json(body(mine.get(), stored));
                return;
            }
            Map<String, Object> unknown = new LinkedHashMap<>();
            unknown.put("submissionId", id);
            unknown.put("status", "unknown");
            unknown.put("message", "no submission with this id is known for your party");
            ctx.status(404).json(unknown);
        }
    }

    /**
     * The status as the API shows it. An accepted submission also says what was stored: the
     * canonical form ({@code stored}) and the warninglists the value is on ({@code warninglists},
     * empty when none; a listed value is kept and never alerted).
     */
    static Map<String, Object> body(SubmissionStatus s, StoredForm.Reader stored) {
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
        } else {
            stored.of(s.value(), s.type(), s.action()).ifPresent(form -> {
                Map<String, Object> canonical = new LinkedHashMap<>();
                canonical.put("type", form.type());
                canonical.put("value", form.value());
                canonical.put("key", form.key());
                body.put("stored", canonical);
                body.put("warninglists", form.warninglists().stream().map(name -> Map.of("name", name)).toList());
            });
        }
        return body;
    }

    private static void put(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
