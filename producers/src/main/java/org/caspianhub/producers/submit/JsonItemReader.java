package org.caspianhub.producers.submit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.FieldError;

/**
 * Reads one indicator of a {@code POST /api/v1/indicators} body. Every field error is collected;
 * the value itself is checked by the shared normalizer. A {@code party} field is ignored with a
 * warning: the party is the API key's.
 */
public final class JsonItemReader {

    static final Set<String> FIELDS = Set.of("value", "type", "tlp", "confidence", "severity", "tags", "description",
            "validUntil", "references", "incident", "campaign", "groupRef", "externalId");
    static final Set<String> IGNORED = Set.of("party");

    private final ValueCheck values;
    private final Clock clock;

    public JsonItemReader(ValueCheck values, Clock clock) {
        this.values = values;
        this.clock = clock;
    }

    /**
     * @param path       where the item is in the request ({@code items[3]}, or empty for a single item)
     * @param defaultTlp the TLP of an item that names none
     */
    public Checked<IndicatorItem> read(JsonNode node, String path, Tlp defaultTlp) {
        return JsonFields.readItem(node, path, "an indicator", FIELDS, IGNORED, f -> read(f, node, path, defaultTlp));
    }

    private Checked<IndicatorItem> read(JsonFields f, JsonNode node, String path, Tlp defaultTlp) {
        String value = f.text("value", true, ItemRules.MAX_VALUE);
        IndicatorType type = f.label("type", Labels::type, Labels.typeNames());
        Tlp tlp = f.strictLabel("tlp", Labels::tlp, ItemRules.TLP_NAMES);
        Integer confidence = f.integer("confidence", 0, 100);
        Severity severity = f.label("severity", Labels::severity, ItemRules.SEVERITY_NAMES);
        List<String> tags = f.strings("tags", ItemRules.MAX_TAGS, ItemRules.MAX_TAG);
        String description = f.text("description", false, ItemRules.MAX_DESCRIPTION);
        Instant validUntil = f.instant("validUntil");
        if (validUntil != null && !validUntil.isAfter(clock.instant())) {
            f.error("validUntil", "in_the_past", "validUntil must be in the future, got " + validUntil);
        }
        List<String> references = new ArrayList<>(f.strings("references", ItemRules.MAX_REFERENCES, ItemRules.MAX_REFERENCE));
        String incident = f.text("incident", false, ItemRules.MAX_REFERENCE);
        String campaign = f.text("campaign", false, ItemRules.MAX_REFERENCE);
        if (incident != null) {
            references.add("incident:" + incident);
        }
        if (campaign != null) {
            references.add("campaign:" + campaign);
        }
        String groupRef = f.text("groupRef", false, ItemRules.MAX_ID);
        String externalId = f.text("externalId", false, ItemRules.MAX_ID);

        List<FieldError> errors = new ArrayList<>(f.errors());
        boolean typeOk = type != null || !f.has("type");
        if (value != null && typeOk) {
            errors.addAll(values.errors(value, type, path));
        }
        if (!errors.isEmpty()) {
            return Checked.refused(errors);
        }
        List<String> warnings = node.has("party")
                ? List.of("the 'party' field is ignored: the party is the one your API key belongs to")
                : List.of();
        return Checked.ok(new IndicatorItem(value, type, tlp == null ? defaultTlp : tlp, confidence, severity, tags,
                description, validUntil, references, groupRef, externalId), warnings);
    }
}
