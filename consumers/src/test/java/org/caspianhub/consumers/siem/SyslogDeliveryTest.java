package org.caspianhub.consumers.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertDeliveryFailure;
import org.caspianhub.avro.Severity;
import org.caspianhub.consumers.dispatch.AlertDispatcherService;
import org.caspianhub.consumers.subscription.AlertFilter;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.RunningDispatcher;
import org.caspianhub.consumers.testing.SilentListener;
import org.caspianhub.consumers.testing.SyslogListener;
import org.caspianhub.consumers.testing.TestSubscriptions;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CEF over syslog TCP to a real local listener that parses RFC 6587 octet-counted frames. */
class SyslogDeliveryTest {

    private final TestPlatform platform = TestPlatforms.embedded();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private Parties parties;
    private PartyId ir;
    private AlertTopics topics;
    private AlertDispatcherService dispatcher;

    @BeforeEach
    void provision() {
        parties = TestParties.unique("ir", "az");
        ir = TestParties.role(parties, "ir");
        platform.provisionTopics(parties);
        topics = new AlertTopics(platform);
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        topics.close();
    }

    @Test
    void alertsArriveAsRfc5424FramedCefMessages() {
        try (SyslogListener siem = SyslogListener.start()) {
            dispatcher = RunningDispatcher.start(platform, parties, metrics, syslog(siem));
            Alert plain = Alerts.alert(ir, "203.0.113.20").build();
            Alert awkward = Alerts.alert(ir, "203.0.113.21").setSeverity(Severity.CRITICAL)
                    .setSummary("C2 = panel | admin\nseen twice, сервер").build();
            topics.send(ir, plain, awkward);

            await().atMost(Duration.ofSeconds(10)).until(() -> siem.messages().size() == 2);
            assertThat(siem.errors()).isEmpty();
            String critical = siem.messages().stream().filter(m -> m.contains(awkward.getAlertId())).findFirst().orElseThrow();
            // local0 (16) * 8 + crit (2)
            assertThat(critical).startsWith("<130>1 ").contains(" hub-test caspian-hub - NEW_INDICATOR - CEF:0|Caspian Hub|caspian-hub|1|");
            assertThat(critical).contains("|C2 = panel \\| admin seen twice, сервер|10|");
            assertThat(critical).contains("msg=C2 \\= panel | admin\\nseen twice, сервер");
            assertThat(critical).contains("dst=203.0.113.21");
            assertThat(siem.messages()).anyMatch(m -> m.contains("externalId=" + plain.getAlertId()));
        }
    }

    @Test
    void aListenerThatGoesDownGetsTheAlertsWhenItIsBack() {
        try (SyslogListener siem = SyslogListener.start()) {
            siem.stop();
            dispatcher = RunningDispatcher.start(platform, parties, metrics, syslog(siem));
            List<Alert> alerts = List.of(Alerts.alert(ir, "203.0.113.22").build(), Alerts.alert(ir, "203.0.113.23").build());
            topics.send(ir, alerts.toArray(Alert[]::new));

            await().atMost(Duration.ofSeconds(10)).until(() -> metrics.find("caspian.delivery.attempts").tag("result", "retryable")
                    .counters().stream().mapToDouble(c -> c.count()).sum() >= 2);
            siem.resume();

            await().atMost(Duration.ofSeconds(10)).until(() -> siem.messages().size() >= 2);
            for (Alert alert : alerts) {
                assertThat(siem.messages()).anyMatch(m -> m.contains("externalId=" + alert.getAlertId()));
            }
            assertThat(siem.errors()).isEmpty();
        }
    }

    @Test
    void aListenerThatStopsReadingIsReportedStalledAndCannotHoldTheSubscriptionForever() throws Exception {
        try (SilentListener siem = SilentListener.start()) {
            Destination.Syslog destination = new Destination.Syslog("127.0.0.1", siem.port(), "hub-test", 16, "caspian-hub");
            Subscription subscription = new Subscription("ir-siem", ir, destination, AlertFilter.all(),
                    TestSubscriptions.FAST.withTimeout(Duration.ofSeconds(3)).withMaxAttempts(1).withMaxInFlight(4));
            dispatcher = RunningDispatcher.start(platform, parties, metrics, Map.of("CASPIAN_DISPATCHER_STALL_AFTER", "1s"),
                    subscription);
            // far more than the listener's window and our send buffer take (a few MB)
            List<Alert> alerts = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                alerts.add(Alerts.large(ir));
            }
            topics.sendAll(ir, alerts);

            // while a write waits on the full window, the subscription shows as stalled; the service stays UP
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                    json(get("/subscriptions")).get(0).get("stalled").asBoolean()
                            && get("/health").contains("\"ir-siem\":\"STALLED\"")
                            && metrics.get("caspian.delivery.stalled").gauge().value() == 1.0);
            assertThat(status("/health")).isEqualTo(200);

            // the write gives up after its timeout: that alert is dead-lettered (one attempt here) and the
            // others go on over a new connection; every alert ends delivered or dead-lettered
            await().atMost(Duration.ofSeconds(60)).until(() -> counter("delivered") + counter("dead_lettered") == alerts.size());
            // the write that waited on the full window is dead-lettered; alerts that were waiting for the
            // connection meanwhile may be too, with "no connection within", so look for the write among them
            int deadLettered = (int) counter("dead_lettered");
            List<AlertDeliveryFailure> dead = topics.deadLetters(ir, deadLettered);
            assertThat(dead).hasSize(deadLettered).anySatisfy(failure ->
                    assertThat(failure.getLastError()).contains("write timed out").contains("connection closed"));
            assertThat(json(get("/subscriptions")).get(0).get("stalled").asBoolean()).isFalse();
            assertThat(siem.connections()).isGreaterThan(1);
        }
    }

    private double counter(String outcome) {
        return metrics.find("caspian.delivery.alerts").tag("outcome", outcome).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private String get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dispatcher.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dispatcher.port() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode json(String body) throws Exception {
        return new ObjectMapper().readTree(body);
    }

    private Subscription syslog(SyslogListener siem) {
        return new Subscription("ir-siem", ir, new Destination.Syslog("127.0.0.1", siem.port(), "hub-test", 16, "caspian-hub"),
                AlertFilter.all(), TestSubscriptions.FAST.withMaxAttempts(50).withBackoff(Duration.ofMillis(100), Duration.ofMillis(300)));
    }
}
