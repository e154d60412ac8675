package org.caspianhub.producers.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.caspianhub.parties.PartyId;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.producers.status.SubmissionStatus;
import org.caspianhub.producers.submit.Checked;
import org.caspianhub.producers.submit.IndicatorItem;
import org.caspianhub.producers.submit.ItemRules;
import org.caspianhub.producers.submit.JsonFields;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.producers.submit.ValueCheck;

/**
 * Reads one revocation: the value (and optional type) the party withdraws, or the id of one of its
 * own earlier submissions, with an optional reason. A revocation withdraws only the calling party's
 * contribution; the topology routes it to whoever saw that contribution.
 */
final class RevocationReader {

    private static final Set<String> FIELDS = Set.of("value", "type", "submissionId", "reason", "tlp", "externalId");

    private final ValueCheck values;
    /** Looks up one of the caller's own submissions by id. */
    private final BiFunction<PartyId, String, Optional<SubmissionStatus>> ownSubmission;

    RevocationReader(ValueCheck values, BiFunction<PartyId, String, Optional<SubmissionStatus>> ownSubmission) {
        this.values = values;
        this.ownSubmission = ownSubmission;
    }

    Checked<IndicatorItem> read(JsonNode node, String path, Tlp defaultTlp, PartyId party) {
        return JsonFields.readItem(node, path, "a revocation", FIELDS, Set.of("party"),
                f -> read(f, path, defaultTlp, party));
    }

    private Checked<IndicatorItem> read(JsonFields f, String path, Tlp defaultTlp, PartyId party) {
        String value = f.text("value", false, ItemRules.MAX_VALUE);
        IndicatorType type = f.label("type", Labels::type, Labels.typeNames());
        String submissionId = f.text("submissionId", false, 100);
        String reason = f.text("reason", false, ItemRules.MAX_DESCRIPTION);
        Tlp tlp = f.strictLabel("tlp", Labels::tlp, ItemRules.TLP_NAMES);
        String externalId = f.text("externalId", false, ItemRules.MAX_ID);
        List<FieldError> errors = new ArrayList<>(f.errors());
        if (value == null && submissionId == null && errors.isEmpty()) {
            f.error("value", "required", "a revocation names the value to withdraw, or the submissionId that submitted it");
            errors.addAll(f.errors());
        }
        if (value == null && submissionId != null && errors.isEmpty()) {
            Optional<SubmissionStatus> earlier = ownSubmission.apply(party, submissionId);
            if (earlier.isEmpty() || earlier.get().value() == null) {
                f.error("submissionId", "unknown_submission", "no submission " + submissionId + " of your party is known");
                errors.addAll(f.errors());
            } else {
                value = earlier.get().value();
                type = earlier.get().type() == null ? null : IndicatorType.valueOf(earlier.get().type());
            }
        }
        if (value != null && errors.isEmpty()) {
            errors.addAll(values.errors(value, type, path));
        }
        if (!errors.isEmpty()) {
            return Checked.refused(errors);
        }
        return Checked.ok(new IndicatorItem(value, type, tlp == null ? defaultTlp : tlp, null, Severity.UNKNOWN,
                List.of(), reason, null, List.of(), null, externalId != null ? externalId : submissionId), List.of());
    }
}
