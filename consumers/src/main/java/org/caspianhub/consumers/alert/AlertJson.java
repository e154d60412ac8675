package org.caspianhub.consumers.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.RelatedIndicator;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.tlp.TlpLevels;

/**
 * The alert as JSON, the hub's outward format for webhooks and logs. Its contract is
 * {@code docs/alert.schema.json}: field names follow the Avro record (so a SOC reading its Kafka
 * topic and one receiving webhooks see the same names), timestamps are RFC 3339 UTC strings,
 * TLP is written as people write it ({@code TLP:AMBER+STRICT}), absent values are {@code null}.
 *
 * <p>Written with a streaming generator: it runs once per delivered alert.
 */
public final class AlertJson {

    /** Bumped only for a change a receiver must know about; adding a field does not bump it. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private AlertJson() {
    }

    public static byte[] toBytes(Alert alert) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(2048)) {
            try (JsonGenerator json = FACTORY.createGenerator(out)) {
                write(json, alert);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /** The same document as a tree (tests, tools). */
    public static ObjectNode toJson(Alert alert) {
        try {
            return (ObjectNode) MAPPER.readTree(toBytes(alert));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator json, Alert alert) throws IOException {
        json.writeStartObject();
        json.writeNumberField("formatVersion", FORMAT_VERSION);
        json.writeStringField("alertId", alert.getAlertId());
        json.writeStringField("recipient", alert.getRecipient());
        json.writeStringField("kind", alert.getKind().name());
        json.writeStringField("createdAt", Timestamps.millis(alert.getCreatedAt()));
        json.writeStringField("sourceTimestamp", Timestamps.millis(alert.getSourceTimestamp()));
        json.writeStringField("indicatorKey", alert.getIndicatorKey());
        json.writeStringField("type", alert.getType().name());
        json.writeStringField("value", alert.getValue());
        json.writeStringField("stixId", StixIds.forIndicator(alert.getRecipient(), alert.getType(), alert.getIndicatorKey()));
        json.writeStringField("tlp", TlpLevels.label(alert.getTlp()));
        json.writeNumberField("score", alert.getScore());
        json.writeStringField("severity", alert.getSeverity().name());
        json.writeStringField("status", alert.getStatus().name());
        strings(json, "parties", alert.getParties());
        json.writeArrayFieldStart("contributions");
        for (Contribution c : alert.getContributions()) {
            contribution(json, c);
        }
        json.writeEndArray();
        strings(json, "tags", alert.getTags());
        json.writeStringField("firstSeen", Timestamps.millis(alert.getFirstSeen()));
        json.writeStringField("lastSeen", Timestamps.millis(alert.getLastSeen()));
        json.writeStringField("validUntil", optional(alert.getValidUntil()));
        if (alert.getRelated() == null) {
            json.writeNullField("related");
        } else {
            json.writeFieldName("related");
            related(json, alert.getRecipient(), alert.getRelated());
        }
        json.writeStringField("summary", alert.getSummary());
        json.writeNumberField("sightings", alert.getSightings());
        json.writeNumberField("falsePositives", alert.getFalsePositives());
        json.writeNumberField("version", alert.getVersion());
        json.writeEndObject();
    }

    private static void contribution(JsonGenerator json, Contribution c) throws IOException {
        json.writeStartObject();
        json.writeStringField("party", c.getParty());
        json.writeNumberField("submissionCount", c.getSubmissionCount());
        json.writeStringField("firstSeen", Timestamps.millis(c.getFirstSeen()));
        json.writeStringField("lastSeen", Timestamps.millis(c.getLastSeen()));
        json.writeStringField("tlp", TlpLevels.label(c.getTlp()));
        json.writeNumberField("confidence", c.getConfidence());
        if (c.getSourceReliability() == null) {
            json.writeNullField("sourceReliability");
        } else {
            json.writeNumberField("sourceReliability", c.getSourceReliability());
        }
        json.writeStringField("severity", c.getSeverity().name());
        strings(json, "tags", c.getTags());
        strings(json, "references", c.getReferences());
        strings(json, "groupRefs", c.getGroupRefs());
        json.writeStringField("description", c.getDescription());
        json.writeStringField("submitter", c.getSubmitter());
        json.writeStringField("validUntil", optional(c.getValidUntil()));
        json.writeBooleanField("revoked", c.getRevoked());
        json.writeStringField("lastSubmissionId", c.getLastSubmissionId());
        json.writeEndObject();
    }

    private static void related(JsonGenerator json, String recipient, RelatedIndicator r) throws IOException {
        json.writeStartObject();
        json.writeStringField("correlationId", r.getCorrelationId());
        json.writeStringField("kind", r.getKind().name());
        json.writeStringField("indicatorKey", r.getIndicatorKey());
        json.writeStringField("type", r.getType() == null ? null : r.getType().name());
        json.writeStringField("value", r.getValue());
        json.writeStringField("stixId", r.getType() == null || r.getIndicatorKey() == null ? null
                : StixIds.forIndicator(recipient, r.getType(), r.getIndicatorKey()));
        json.writeStringField("reference", r.getReference());
        strings(json, "parties", r.getParties());
        json.writeStringField("detail", r.getDetail());
        json.writeEndObject();
    }

    private static String optional(Instant instant) {
        return instant == null ? null : Timestamps.millis(instant);
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
