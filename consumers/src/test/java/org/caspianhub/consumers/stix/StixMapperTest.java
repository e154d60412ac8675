package org.caspianhub.consumers.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.testing.Alerts;
import org.junit.jupiter.api.Test;

class StixMapperTest {

    @Test
    void anIndicatorCarriesItsPatternTlpMarkingAndDeterministicId() {
        Alert alert = Alerts.alert("ir", IndicatorType.IPV4, "203.0.113.7").setTlp(Tlp.AMBER).build();
        Map<String, ObjectNode> byType = byType(StixMapper.objects(alert));

        ObjectNode indicator = byType.get("indicator");
        assertThat(indicator.get("id").asText()).isEqualTo("indicator--" + StixIds.uuid5("ir|ipv4:203.0.113.7"));
        assertThat(indicator.get("spec_version").asText()).isEqualTo("2.1");
        assertThat(indicator.get("pattern").asText()).isEqualTo("[ipv4-addr:value = '203.0.113.7']");
        assertThat(indicator.get("pattern_type").asText()).isEqualTo("stix");
        assertThat(indicator.get("valid_from").asText()).isEqualTo(indicator.get("created").asText());
        assertThat(indicator.get("confidence").asInt()).isEqualTo(70);
        assertThat(indicator.get("labels").get(0).asText()).isEqualTo("c2");
        assertThat(indicator.get("object_marking_refs").get(0).asText())
                .isEqualTo("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");
        assertThat(indicator.get("external_references").get(0).get("external_id").asText()).isEqualTo("incident:IR-2026-0042");

        ObjectNode marking = byType.get("marking-definition");
        assertThat(marking.get("name").asText()).isEqualTo("TLP:AMBER");
        assertThat(marking.get("created").asText()).isEqualTo("2022-10-01T00:00:00.000Z");
        assertThat(marking.get("extensions").get(TlpMarkings.EXTENSION_ID).get("tlp_2_0").asText()).isEqualTo("amber");
        assertThat(byType.get("identity").get("id").asText()).isEqualTo(indicator.get("created_by_ref").asText());
    }

    @Test
    void everyTypeGetsTheRightObservablePathAndLiteralsAreEscaped() {
        assertThat(pattern(IndicatorType.SHA256, "ab".repeat(32))).isEqualTo("[file:hashes.'SHA-256' = '" + "ab".repeat(32) + "']");
        assertThat(pattern(IndicatorType.MD5, "d41d8cd98f00b204e9800998ecf8427e")).startsWith("[file:hashes.MD5 = ");
        assertThat(pattern(IndicatorType.CIDR, "2001:db8::/32")).isEqualTo("[ipv6-addr:value = '2001:db8::/32']");
        assertThat(pattern(IndicatorType.DOMAIN, "evil.example")).isEqualTo("[domain-name:value = 'evil.example']");
        assertThat(pattern(IndicatorType.ASN, "AS64500")).isEqualTo("[autonomous-system:number = 64500]");
        assertThat(pattern(IndicatorType.URL, "http://evil.example/it's\\here"))
                .isEqualTo("[url:value = 'http://evil.example/it\\'s\\\\here']");
    }

    @Test
    void aCveBecomesAVulnerabilityAndAnUnknownTypeHasNoStixForm() {
        Alert cve = Alerts.alert("ir", IndicatorType.CVE, "CVE-2024-3094").build();
        ObjectNode vulnerability = byType(StixMapper.objects(cve)).get("vulnerability");
        assertThat(vulnerability.get("name").asText()).isEqualTo("CVE-2024-3094");
        assertThat(vulnerability.get("external_references").get(0).get("source_name").asText()).isEqualTo("cve");

        Alert unknown = Alerts.alert("ir", IndicatorType.UNKNOWN, "something").build();
        assertThat(StixMapper.representable(unknown)).isFalse();
        assertThat(StixMapper.objects(unknown)).isEmpty();
    }

    @Test
    void aCrossBorderMatchIsASightingWhereTheVisiblePartiesSawIt() {
        Alert alert = Alerts.alert("az", IndicatorType.DOMAIN, "evil.example").setKind(AlertKind.CROSS_BORDER_MATCH)
                .setParties(List.of("az", "ir"))
                .setRelated(Alerts.related(CorrelationKind.CROSS_PARTY_MATCH, null, null, List.of("az", "ir"))).build();
        List<ObjectNode> objects = StixMapper.objects(alert);
        ObjectNode sighting = byType(objects).get("sighting");
        assertThat(sighting.get("sighting_of_ref").asText()).isEqualTo(StixIds.forIndicator("az", IndicatorType.DOMAIN, "domain:evil.example"));
        assertThat(sighting.get("where_sighted_refs")).extracting(JsonNode::asText)
                .containsExactly(StixIds.forParty("az"), StixIds.forParty("ir"));
        assertThat(sighting.get("count").asInt()).isEqualTo(2);
        assertThat(objects).filteredOn(o -> o.get("type").asText().equals("identity")).hasSize(3);
    }

    @Test
    void aRelatedAlertIsARelationshipToTheOtherIndicator() {
        Alert alert = Alerts.alert("ir", IndicatorType.URL, "http://evil.example/a").setKind(AlertKind.RELATED)
                .setRelated(Alerts.related(CorrelationKind.URL_HOST, IndicatorType.DOMAIN, "evil.example", List.of("ir"))).build();
        ObjectNode relationship = byType(StixMapper.objects(alert)).get("relationship");
        assertThat(relationship.get("relationship_type").asText()).isEqualTo("related-to");
        assertThat(List.of(relationship.get("source_ref").asText(), relationship.get("target_ref").asText()))
                .containsExactlyInAnyOrder(StixIds.forIndicator("ir", IndicatorType.URL, "url:http://evil.example/a"),
                        StixIds.forIndicator("ir", IndicatorType.DOMAIN, "domain:evil.example"));
    }

    @Test
    void revokedAndExpiredAlertsEndTheIndicatorsValidity() {
        Instant created = Instant.parse("2026-03-01T10:00:00Z");
        Alert revoked = Alerts.alert("ir", IndicatorType.IPV4, "198.51.100.1").setKind(AlertKind.REVOKED)
                .setStatus(IndicatorStatus.REVOKED).build();
        assertThat(byType(StixMapper.objects(revoked)).get("indicator").get("revoked").asBoolean()).isTrue();

        Alert expired = Alerts.alert("ir", IndicatorType.IPV4, "198.51.100.1").setKind(AlertKind.EXPIRED)
                .setStatus(IndicatorStatus.EXPIRED).setValidUntil(null).setCreatedAt(created)
                .setFirstSeen(created.minusSeconds(3600)).build();
        assertThat(byType(StixMapper.objects(expired)).get("indicator").get("valid_until").asText())
                .isEqualTo("2026-03-01T10:00:00.000Z");

        Alert falsePositive = Alerts.alert("ir", IndicatorType.IPV4, "198.51.100.1").setKind(AlertKind.FALSE_POSITIVE).build();
        assertThat(byType(StixMapper.objects(falsePositive)).get("indicator").get("indicator_types").get(0).asText())
                .isEqualTo("benign");
    }

    @Test
    void aBundleHasAStableIdPerAlert() {
        Alert alert = Alerts.alert("ir", IndicatorType.IPV4, "203.0.113.7").build();
        assertThat(StixMapper.bundle(alert).get("id").asText()).isEqualTo(StixMapper.bundle(alert).get("id").asText())
                .startsWith("bundle--");
        assertThat(StixMapper.bundle(alert).get("objects")).hasSize(3);
    }

    private static String pattern(IndicatorType type, String value) {
        return StixPatterns.pattern(type, value).orElseThrow();
    }

    private static Map<String, ObjectNode> byType(List<ObjectNode> objects) {
        return objects.stream().collect(Collectors.toMap(o -> o.get("type").asText(), Function.identity(), (a, b) -> a));
    }
}
