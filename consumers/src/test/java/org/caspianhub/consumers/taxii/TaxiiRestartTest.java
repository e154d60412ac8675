package org.caspianhub.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caspianhub.consumers.stix.StixIds;
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

/** The TAXII server holds no state of its own: after a restart, even on an empty disk, it serves the same collection from Kafka. */
class TaxiiRestartTest {

    private final TestPlatform platform = TestPlatforms.embedded();

    @Test
    void aServerWithAnEmptyDiskRebuildsTheSameCollectionFromKafka(@TempDir Path firstDisk, @TempDir Path secondDisk,
                                                                   @TempDir Path thirdDisk) throws Exception {
        Parties parties = TestParties.unique("ir", "az");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        String applicationId = "taxii-restart-" + UUID.randomUUID();
        try (AlertTopics topics = new AlertTopics(platform)) {
            for (int i = 1; i <= 4; i++) {
                topics.send(ir, Alerts.alert(ir, "198.51.100." + i).build());
            }
        }

        List<JsonNode> before;
        TaxiiService first = start(parties, applicationId, firstDisk);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> manifest(first, ir).size() == 6);
            before = manifest(first, ir);
        } finally {
            first.close();
        }

        // same application id, nothing on disk: the stores come back from their changelog topics, date_added and all
        List<JsonNode> afterRestart;
        TaxiiService second = start(parties, applicationId, secondDisk);
        try {
            assertThat(manifest(second, ir)).isEqualTo(before);
            // and it keeps adding what arrives after the restart, after what it had
            try (AlertTopics topics = new AlertTopics(platform)) {
                topics.send(ir, Alerts.alert(ir, "198.51.100.9").build());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> manifest(second, ir).size() == 7);
            afterRestart = manifest(second, ir);
            assertThat(afterRestart.subList(0, 6)).isEqualTo(before);
            assertThat(afterRestart.get(6).get("date_added").asText()).isGreaterThan(before.get(5).get("date_added").asText());
        } finally {
            second.close();
        }

        // a new application id rebuilds from the alert topics themselves: the same objects and versions
        TaxiiService fresh = start(parties, "taxii-fresh-" + UUID.randomUUID(), thirdDisk);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> manifest(fresh, ir).size() == 7);
            assertThat(versions(manifest(fresh, ir))).containsExactlyInAnyOrderElementsOf(versions(afterRestart));
        } finally {
            fresh.close();
        }
    }

    private TaxiiService start(Parties parties, String applicationId, Path disk) throws Exception {
        TaxiiService service = new TaxiiService(TaxiiSettings.from(platform.settings(parties).with(Map.of(
                "CASPIAN_TAXII_PORT", "0",
                "CASPIAN_TAXII_APPLICATION_ID", applicationId,
                "CASPIAN_TAXII_STATE_DIR", disk.toString()))));
        service.start();
        assertThat(service.health().up()).isTrue();
        return service;
    }

    /** id@version of each entry: what must survive any rebuild (date_added may differ on a full replay). */
    private static List<String> versions(List<JsonNode> manifest) {
        return manifest.stream().map(e -> e.get("id").asText() + "@" + e.get("version").asText()).toList();
    }

    private static List<JsonNode> manifest(TaxiiService service, PartyId party) {
        TaxiiClient.Response response = new TaxiiClient(service.port()).get("/caspian/collections/" + StixIds.collection(party)
                + "/manifest/?match[version]=all", "demo-" + party.value() + "-soc");
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        if (response.json().has("objects")) {
            response.json().get("objects").forEach(entries::add);
        }
        return entries;
    }
}
