package org.caspianhub.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertDeliveryFailure;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.consumers.dispatch.AlertDispatcherService;
import org.caspianhub.consumers.subscription.AlertFilter;
import org.caspianhub.consumers.subscription.DeliveryPolicy;
import org.caspianhub.consumers.subscription.WebhookFormat;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.RunningDispatcher;
import org.caspianhub.consumers.testing.TestSubscriptions;
import org.caspianhub.consumers.testing.WebhookReceiver;
import org.caspianhub.consumers.testing.WebhookReceiver.Answer;
import org.caspianhub.consumers.webhook.WebhookSignature.Verdict;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery end to end: alerts on a party's topic of a real broker, the real dispatcher
 * service, real local HTTP receivers that fail, refuse, throttle, go down and are slow. Run on
 * the embedded broker and, where Docker exists, on Testcontainers' apache/kafka.
 */
abstract class WebhookDeliveryContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    protected abstract TestPlatform platform();

    private Parties parties;
    private PartyId ir;
    private PartyId az;
    private AlertTopics topics;
    private AlertDispatcherService dispatcher;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @BeforeEach
    void provision() {
        parties = TestParties.unique("ir", "az");
        ir = TestParties.role(parties, "ir");
        az = TestParties.role(parties, "az");
        platform().provisionTopics(parties);
        topics = new AlertTopics(platform());
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        topics.close();
    }

    @Test
    void deliversSignedAlertJsonWithTheAlertIdAsIdempotencyKey() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, TestSubscriptions.webhook("ir-soc", ir, receiver.url()));
            Alert first = Alerts.alert(ir, "203.0.113.1").build();
            Alert second = Alerts.alert(ir, "203.0.113.2").build();
            topics.send(ir, first, second);

            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.delivered().size() == 2);
            for (WebhookReceiver.Received request : receiver.requests()) {
                JsonNode body = JSON.readTree(request.body());
                assertThat(request.idempotencyKey()).isEqualTo(body.get("alertId").asText());
                assertThat(request.header("Content-Type")).isEqualTo("application/json");
                assertThat(request.header("X-Caspian-Delivery-Attempt")).isEqualTo("1");
                // the receiver's side: verify with the shared secret and refuse stale timestamps
                assertThat(WebhookSignature.verify(request.header(WebhookSignature.HEADER), request.body(),
                        TestSubscriptions.SECRET, Instant.now(), Duration.ofMinutes(5))).isEqualTo(Verdict.VALID);
                assertThat(body.get("recipient").asText()).isEqualTo(ir.value());
            }
            assertThat(receiver.delivered()).containsExactlyInAnyOrder(first.getAlertId(), second.getAlertId());
        }
    }

    @Test
    void failedAttemptsAreRetriedWithBackoffUnderTheSameIdempotencyKey() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start((key, attempt) -> attempt <= 2 ? Answer.status(500) : Answer.ok())) {
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, TestSubscriptions.webhook("ir-soc", ir, receiver.url()));
            Alert alert = Alerts.alert(ir, "203.0.113.3").build();
            topics.send(ir, alert);

            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.delivered().contains(alert.getAlertId()));
            List<WebhookReceiver.Received> attempts = receiver.requestsFor(alert.getAlertId());
            assertThat(attempts).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200);
            assertThat(attempts).extracting(r -> r.header("X-Caspian-Delivery-Attempt")).containsExactly("1", "2", "3");
            // backoff: at least half of 50 ms, then of 100 ms
            assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(25));
            assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(50));
            for (WebhookReceiver.Received attempt : attempts) {
                assertThat(WebhookSignature.verify(attempt.header(WebhookSignature.HEADER), attempt.body(),
                        TestSubscriptions.SECRET, Instant.now(), Duration.ofMinutes(5))).isEqualTo(Verdict.VALID);
            }
            assertThat(topics.deadLetters(ir, 0)).isEmpty();
            assertThat(counter("caspian.delivery.attempts", "result", "retryable")).isEqualTo(2);
            assertThat(counter("caspian.delivery.alerts", "outcome", "delivered")).isEqualTo(1);
        }
    }

    @Test
    void aClientErrorIsNotRetriedAndTheAlertIsDeadLetteredWhileOthersAreDelivered() {
        Alert refused = Alerts.alert(ir, "203.0.113.4").build();
        Alert accepted = Alerts.alert(ir, "203.0.113.5").build();
        try (WebhookReceiver receiver = WebhookReceiver.start((key, attempt) ->
                key.equals(refused.getAlertId()) ? Answer.status(400) : Answer.ok())) {
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, TestSubscriptions.webhook("ir-soc", ir, receiver.url()));
            topics.send(ir, refused, accepted);

            List<AlertDeliveryFailure> dead = topics.deadLetters(ir, 1);
            assertThat(dead).hasSize(1);
            AlertDeliveryFailure failure = dead.get(0);
            assertThat(failure.getAlert()).isEqualTo(refused);
            assertThat(failure.getAttempts()).isEqualTo(1);
            assertThat(failure.getLastStatus()).isEqualTo(400);
            assertThat(failure.getLastError()).startsWith("HTTP 400");
            assertThat(failure.getSubscriptionId()).isEqualTo("ir-soc");
            // the receiver's URL is http://127.0.0.1:<port>/hooks/cti: past its first segment, a path may hold a token
            assertThat(failure.getDestination()).isEqualTo("http://127.0.0.1:" + receiver.url().getPort() + "/hooks/… (json)");
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered().contains(accepted.getAlertId()));
            assertThat(receiver.requestsFor(refused.getAlertId())).hasSize(1);
        }
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        try (WebhookReceiver receiver = WebhookReceiver.start((key, attempt) ->
                attempt == 1 ? Answer.status(429).withHeader("Retry-After", "1") : Answer.ok())) {
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, TestSubscriptions.webhook("ir-soc", ir, receiver.url()));
            Alert alert = Alerts.alert(ir, "203.0.113.6").build();
            topics.send(ir, alert);

            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.delivered().contains(alert.getAlertId()));
            List<WebhookReceiver.Received> attempts = receiver.requestsFor(alert.getAlertId());
            assertThat(attempts).hasSize(2);
            // far longer than the 50 ms backoff: the receiver's second
            assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @Test
    void afterTheLastAttemptTheAlertIsDeadLetteredAndDeliveryMovesOn() {
        Alert doomed = Alerts.alert(ir, "203.0.113.7").build();
        try (WebhookReceiver receiver = WebhookReceiver.start((key, attempt) ->
                key.equals(doomed.getAlertId()) ? Answer.status(503) : Answer.ok())) {
            dispatcher = RunningDispatcher.start(platform(), parties, metrics,
                    TestSubscriptions.webhook("ir-soc", ir, receiver.url(), TestSubscriptions.FAST.withMaxInFlight(1)));
            Alert next = Alerts.alert(ir, "203.0.113.8").build();
            topics.send(ir, doomed, next);

            List<AlertDeliveryFailure> dead = topics.deadLetters(ir, 1);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).getAlert().getAlertId()).isEqualTo(doomed.getAlertId());
            assertThat(dead.get(0).getAttempts()).isEqualTo(4);
            assertThat(dead.get(0).getLastStatus()).isEqualTo(503);
            assertThat(dead.get(0).getLastError()).contains("after 4 attempts");
            assertThat(receiver.requestsFor(doomed.getAlertId())).hasSize(4);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered().contains(next.getAlertId()));
            assertThat(counter("caspian.delivery.dead.letters", null, null)).isEqualTo(1);
        }
    }

    @Test
    void aReceiverDownForAWhileGetsItsAlertsWhenItComesBack() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            receiver.stop();
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, TestSubscriptions.webhook("ir-soc", ir, receiver.url(),
                    TestSubscriptions.FAST.withMaxAttempts(30).withBackoff(Duration.ofMillis(100), Duration.ofMillis(300))));
            Alert first = Alerts.alert(ir, "198.51.100.1").build();
            Alert second = Alerts.alert(ir, "198.51.100.2").build();
            topics.send(ir, first, second);

            await().atMost(Duration.ofSeconds(10)).until(() -> counter("caspian.delivery.attempts", "result", "retryable") >= 4);
            assertThat(receiver.requests()).isEmpty();
            receiver.resume();

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered().size() == 2);
            assertThat(receiver.delivered()).containsExactlyInAnyOrder(first.getAlertId(), second.getAlertId());
            assertThat(topics.deadLetters(ir, 0)).isEmpty();
        }
    }

    @Test
    void aReceiverDownFarLongerThanTheOldAttemptBudgetGetsEveryAlertWhenItComesBack() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            receiver.stop();
            // no attempt limit: only the (generous) maximum age would end the retrying
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, java.util.Map.of("CASPIAN_DISPATCHER_STALL_AFTER", "300ms"),
                    TestSubscriptions.webhook("ir-soc", ir, receiver.url(), TestSubscriptions.FAST
                            .withMaxAttempts(DeliveryPolicy.NO_ATTEMPT_LIMIT).withBackoff(Duration.ofMillis(10), Duration.ofMillis(40))
                            .withMaxAge(Duration.ofMinutes(10))));
            Alert first = Alerts.alert(ir, "198.51.100.11").build();
            Alert second = Alerts.alert(ir, "198.51.100.12").build();
            Alert third = Alerts.alert(ir, "198.51.100.13").build();
            topics.send(ir, first, second, third);

            // the old default gave up after 8 attempts per alert; this is several times that
            await().atMost(Duration.ofSeconds(30)).until(() -> counter("caspian.delivery.attempts", "result", "retryable") >= 3 * 25);
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriptionView().get("stalled").asBoolean());
            assertThat(health().details().get("ir-soc")).isEqualTo("STALLED");
            assertThat(receiver.requests()).isEmpty();
            receiver.resume();

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered().size() == 3);
            assertThat(receiver.delivered()).containsExactlyInAnyOrder(first.getAlertId(), second.getAlertId(), third.getAlertId());
            await().atMost(Duration.ofSeconds(5)).until(() -> !subscriptionView().get("stalled").asBoolean());
            assertThat(topics.deadLetters(ir, 0)).isEmpty();
        }
    }

    @Test
    void aRateLimitWithRetryAfterIsWaitedOutWithoutUsingUpTheAttempts() {
        Alert throttled = Alerts.alert(ir, "198.51.100.21").build();
        Alert maintenance = Alerts.alert(ir, "198.51.100.22").build();
        try (WebhookReceiver receiver = WebhookReceiver.start((key, attempt) -> attempt > 3 ? Answer.ok()
                : Answer.status(key.equals(throttled.getAlertId()) ? 429 : 503).withHeader("Retry-After", "1"))) {
            // two attempts allowed: three Retry-After answers in a row must not use them up
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, TestSubscriptions.webhook("ir-soc", ir, receiver.url(),
                    TestSubscriptions.FAST.withMaxAttempts(2)));
            topics.send(ir, throttled, maintenance);

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.delivered().size() == 2);
            assertThat(receiver.requestsFor(throttled.getAlertId())).extracting(WebhookReceiver.Received::answered)
                    .containsExactly(429, 429, 429, 200);
            assertThat(receiver.requestsFor(maintenance.getAlertId())).extracting(WebhookReceiver.Received::answered)
                    .containsExactly(503, 503, 503, 200);
            assertThat(topics.deadLetters(ir, 0)).isEmpty();
        }
    }

    @Test
    void aSubscriptionThatOnlyDeadLettersShowsAsUnhealthyUntilItDeliversAgain() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean(false);
        try (WebhookReceiver receiver = WebhookReceiver.start((key, attempt) -> up.get() ? Answer.ok() : Answer.status(503))) {
            // each alert is given up after 200 ms; ten of them one at a time keep the subscription busy for two seconds
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, java.util.Map.of("CASPIAN_DISPATCHER_STALL_AFTER", "500ms"),
                    TestSubscriptions.webhook("ir-soc", ir, receiver.url(), TestSubscriptions.FAST.withMaxInFlight(1)
                            .withMaxAttempts(DeliveryPolicy.NO_ATTEMPT_LIMIT).withBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
                            .withMaxAge(Duration.ofMillis(200))));
            Alert[] doomed = new Alert[10];
            for (int i = 0; i < doomed.length; i++) {
                doomed[i] = Alerts.alert(ir, "198.51.100." + (30 + i)).build();
            }
            topics.send(ir, doomed);

            // dead-lettering is not progress: busy and delivering nothing is stalled
            await().atMost(Duration.ofSeconds(15)).until(() -> subscriptionView().get("stalled").asBoolean());
            assertThat(topics.deadLetters(ir, 10)).hasSize(10);
            assertThat(topics.deadLetters(ir, 0).get(0).getLastError()).contains("the maximum age of 0.2s is reached");
            // idle again, yet still shown: it has delivered nothing since it started dead-lettering
            await().atMost(Duration.ofSeconds(10)).until(() -> !subscriptionView().get("stalled").asBoolean());
            assertThat(subscriptionView().get("deadLettering").asBoolean()).isTrue();
            assertThat(health().details().get("ir-soc")).isEqualTo("DEAD_LETTERING");
            assertThat(metrics.get("caspian.delivery.dead.lettering").gauge().value()).isEqualTo(1.0);

            up.set(true);
            Alert next = Alerts.alert(ir, "198.51.100.99").build();
            topics.send(ir, next);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered().contains(next.getAlertId()));
            await().atMost(Duration.ofSeconds(5)).until(() -> !subscriptionView().get("deadLettering").asBoolean());
            assertThat(health().details().get("ir-soc")).isEqualTo("RUNNING");
        }
    }

    private JsonNode subscriptionView() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + dispatcher.port() + "/subscriptions")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get(0);
    }

    private org.caspianhub.runtime.Health health() {
        return dispatcher.health();
    }

    @Test
    void aTimeoutIsRetried() {
        try (WebhookReceiver receiver = WebhookReceiver.start((key, attempt) ->
                attempt == 1 ? Answer.ok().after(Duration.ofSeconds(2)) : Answer.ok())) {
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, TestSubscriptions.webhook("ir-soc", ir, receiver.url(),
                    TestSubscriptions.FAST.withTimeout(Duration.ofMillis(300))));
            Alert alert = Alerts.alert(ir, "198.51.100.3").build();
            topics.send(ir, alert);

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.requestsFor(alert.getAlertId()).size() >= 2);
            assertThat(receiver.requestsFor(alert.getAlertId()).get(1).header("X-Caspian-Delivery-Attempt")).isEqualTo("2");
            await().atMost(Duration.ofSeconds(5)).until(() -> counter("caspian.delivery.alerts", "outcome", "delivered") == 1);
        }
    }

    @Test
    void aSlowSubscriberDoesNotHoldUpAFastOne() {
        try (WebhookReceiver slow = WebhookReceiver.start((key, attempt) -> Answer.ok().after(Duration.ofSeconds(2)));
             WebhookReceiver fast = WebhookReceiver.accepting()) {
            dispatcher = RunningDispatcher.start(platform(), parties, metrics,
                    TestSubscriptions.webhook("ir-slow", ir, slow.url(), TestSubscriptions.FAST.withTimeout(Duration.ofSeconds(10))
                            .withMaxInFlight(1)),
                    TestSubscriptions.webhook("ir-fast", ir, fast.url()));
            Alert[] alerts = new Alert[10];
            for (int i = 0; i < alerts.length; i++) {
                alerts[i] = Alerts.alert(ir, "192.0.2." + (i + 1)).build();
            }
            topics.send(ir, alerts);
            Instant sent = Instant.now();

            await().atMost(Duration.ofSeconds(8)).until(() -> fast.delivered().size() == 10);
            assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(8));
            // meanwhile the slow one, one alert every two seconds, is nowhere near done
            assertThat(slow.delivered().size()).isLessThan(10);
        }
    }

    @Test
    void aStixSubscriptionGetsABundleWithTheIndicator() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, TestSubscriptions.webhook("ir-stix", ir, receiver.url(),
                    WebhookFormat.STIX, AlertFilter.all(), TestSubscriptions.FAST));
            Alert alert = Alerts.alert(ir.value(), IndicatorType.DOMAIN, "evil.example").build();
            topics.send(ir, alert);

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered().size() == 1);
            WebhookReceiver.Received request = receiver.requests().get(0);
            assertThat(request.header("Content-Type")).isEqualTo("application/stix+json;version=2.1");
            JsonNode bundle = JSON.readTree(request.body());
            assertThat(bundle.get("type").asText()).isEqualTo("bundle");
            assertThat(bundle.get("objects").findValuesAsText("pattern")).containsExactly("[domain-name:value = 'evil.example']");
        }
    }

    @Test
    void onlyTheSubscriptionsAlertsReachItAndABadRecordDoesNotStopDelivery() {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            AlertFilter domainsOnly = new AlertFilter(Set.of(IndicatorType.DOMAIN), 0, 0, null, Set.of(), Set.of(), null);
            dispatcher = RunningDispatcher.start(platform(), parties, metrics, TestSubscriptions.webhook("ir-domains", ir, receiver.url(),
                    WebhookFormat.JSON, domainsOnly, TestSubscriptions.FAST.withMaxInFlight(1)));
            Alert ip = Alerts.alert(ir, "203.0.113.9").build();
            Alert forAzOnIrsTopic = Alerts.alert(az.value(), IndicatorType.DOMAIN, "misrouted.example").build();
            Alert onAzsTopic = Alerts.alert(az.value(), IndicatorType.DOMAIN, "azeri.example").build();
            Alert wanted = Alerts.alert(ir.value(), IndicatorType.DOMAIN, "wanted.example").build();
            topics.send(ir, ip, forAzOnIrsTopic);
            topics.sendRaw(ir, new byte[] {0, 0, 0, 0, 99, 1, 2, 3});
            topics.send(az, onAzsTopic);
            topics.send(ir, wanted);

            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.delivered().contains(wanted.getAlertId()));
            await().atMost(Duration.ofSeconds(5)).until(() -> counter("caspian.delivery.alerts", "outcome", "undecodable") == 1);
            assertThat(receiver.delivered()).containsExactly(wanted.getAlertId());
            assertThat(counter("caspian.delivery.alerts", "outcome", "filtered")).isEqualTo(1);
            assertThat(counter("caspian.delivery.alerts", "outcome", "misrouted")).isEqualTo(1);
        }
    }

    private double counter(String name, String tag, String value) {
        var search = metrics.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
