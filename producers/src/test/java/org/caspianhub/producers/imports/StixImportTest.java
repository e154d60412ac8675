package org.caspianhub.producers.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The STIX reader on the OASIS example bundles and on patterns it must take apart or refuse. */
class StixImportTest {

    @TempDir
    Path dir;

    static Path example(String name) throws URISyntaxException {
        return Path.of(StixImportTest.class.getResource("/stix/" + name).toURI());
    }

    static List<ImportEntry> read(Path file) throws Exception {
        List<ImportEntry> entries = new ArrayList<>();
        new StixBundleReader(Clock.systemUTC()).read(file, ImportDefaults.tlp(Tlp.AMBER), entries::add);
        return entries;
    }

    static <T extends ImportEntry> List<T> only(List<ImportEntry> entries, Class<T> kind) {
        return entries.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    @Test
    void theC2IpExampleGivesOneAddressWithTheIndicatorsTextAndTheDefaultTlp() throws Exception {
        List<ImportEntry> entries = read(example("indicator-for-c2-ip-address.json"));
        List<ImportEntry.Candidate> candidates = only(entries, ImportEntry.Candidate.class);
        assertThat(candidates).hasSize(1);
        assertThat(candidates.get(0).item().value()).isEqualTo("10.0.0.0");
        assertThat(candidates.get(0).item().type()).isEqualTo(IndicatorType.IPV4);
        assertThat(candidates.get(0).item().tlp()).isEqualTo(Tlp.AMBER);
        assertThat(candidates.get(0).item().externalId()).isEqualTo("indicator--33fe3b22-0201-47cf-85d0-97c02164528d");
        assertThat(candidates.get(0).item().description()).isEqualTo("IP Address for known C2 channel: Test description C2 channel.");
        assertThat(candidates.get(0).item().groupRef()).as("one value needs no group").isNull();
    }

    @Test
    void anIndicatesRelationshipToACampaignBecomesAReference() throws Exception {
        List<ImportEntry> entries = read(example("indicator-to-campaign-relationship.json"));
        List<ImportEntry.Candidate> candidates = only(entries, ImportEntry.Candidate.class);
        assertThat(candidates).hasSize(1);
        assertThat(candidates.get(0).item().references()).containsExactly("campaign:Operation Omega");
        assertThat(only(entries, ImportEntry.Skipped.class)).hasSize(2); // the campaign and the relationship
    }

    @Test
    void theC2WithCourseOfActionExampleGivesAnAddressAndASha256TaggedWithItsMalware() throws Exception {
        List<ImportEntry> entries = read(example("indicators-for-C2-with-COA.json"));
        List<ImportEntry.Candidate> candidates = only(entries, ImportEntry.Candidate.class);
        assertThat(candidates).extracting(c -> c.item().type()).containsExactly(IndicatorType.IPV4, IndicatorType.SHA256);
        assertThat(candidates.get(1).item().value())
                .isEqualTo("ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c");
        assertThat(candidates).allSatisfy(c -> assertThat(c.item().tags()).contains("malware:Poison Ivy"));
        assertThat(only(entries, ImportEntry.Refused.class)).isEmpty();
    }

    @Test
    void emailPatternsWithMatchesAreRefusedByObjectIdWithTheReason() throws Exception {
        List<ImportEntry> entries = read(example("malicious-email-indicator-with-attachment.json"));
        assertThat(only(entries, ImportEntry.Candidate.class)).isEmpty();
        List<ImportEntry.Refused> refused = only(entries, ImportEntry.Refused.class);
        assertThat(refused).extracting(ImportEntry::location).containsExactly(
                "indicator--8cf9236f-1b96-493d-98be-0c1c1e8b62d7", "indicator--2e17f6fe-3a4d-438a-911a-e509ba1b9933");
        assertThat(refused.get(0).reasons().get(0).code()).isEqualTo("unsupported_comparison");
        assertThat(refused.get(0).reasons().get(0).message()).contains("MATCHES");
    }

    @Test
    void observablesOutsideIndicatorsAndASingleNonBundleObjectAreSkippedNotFailed() throws Exception {
        List<ImportEntry> infrastructure = read(example("infrastructure.json"));
        assertThat(only(infrastructure, ImportEntry.Candidate.class)).isEmpty();
        assertThat(only(infrastructure, ImportEntry.Skipped.class)).hasSize(10);
        List<ImportEntry> single = read(example("interop-objectmarking-test.json"));
        assertThat(single).singleElement().isInstanceOf(ImportEntry.Skipped.class);
    }

    @Test
    void valuesOfOnePatternShareAGroupAndTlpComesFromMarkingsTheStrictestWinning() throws Exception {
        Path bundle = dir.resolve("bundle.json");
        Files.writeString(bundle, """
                {"type": "bundle", "id": "bundle--1", "objects": [
                  {"type": "indicator", "id": "indicator--a", "pattern_type": "stix", "confidence": 85,
                   "labels": ["apt-x"], "valid_until": "2999-01-01T00:00:00Z",
                   "object_marking_refs": ["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "marking-definition--custom"],
                   "pattern": "[domain-name:value = 'evil.example' OR url:value = 'http://evil.example/a\\\\'b'] OR [file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709' AND file:name = 'x.exe'] WITHIN 600 SECONDS"},
                  {"type": "marking-definition", "id": "marking-definition--custom", "definition_type": "tlp",
                   "definition": {"tlp": "red"}},
                  {"type": "indicator", "id": "indicator--b", "pattern_type": "sigma", "pattern": "title: x"},
                  {"type": "indicator", "id": "indicator--c", "pattern": "[ipv4-addr:value = '198.51.100.1'",
                   "object_marking_refs": ["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"]},
                  {"type": "indicator", "id": "indicator--d", "pattern": "[ipv6-addr:value = '2001:db8::1']",
                   "object_marking_refs": ["marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"]}
                ]}
                """);
        List<ImportEntry> entries = read(bundle);
        List<ImportEntry.Candidate> a = only(entries, ImportEntry.Candidate.class).stream()
                .filter(c -> c.location().equals("indicator--a")).toList();
        assertThat(a).extracting(c -> c.item().value())
                .containsExactly("evil.example", "http://evil.example/a'b", "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assertThat(a).allSatisfy(c -> {
            assertThat(c.item().groupRef()).isEqualTo("indicator--a");
            assertThat(c.item().tlp()).as("the marking defined later in the bundle counts, and RED beats GREEN").isEqualTo(Tlp.RED);
            assertThat(c.item().confidence()).isEqualTo(85);
            assertThat(c.item().tags()).contains("apt-x");
            assertThat(c.item().validUntil()).isNotNull();
        });
        List<ImportEntry.Refused> refused = only(entries, ImportEntry.Refused.class);
        assertThat(refused).extracting(ImportEntry::location).containsExactly("indicator--a", "indicator--b", "indicator--c");
        assertThat(refused.get(0).reasons().get(0).message()).contains("file:name");
        assertThat(refused.get(1).reasons().get(0).code()).isEqualTo("unsupported_pattern_type");
        assertThat(refused.get(2).reasons().get(0).code()).isEqualTo("invalid_pattern");
        ImportEntry.Candidate d = only(entries, ImportEntry.Candidate.class).stream()
                .filter(c -> c.location().equals("indicator--d")).findFirst().orElseThrow();
        assertThat(d.item().tlp()).isEqualTo(Tlp.AMBER_STRICT);
    }

    private static List<ImportEntry.Candidate> candidates(Path file, StixMarkings markings, Tlp unmarked) throws Exception {
        List<ImportEntry> entries = new ArrayList<>();
        new StixBundleReader(Clock.systemUTC(), markings).read(file, ImportDefaults.tlp(unmarked), entries::add);
        return only(entries, ImportEntry.Candidate.class);
    }

    private static String indicator(String id, String value, String... markingRefs) {
        return "{\"type\": \"indicator\", \"id\": \"" + id + "\", \"pattern_type\": \"stix\", \"pattern\": \"[domain-name:value = '"
                + value + "']\", \"object_marking_refs\": [" + String.join(",", java.util.Arrays.stream(markingRefs)
                .map(r -> "\"" + r + "\"").toList()) + "]}";
    }

    @Test
    void anIndicatorMarkedByADefinitionNobodySentIsRedNeverTheImportsDefault() throws Exception {
        Path bundle = dir.resolve("unresolved.json");
        Files.writeString(bundle, "{\"type\": \"bundle\", \"objects\": ["
                + "{\"type\": \"marking-definition\", \"id\": \"marking-definition--statement\", \"definition_type\": \"statement\","
                + " \"definition\": {\"statement\": \"Copyright 2026 CERT-X\"}},"
                + "{\"type\": \"marking-definition\", \"id\": \"marking-definition--odd-tlp\", \"definition_type\": \"tlp\","
                + " \"definition\": {\"tlp\": \"purple\"}},"
                + indicator("indicator--unknown", "unknown-marking.example", "marking-definition--never-sent") + ","
                + indicator("indicator--unknown-and-green", "unknown-and-green.example",
                "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "marking-definition--never-sent") + ","
                + indicator("indicator--odd", "odd-tlp.example", "marking-definition--odd-tlp") + ","
                + indicator("indicator--statement", "statement-only.example", "marking-definition--statement") + ","
                + indicator("indicator--statement-green", "statement-green.example", "marking-definition--statement",
                "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da") + ","
                + indicator("indicator--none", "unmarked.example") + "]}");
        List<ImportEntry.Candidate> c = candidates(bundle, new StixMarkings(), Tlp.CLEAR);
        assertThat(c).extracting(e -> e.item().value() + "=" + e.item().tlp()).containsExactly(
                "unknown-marking.example=RED", "unknown-and-green.example=RED", "odd-tlp.example=RED",
                "statement-only.example=CLEAR", "statement-green.example=GREEN", "unmarked.example=CLEAR");
    }

    @Test
    void markingsSharedAcrossFilesResolveADefinitionSentInAnEarlierOne() throws Exception {
        Path page1 = dir.resolve("page1.json");
        Files.writeString(page1, "{\"type\": \"bundle\", \"objects\": [{\"type\": \"marking-definition\","
                + " \"id\": \"marking-definition--partner-amber\", \"name\": \"TLP:AMBER\", \"definition_type\": \"statement\","
                + " \"definition\": {\"statement\": \"partner amber\"}},"
                + indicator("indicator--p1", "page-one.example", "marking-definition--partner-amber") + "]}");
        Path page2 = dir.resolve("page2.json");
        Files.writeString(page2, "{\"type\": \"bundle\", \"objects\": ["
                + indicator("indicator--p2", "page-two.example", "marking-definition--partner-amber") + "]}");
        StixMarkings shared = new StixMarkings();
        assertThat(candidates(page1, shared, Tlp.CLEAR)).singleElement().satisfies(e -> assertThat(e.item().tlp()).isEqualTo(Tlp.AMBER));
        assertThat(candidates(page2, shared, Tlp.CLEAR)).singleElement().satisfies(e -> assertThat(e.item().tlp()).isEqualTo(Tlp.AMBER));
        assertThat(candidates(page2, new StixMarkings(), Tlp.CLEAR)).singleElement()
                .satisfies(e -> assertThat(e.item().tlp()).as("read on its own, page 2's marking is unknown").isEqualTo(Tlp.RED));
    }

    @Test
    void patternParserTakesApartQuotedPathsListStepsAndQualifiers() {
        StixPattern.Parsed parsed = StixPattern.parse(
                "([email-message:body_multipart[*].body_raw_ref.name MATCHES '^x$'] FOLLOWEDBY "
                        + "[network-traffic:dst_ref.value = '203.0.113.5']) REPEATS 2 TIMES");
        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.comparisons()).extracting(StixPattern.Comparison::objectPath)
                .containsExactly("email-message:body_multipart[*].body_raw_ref.name", "network-traffic:dst_ref.value");
        assertThat(StixPattern.parse("ipv4-addr:value = '1.2.3.4'").error()).contains("square brackets");
        assertThat(StixPattern.parse("[ipv4-addr:value = '1.2.3.4]").error()).contains("not closed");
    }
}
