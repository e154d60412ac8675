package org.caspianhub.consumers.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.Reachability;
import org.caspianhub.consumers.testing.RunningDispatcher;
import org.caspianhub.consumers.testing.TestSubscriptions;
import org.caspianhub.consumers.testing.WebhookReceiver;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.Settings;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher as the launcher runs it: settings from the environment, /health, /metrics, /subscriptions. */
class AlertDispatcherServiceTest {

    private static final String SECRET = "dispatcher-test-secret-0123456789";
    private final TestPlatform platform = TestPlatforms.embedded();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void withoutASubscriptionsFileEachPartyGetsADemoSubscriptionThatLogsItsAlerts() throws Exception {
        Parties parties = TestParties.unique("ir", "az");
        PartyId ir = TestParties.role(parties, "ir");
        PartyId az = TestParties.role(parties, "az");
        platform.provisionTopics(parties);
        DispatcherSettings settings = DispatcherSettings.from(platform.settings(parties).with(Map.of("CASPIAN_DISPATCHER_PORT", "0")));
        assertThat(settings.subscriptions()).extracting(s -> s.id())
                .containsExactlyInAnyOrder("demo-log-" + ir.value(), "demo-log-" + az.value());
        assertThat(settings.subscriptions()).allSatisfy(s -> assertThat(s.destination()).isInstanceOf(Destination.Log.class));

        try (AlertDispatcherService dispatcher = new AlertDispatcherService(settings);
             AlertTopics topics = new AlertTopics(platform)) {
            dispatcher.start();
            Alert alert = Alerts.alert(ir, "203.0.113.30").build();
            topics.send(ir, alert);

            await().atMost(Duration.ofSeconds(15)).until(() -> get(dispatcher, "/metrics").body()
                    .contains("caspian_delivery_alerts_total{destination=\"log\",outcome=\"delivered\",party=\"" + ir.value()
                            + "\",service=\"dispatcher\",subscription=\"demo-log-" + ir.value() + "\"} 1.0"));
            String metrics = get(dispatcher, "/metrics").body();
            assertThat(metrics).contains("caspian_delivery_latency_seconds_count{destination=\"log\",party=\"" + ir.value()
                    + "\",service=\"dispatcher\",subscription=\"demo-log-" + ir.value() + "\"} 1");
            assertThat(metrics).contains("caspian_delivery_end_to_end_seconds_bucket");
            assertThat(metrics).contains("caspian_delivery_in_flight{");

            HttpResponse<String> health = get(dispatcher, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("UP");
            assertThat(dispatcher.endpoints()).anyMatch(e -> e.contains("demo-log-" + az.value()));
        }
    }

    @Test
    void subscriptionsComeFromTheFileAndTheirSecretsAreNeverShown(@TempDir Path dir) throws Exception {
        Parties parties = TestParties.unique("ir", "az");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            Path file = dir.resolve("subscriptions.json");
            Files.writeString(file, """
                    [{"id": "ir-soc", "party": "%s",
                      "destination": {"type": "webhook", "url": "%s/T0001/B0002/s3cretPathToken?token=hidden", "secretEnv": "IR_HOOK_SECRET",
                                      "allowPrivateNetwork": true},
                      "filter": {"minScore": 60}}]
                    """.formatted(ir.value(), receiver.url()));
            Settings settings = platform.settings(parties).with(Map.of("CASPIAN_DISPATCHER_PORT", "0",
                    "CASPIAN_SUBSCRIPTIONS_FILE", file.toString(), "IR_HOOK_SECRET", SECRET));
            try (AlertDispatcherService dispatcher = new AlertDispatcherService(DispatcherSettings.from(settings));
                 AlertTopics topics = new AlertTopics(platform)) {
                dispatcher.start();
                Alert alert = Alerts.alert(ir, "203.0.113.31").build();
                topics.send(ir, alert);
                await().atMost(Duration.ofSeconds(15)).until(() -> receiver.delivered().contains(alert.getAlertId()));
                assertThat(receiver.requests().get(0).header("X-Caspian-Subscription")).isEqualTo("ir-soc");

                String view = get(dispatcher, "/subscriptions").body();
                JsonNode subscriptions = json.readTree(view);
                assertThat(subscriptions).hasSize(1);
                assertThat(subscriptions.get(0).get("filter").asText()).isEqualTo("minScore=60");
                assertThat(subscriptions.get(0).get("state").asText()).isEqualTo("RUNNING");
                assertThat(view).doesNotContain(SECRET).doesNotContain("hidden");
                // Slack-style URLs carry their secret in the path: only its first segment is shown
                assertThat(subscriptions.get(0).get("destination").asText())
                        .isEqualTo("http://127.0.0.1:" + receiver.url().getPort() + "/hooks/… (json)");
                assertThat(view).doesNotContain("s3cretPathToken");
                assertThat(String.join("\n", dispatcher.endpoints())).doesNotContain(SECRET).doesNotContain("hidden")
                        .doesNotContain("s3cretPathToken");
            }
        }
    }

    @Test
    void listensOnThisMachineUnlessToldOtherwise() throws Exception {
        InetAddress network = Reachability.networkAddress().orElse(null);
        assumeTrue(network != null, "this machine has no network-facing address to try");
        Parties parties = TestParties.unique("ir");
        DispatcherSettings local = DispatcherSettings.from(platform.settings(parties).with(Map.of("CASPIAN_DISPATCHER_PORT", "0")))
                .withSubscriptions(List.of());
        assertThat(local.host()).isEqualTo("localhost");
        try (AlertDispatcherService dispatcher = new AlertDispatcherService(local)) {
            dispatcher.start();
            assertThat(Reachability.accepts(InetAddress.getLoopbackAddress(), dispatcher.port())).isTrue();
            assertThat(Reachability.accepts(network, dispatcher.port())).as("reachable on " + network).isFalse();
        }
        DispatcherSettings everywhere = DispatcherSettings.from(platform.settings(parties).with(Map.of(
                "CASPIAN_DISPATCHER_PORT", "0", "CASPIAN_DISPATCHER_HOST", "0.0.0.0"))).withSubscriptions(List.of());
        try (AlertDispatcherService dispatcher = new AlertDispatcherService(everywhere)) {
            dispatcher.start();
            assertThat(Reachability.accepts(network, dispatcher.port())).isTrue();
        }
    }

    @Test
    void aClosedDispatcherStartsAgainAndDeliversFromWhereItStopped() throws Exception {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        try (WebhookReceiver receiver = WebhookReceiver.accepting();
             AlertTopics topics = new AlertTopics(platform);
             AlertDispatcherService dispatcher = RunningDispatcher.start(platform, parties,
                     TestSubscriptions.webhook("ir-soc", ir, receiver.url()))) {
            Alert before = Alerts.alert(ir, "203.0.113.32").build();
            topics.send(ir, before);
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.delivered().contains(before.getAlertId()));

            dispatcher.close();
            assertThat(dispatcher.health().up()).isFalse();
            Alert whileStopped = Alerts.alert(ir, "203.0.113.33").build();
            topics.send(ir, whileStopped);

            dispatcher.start();
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.delivered().contains(whileStopped.getAlertId()));
            HttpResponse<String> health = get(dispatcher, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json.readTree(health.body()).get("ir-soc").asText()).isEqualTo("RUNNING");
            assertThat(receiver.requestsFor(before.getAlertId())).as("committed before the stop: not sent again").hasSize(1);
        }
    }

    @Test
    void twoDispatchersWithTheSameSubscriptionShareItsAlertsAndOneTakesOverWhenTheOtherStops() throws Exception {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry metricsA = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        io.micrometer.prometheusmetrics.PrometheusMeterRegistry metricsB = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        java.util.Set<String> sent = java.util.concurrent.ConcurrentHashMap.newKeySet();
        int[] n = {0};
        try (WebhookReceiver receiver = WebhookReceiver.accepting();
             AlertTopics topics = new AlertTopics(platform);
             AlertDispatcherService b = RunningDispatcher.start(platform, parties, metricsB,
                     TestSubscriptions.webhook("ir-soc", ir, receiver.url()))) {
            AlertDispatcherService a = RunningDispatcher.start(platform, parties, metricsA,
                    TestSubscriptions.webhook("ir-soc", ir, receiver.url()));
            // one consumer group for the subscription: the partitions are split, so both deliver
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Alert alert = Alerts.alert(ir, "198.18.0." + (++n[0] % 250)).build();
                topics.send(ir, alert);
                sent.add(alert.getAlertId());
                return delivered(metricsA) > 0 && delivered(metricsB) > 0;
            });
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.delivered().containsAll(sent));
            assertThat(sent).as("each alert delivered once, by one dispatcher or the other")
                    .allSatisfy(id -> assertThat(receiver.requestsFor(id)).hasSize(1));

            a.close();
            List<String> afterStop = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Alert alert = Alerts.alert(ir, "198.18.1." + i).build();
                topics.send(ir, alert);
                afterStop.add(alert.getAlertId());
            }
            // the one left takes over every partition and delivers them all
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.delivered().containsAll(afterStop));
            assertThat(receiver.delivered()).containsAll(sent);
        }
    }

    private static double delivered(io.micrometer.prometheusmetrics.PrometheusMeterRegistry metrics) {
        return metrics.find("caspian.delivery.alerts").tag("outcome", "delivered").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void aBrokenSubscriptionsFileStopsStartUpWithTheReason(@TempDir Path dir) throws Exception {
        Parties parties = TestParties.unique("ir");
        Path file = dir.resolve("subscriptions.json");
        Files.writeString(file, "[{\"id\": \"x\", \"party\": \"nowhere\", \"destination\": {\"type\": \"log\"}}]");
        Settings settings = platform.settings(parties).with(Map.of("CASPIAN_SUBSCRIPTIONS_FILE", file.toString()));
        assertThatThrownBy(() -> DispatcherSettings.from(settings))
                .hasMessageContaining("subscriptions[0] (x).party: 'nowhere' is not a configured party");
    }

    private HttpResponse<String> get(AlertDispatcherService dispatcher, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dispatcher.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
