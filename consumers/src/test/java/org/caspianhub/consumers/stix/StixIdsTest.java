package org.caspianhub.consumers.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.caspianhub.avro.IndicatorType;
import org.junit.jupiter.api.Test;

class StixIdsTest {

    @Test
    void uuid5MatchesTheRfcAlgorithm() {
        // reference values computed with Python's uuid.uuid5
        assertThat(StixIds.uuid5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org"))
                .isEqualTo(UUID.fromString("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
        assertThat(StixIds.uuid5("ipv4:203.0.113.7")).isEqualTo(UUID.fromString("3fe7642e-bdb6-5ab7-b47e-b0810b7f3b38"));
        assertThat(StixIds.uuid5("domain:пример.испытание")).isEqualTo(UUID.fromString("fd2a39a8-e4df-528e-9fb6-e5d7a12a0845"));
    }

    @Test
    void idsAreDeterministicPerRecipientAndIndicatorKey() {
        assertThat(StixIds.forIndicator("ir", IndicatorType.IPV4, "ipv4:203.0.113.7"))
                .isEqualTo("indicator--" + StixIds.uuid5("ir|ipv4:203.0.113.7"))
                .isEqualTo(StixIds.forIndicator("ir", IndicatorType.IPV4, "ipv4:203.0.113.7"))
                .isNotEqualTo(StixIds.forIndicator("ir", IndicatorType.IPV4, "ipv4:203.0.113.8"));
        assertThat(StixIds.forIndicator("ir", IndicatorType.CVE, "cve:CVE-2024-3094")).startsWith("vulnerability--");
    }

    @Test
    void twoRecipientsNeverShareAnIdForTheirDifferingViews() {
        assertThat(StixIds.forIndicator("ir", IndicatorType.IPV4, "ipv4:203.0.113.7"))
                .isNotEqualTo(StixIds.forIndicator("az", IndicatorType.IPV4, "ipv4:203.0.113.7"));
        assertThat(StixIds.relationship("ir", "url:http://a/", "domain:a", "URL_HOST"))
                .isNotEqualTo(StixIds.relationship("az", "url:http://a/", "domain:a", "URL_HOST"));
        assertThat(StixIds.sighting("ir", "ipv4:203.0.113.7", "x")).isNotEqualTo(StixIds.sighting("az", "ipv4:203.0.113.7", "x"));
    }

    @Test
    void aRelationshipHasOneIdWhicheverSideRevealsIt() {
        assertThat(StixIds.relationship("ir", "url:http://a/", "domain:a", "URL_HOST"))
                .isEqualTo(StixIds.relationship("ir", "domain:a", "url:http://a/", "URL_HOST"));
    }
}
