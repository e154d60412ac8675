package org.caspianhub.consumers.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.consumers.taxii.TaxiiService;
import org.caspianhub.consumers.taxii.TaxiiSettings;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.TaxiiClient;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TAXII server read by a client nobody here wrote: the OASIS TAXII 2.1 client
 * ({@code taxii2client}, vendored unchanged under test resources with its SOURCE.txt and licence)
 * in Python, as a partner SOC's script would: discovery, the API root, the collection, every page
 * of objects through {@code as_pages}, the manifest, one object, its versions. Skipped, saying
 * why, where python3 with {@code requests} and {@code six} is not installed.
 */
class Taxii2ClientInteropTest {

    private static final TestPlatform PLATFORM = TestPlatforms.embedded();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theOasisClientPagesThroughTheCollectionAndReadsManifestObjectAndVersions(@TempDir Path stateDir) throws Exception {
        Path client = Path.of(getClass().getResource("/taxii2client/interop.py").toURI()).getParent();
        assumeTrue(run(client, List.of("python3", "-c", "import requests, six")).exit() == 0,
                "python3 with requests and six is needed to run the OASIS taxii2client");

        Parties parties = TestParties.unique("ir", "az");
        PartyId ir = TestParties.role(parties, "ir");
        PLATFORM.provisionTopics(parties);
        List<String> indicators = new ArrayList<>();
        Alert first = null;
        try (AlertTopics topics = new AlertTopics(PLATFORM)) {
            for (int i = 1; i <= 5; i++) {
                Alert alert = Alerts.alert(ir, "192.0.2." + (40 + i)).build();
                first = first == null ? alert : first;
                topics.send(ir, alert);
                indicators.add(StixIds.forIndicator(ir.value(), IndicatorType.IPV4, alert.getIndicatorKey()));
            }
            topics.send(ir, Alert.newBuilder(first).setAlertId("update-" + first.getAlertId()).setKind(AlertKind.UPDATED)
                    .setScore(90).setCreatedAt(first.getCreatedAt().plusSeconds(1)).build());
        }
        TaxiiService taxii = new TaxiiService(TaxiiSettings.from(PLATFORM.settings(parties).with(Map.of(
                "CASPIAN_TAXII_PORT", "0", "CASPIAN_TAXII_STATE_DIR", stateDir.toString()))));
        try {
            taxii.start();
            String key = "demo-" + ir.value() + "-soc";
            String manifest = "/caspian/collections/" + StixIds.collection(ir) + "/manifest/?match[version]=all";
            await().atMost(Duration.ofSeconds(30)).until(() -> new TaxiiClient(taxii.port()).get(manifest, key).json().path("objects").size() == 8);

            Run python = run(client, List.of("python3", "interop.py", taxii.discoveryUrl(), key));
            assertThat(python.exit()).as(python.output()).isZero();
            JsonNode got = JSON.readTree(python.output().lines().reduce((a, b) -> b).orElseThrow());
            assertThat(got.get("collections")).extracting(JsonNode::asText).containsExactly(StixIds.collection(ir));
            assertThat(got.get("can_read").asBoolean()).isTrue();
            // pages of two, latest versions: five indicators, one marking definition, the hub's identity; each once
            List<String> paged = new ArrayList<>();
            got.get("paged_ids").forEach(id -> paged.add(id.asText()));
            assertThat(paged).doesNotHaveDuplicates().hasSize(7).containsAll(indicators);
            assertThat(got.get("manifest_ids")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(paged);
            String asked = paged.stream().filter(id -> id.startsWith("indicator--")).findFirst().orElseThrow();
            assertThat(got.get("one")).extracting(JsonNode::asText).containsExactly(asked);
            assertThat(got.get("versions")).hasSize(asked.equals(indicators.get(0)) ? 2 : 1);
        } finally {
            taxii.close();
        }
    }

    private record Run(int exit, String output) {
    }

    private static Run run(Path directory, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", directory.toString());
        Process process;
        try {
            process = builder.start();
        } catch (java.io.IOException e) {
            return new Run(-1, "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "timed out");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
