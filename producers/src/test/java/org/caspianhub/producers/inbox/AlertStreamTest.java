package org.caspianhub.producers.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.alert.AlertJson;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/alerts/stream} on a real gateway reading the real broker: each party gets its
 * own alerts live and never another's, resumes after a reconnect, filters on the gateway, and a
 * client that stops reading is cut off with a reason instead of queueing without bound.
 */
class AlertStreamTest {

    /** Small queues and ring, so the bounds are reached with few alerts. */
    static final int CLIENT_QUEUE = 20;
    static final Duration PATIENCE = Duration.ofSeconds(20);

    static TestGateway hub;
    static DemoAlerts alerts;
    static PartyId ir;
    static PartyId az;

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway(Map.of("CASPIAN_GATEWAY_ALERTS_CLIENT_QUEUE", Integer.toString(CLIENT_QUEUE),
                "CASPIAN_GATEWAY_ALERTS_RECENT", "100", "CASPIAN_GATEWAY_ALERTS_HEARTBEAT", "1s"), "ir", "az").start();
        ir = TestParties.role(hub.parties, "ir");
        az = TestParties.role(hub.parties, "az");
        alerts = new DemoAlerts(hub);
    }

    @AfterAll
    static void stop() {
        if (alerts != null) {
            alerts.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    private static String stream(String query) {
        return hub.url() + "/api/v1/alerts/stream" + query;
    }

    private static String analyst(PartyId party) {
        return TestGateway.key(party, "analyst");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    private static Alert alertFor(PartyId party, String domain) throws Exception {
        return alerts.publish(DemoAlerts.alert(party, IndicatorType.DOMAIN, domain).build());
    }

    private static String alertIdOf(SseReader.Event e) throws Exception {
        return TestGateway.JSON.readTree(e.data()).path("alertId").asText();
    }

    /** Waits for the alert with this id, passing over others; fails the test when it does not come. */
    private static SseReader.Event awaitAlert(SseReader reader, String alertId) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            SseReader.Event e = reader.next("alert", Duration.ofNanos(deadline - System.nanoTime()));
            if (e != null && alertIdOf(e).equals(alertId)) {
                return e;
            }
        }
        throw new AssertionError("alert " + alertId + " did not arrive within " + PATIENCE);
    }

    @Test
    void eachPartyReceivesItsOwnAlertsLiveAndNeverAnotherPartys() throws Exception {
        // the caller's party comes from its key: a party parameter is not a way to another party's stream
        try (SseReader irStream = SseReader.open(stream("?recent=0&party=" + az.value() + "&recipient=" + az.value()),
                analyst(ir), null);
             SseReader azStream = SseReader.open(stream("?recent=0"), TestGateway.key(az, "soc"), null)) {
            assertThat(irStream.status).isEqualTo(200);
            assertThat(irStream.contentType).startsWith("text/event-stream");
            assertThat(irStream.next("ready", PATIENCE)).as("ready event").isNotNull();
            assertThat(azStream.next("ready", PATIENCE)).as("ready event").isNotNull();

            Alert forAz = alertFor(az, unique("az-only"));
            Alert forIr = alertFor(ir, unique("ir-own"));

            SseReader.Event azGot = awaitAlert(azStream, forAz.getAlertId());
            assertThat(azGot.data()).as("the alert's JSON exactly as a webhook body renders it")
                    .isEqualTo(new String(AlertJson.toBytes(forAz), StandardCharsets.UTF_8));
            SseReader.Event irGot = awaitAlert(irStream, forIr.getAlertId());
            assertThat(irGot.id()).as("an event id to resume from").matches("\\d+(\\.\\d+)*");

            List<String> irSaw = new ArrayList<>();
            for (SseReader.Event e : irStream.all("alert", Duration.ofSeconds(2))) {
                irSaw.add(alertIdOf(e));
            }
            irSaw.add(alertIdOf(irGot));
            assertThat(irSaw).as("what Iran's stream carried").doesNotContain(forAz.getAlertId());
            assertThat(azStream.all("alert", Duration.ofSeconds(1))).extracting(AlertStreamTest::alertIdOf)
                    .doesNotContain(forIr.getAlertId());
        }
        // and on connect, the recent backlog is the caller's party's only
        try (SseReader again = SseReader.open(stream("?recent=100&poll=true"), analyst(ir), null)) {
            List<String> backlog = new ArrayList<>();
            for (SseReader.Event e : again.all("alert", Duration.ofSeconds(3))) {
                backlog.add(alertIdOf(e));
                assertThat(TestGateway.JSON.readTree(e.data()).path("recipient").asText()).isEqualTo(ir.value());
            }
            assertThat(backlog).isNotEmpty();
        }
    }

    @Test
    void aReconnectWithTheLastEventIdResumesWithoutLossOrRepetition() throws Exception {
        Alert first = alertFor(ir, unique("resume-1"));
        String lastId;
        try (SseReader reader = SseReader.open(stream("?recent=100"), analyst(ir), null)) {
            lastId = awaitAlert(reader, first.getAlertId()).id();
        }
        Alert second = alertFor(ir, unique("resume-2"));
        Alert third = alertFor(ir, unique("resume-3"));
        try (SseReader reader = SseReader.open(stream(""), analyst(ir), lastId)) {
            List<String> got = new ArrayList<>();
            for (SseReader.Event e : reader.all("alert", Duration.ofSeconds(4))) {
                got.add(alertIdOf(e));
            }
            assertThat(got).as("the alerts after the last event id, once each")
                    .contains(second.getAlertId(), third.getAlertId())
                    .doesNotContain(first.getAlertId())
                    .doesNotHaveDuplicates();
        }
        // the ready event's id is a place too: reconnecting with it brings nothing old again
        String readyId;
        try (SseReader reader = SseReader.open(stream("?recent=100"), analyst(ir), null)) {
            readyId = reader.next("ready", PATIENCE).id();
        }
        Alert fourth = alertFor(ir, unique("resume-4"));
        try (SseReader reader = SseReader.open(stream("?lastEventId=" + readyId), analyst(ir), null)) {
            List<String> got = new ArrayList<>();
            for (SseReader.Event e : reader.all("alert", Duration.ofSeconds(3))) {
                got.add(alertIdOf(e));
            }
            assertThat(got).containsExactly(fourth.getAlertId());
        }
    }

    @Test
    void filtersByKindTypeTlpAndScoreAreAppliedOnTheGateway() throws Exception {
        try (SseReader reader = SseReader.open(stream("?recent=0&kind=cross_border_match,revoked&type=ipv4&tlp=amber&minScore=60"),
                analyst(ir), null)) {
            reader.next("ready", PATIENCE);
            String ip = "198.51.100." + (1 + (int) (Math.random() * 200));
            alerts.publish(DemoAlerts.alert(ir, IndicatorType.IPV4, ip).setKind(AlertKind.NEW_INDICATOR).build());
            alerts.publish(DemoAlerts.alert(ir, IndicatorType.DOMAIN, unique("match")).setKind(AlertKind.CROSS_BORDER_MATCH).build());
            alerts.publish(DemoAlerts.alert(ir, IndicatorType.IPV4, ip).setKind(AlertKind.CROSS_BORDER_MATCH).setTlp(Tlp.RED).build());
            alerts.publish(DemoAlerts.alert(ir, IndicatorType.IPV4, ip).setKind(AlertKind.CROSS_BORDER_MATCH).setScore(59).build());
            Alert wanted = alerts.publish(DemoAlerts.alert(ir, IndicatorType.IPV4, ip).setKind(AlertKind.CROSS_BORDER_MATCH)
                    .setTlp(Tlp.AMBER).setScore(60).build());
            List<String> got = new ArrayList<>();
            for (SseReader.Event e : reader.all("alert", Duration.ofSeconds(4))) {
                got.add(alertIdOf(e));
            }
            assertThat(got).containsExactly(wanted.getAlertId());
        }
    }

    @Test
    void badParametersAreRefusedWithFieldErrorsAndKeysAreChecked() throws Exception {
        HttpResponse<String> bad = hub.get("/api/v1/alerts/stream?kind=sideways&tlp=purple&minScore=101&since=yesterday",
                analyst(ir));
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode errors = TestGateway.json(bad).path("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("kind", "tlp", "minScore", "since");

        assertThat(hub.get("/api/v1/alerts/stream", null).statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/v1/alerts/stream", "not-a-key").statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/v1/alerts/stream", TestGateway.key(ir, "feed")).statusCode())
                .as("a feed's key reads no alerts").isEqualTo(403);
    }

    @Test
    void aLongPollEndsOnceItHasSentAlerts() throws Exception {
        String readyId;
        try (SseReader reader = SseReader.open(stream("?recent=0&poll=true&wait=1"), analyst(ir), null)) {
            readyId = reader.next("ready", PATIENCE).id();
        }
        Alert next = alertFor(ir, unique("poll"));
        try (SseReader reader = SseReader.open(stream("?poll=true&wait=20"), analyst(ir), readyId)) {
            SseReader.Event e = awaitAlert(reader, next.getAlertId());
            assertThat(e).isNotNull();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!reader.ended() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(reader.ended()).as("the long poll's answer ends after its alerts").isTrue();
        }
    }

    @Test
    void aClientThatStopsReadingIsCutOffWithAReasonNotQueuedWithoutBound() throws Exception {
        URI uri = URI.create(hub.url());
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096); // before connecting: a small window fills fast
            socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()));
            OutputStream request = socket.getOutputStream();
            request.write(("GET /api/v1/alerts/stream?recent=0 HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer "
                    + analyst(ir) + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            BufferedReader response = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(response.readLine()).contains("200");
            // ... and now the client reads nothing while far more than its queue and the socket buffers hold arrives
            String padding = "x".repeat(20_000);
            int published = 400;
            for (int i = 0; i < published; i++) {
                alerts.publish(DemoAlerts.alert(ir, IndicatorType.DOMAIN, unique("flood")).setSummary(padding).build());
            }
            socket.setSoTimeout(30_000);
            int alertsRead = 0;
            String ending = null;
            for (String line = response.readLine(); line != null; line = response.readLine()) {
                if (line.equals("event: alert")) {
                    alertsRead++;
                } else if (line.equals("event: end")) {
                    ending = response.readLine();
                    break;
                }
            }
            assertThat(ending).as("the stream ends with its reason").contains("\"reason\":\"too_slow\"");
            assertThat(alertsRead).as("alerts that got through before the cut").isLessThan(published);
        }
        String metrics = hub.http.send(java.net.http.HttpRequest.newBuilder(URI.create(hub.managementUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).as("the cut is counted").containsPattern("caspian_alert_streams_ended_total\\{.*reason=\"too_slow\".*\\} 1\\.0");
        // the stream is gone on the gateway's side too: a fresh client is served at once
        try (SseReader reader = SseReader.open(stream("?recent=0"), analyst(ir), null)) {
            assertThat(reader.next("ready", PATIENCE)).isNotNull();
        }
    }
}
