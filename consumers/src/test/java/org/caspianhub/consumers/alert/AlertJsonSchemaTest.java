package org.caspianhub.consumers.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.consumers.testing.Alerts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The alert JSON we deliver is what docs/alert.schema.json promises receivers. */
class AlertJsonSchemaTest {

    private static JsonSchema schema;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void loadSchema() throws Exception {
        Path file = Path.of("..", "docs", "alert.schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @Test
    void aPlainNewIndicatorAlertMatchesTheSchema() throws Exception {
        Alert alert = Alerts.alert("ir", IndicatorType.IPV4, "203.0.113.7").build();
        JsonNode json = mapper.readTree(AlertJson.toBytes(alert));
        assertThat(errors(json)).isEmpty();
        assertThat(json.get("tlp").asText()).isEqualTo("TLP:GREEN");
        assertThat(json.get("stixId").asText()).isEqualTo(StixIds.forIndicator("ir", IndicatorType.IPV4, "ipv4:203.0.113.7"));
        assertThat(json.get("createdAt").asText()).isEqualTo(Timestamps.millis(alert.getCreatedAt()));
        assertThat(json.get("contributions").get(0).get("confidence").asInt()).isEqualTo(80);
    }

    @Test
    void relatedAlertsAndNullOptionalsMatchTheSchema() throws Exception {
        Alert related = Alerts.alert("az", IndicatorType.URL, "http://evil.example/a")
                .setKind(AlertKind.RELATED).setTlp(Tlp.AMBER_STRICT).setValidUntil(null)
                .setRelated(Alerts.related(CorrelationKind.URL_HOST, IndicatorType.DOMAIN, "evil.example", List.of("az")))
                .build();
        JsonNode json = mapper.readTree(AlertJson.toBytes(related));
        assertThat(errors(json)).isEmpty();
        assertThat(json.get("validUntil").isNull()).isTrue();
        assertThat(json.get("tlp").asText()).isEqualTo("TLP:AMBER+STRICT");
        assertThat(json.get("related").get("stixId").asText())
                .isEqualTo(StixIds.forIndicator("az", IndicatorType.DOMAIN, "domain:evil.example"));

        Alert referenceOnly = Alert.newBuilder(related)
                .setRelated(Alerts.related(CorrelationKind.SHARED_REFERENCE, null, null, List.of())).build();
        assertThat(errors(mapper.readTree(AlertJson.toBytes(referenceOnly)))).isEmpty();
    }

    @Test
    void theSchemaIsNotVacuous() throws Exception {
        JsonNode json = mapper.readTree(AlertJson.toBytes(Alerts.alert("ir", IndicatorType.IPV4, "203.0.113.7").build()));
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("tlp", "AMBER");
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("alertId");
        assertThat(errors(json)).hasSize(2);
    }

    private static Set<ValidationMessage> errors(JsonNode json) {
        return schema.validate(json);
    }
}
