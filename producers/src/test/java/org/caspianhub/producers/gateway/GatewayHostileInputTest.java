package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.RawHttp;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an attacker holding one party's key (or none) can send the gateway's port, as bytes on the
 * wire: every answer is a 4xx in the documented JSON shape (never Jetty's HTML page, never a 500),
 * nothing it refuses is written, and the management endpoints are not on this port at all.
 */
class GatewayHostileInputTest {

    static TestGateway hub;
    static PartyId ir;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway("ir");
        hub.start();
        ir = TestParties.role(hub.parties, "ir");
        analyst = TestGateway.key(ir, "analyst");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    private static int port() {
        return hub.service().port();
    }

    /** The gateway's one error shape: {"status","error","message","errors":[{"field","code","message"}]}. */
    private static JsonNode error(RawHttp.Response response, int status, String code) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode body = TestGateway.JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.path("errors").get(0).path("code").asText()).isEqualTo(code);
        return body;
    }

    private static RawHttp.Response postIndicator(byte[] body, String... extraHeaders) throws Exception {
        return RawHttp.send(port(), "POST /api/v1/indicators HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + analyst + "\r\n" + String.join("", extraHeaders), body);
    }

    /**
     * What is on the party's topic for {@code value}. The gateway answers only after the broker acknowledged a
     * write, so everything up to the end offsets is all there is: expecting 0 records returns once they are read.
     */
    private static List<IndicatorSubmission> written(String value) {
        return hub.read(hub.topics.submissions(ir), r -> r.value().getValue().equals(value), 0, Duration.ofSeconds(20))
                .stream().map(ConsumerRecord::value).toList();
    }

    @Test
    void metricsAndHealthAre404OnTheGatewayPortAnd200OnTheManagementPort() throws Exception {
        for (String path : List.of("/metrics", "/health")) {
            error(RawHttp.send(port(), "GET " + path + " HTTP/1.1\r\n", null), 404, "not_found");
            HttpResponse<String> management = hub.http.send(HttpRequest.newBuilder(URI.create(hub.managementUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(management.statusCode()).as(path).isEqualTo(200);
        }
        assertThat(hub.managementUrl()).doesNotContain(":" + port());
    }

    @Test
    void anUnknownPathIsAJson404() throws Exception {
        error(RawHttp.send(port(), "GET /nonexistent/thing HTTP/1.1\r\n", null), 404, "not_found");
        error(RawHttp.send(port(), "GET /api/v1/nonexistent HTTP/1.1\r\nAuthorization: Bearer " + analyst + "\r\n", null),
                404, "not_found");
    }

    @Test
    void aHeaderLargerThanJettysLimitIsAJson431() throws Exception {
        JsonNode body = error(RawHttp.send(port(), "GET /api/v1/submissions/x HTTP/1.1\r\nX-Padding: " + "a".repeat(20_000) + "\r\n",
                null), 431, "header_too_large");
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("headers");
    }

    @Test
    void aControlCharacterInAHeaderIsAJson400() throws Exception {
        error(RawHttp.send(port(), "GET /api/v1/submissions/x HTTP/1.1\r\nX-Note: a\u0001b\r\n", null), 400, "illegal_character");
    }

    @Test
    void twoAuthorizationHeadersAreRefusedWhicheverComesFirst() throws Exception {
        byte[] body = "{\"value\": \"two-keys.example\"}".getBytes(StandardCharsets.UTF_8);
        error(postIndicator(body, "Authorization: Bearer not-a-key\r\n"), 400, "duplicate_authorization");
        error(RawHttp.send(port(), "POST /api/v1/indicators HTTP/1.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer not-a-key\r\nAuthorization: Bearer " + analyst + "\r\n", body), 400, "duplicate_authorization");
        assertThat(written("two-keys.example")).isEmpty();
    }

    @Test
    void anOverlongUtf8FormIsRefusedInAValueAndInTheTlpLikeAnyInvalidUtf8() throws Exception {
        byte[] dot = {(byte) 0xc0, (byte) 0xae};          // '.' as an overlong two-byte form
        byte[] e = {(byte) 0xc1, (byte) 0xa5};            // 'e' likewise
        byte[] stray = {(byte) 0xff};                     // never valid in UTF-8
        for (byte[] body : List.of(
                bytes("{\"value\": \"ovl", dot, "example.net\"}"),
                bytes("{\"value\": \"ovl-tlp.example.net\", \"tlp\": \"gr", e, "en\"}"),
                bytes("{\"value\": \"ovl", stray, "example.net\"}"))) {
            JsonNode refusal = error(postIndicator(body), 400, "malformed_json");
            assertThat(refusal.path("message").asText()).contains("not valid UTF-8 at byte");
        }
        assertThat(written("ovl.example.net")).isEmpty();
        assertThat(written("ovl-tlp.example.net")).isEmpty();
    }

    @Test
    void anEmptyTlpIsAFieldErrorNotTheDefault() throws Exception {
        RawHttp.Response response = postIndicator("{\"value\": \"empty-tlp.example\", \"tlp\": \"\"}".getBytes(StandardCharsets.UTF_8));
        JsonNode body = TestGateway.JSON.readTree(response.body());
        assertThat(response.status()).isEqualTo(400);
        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("tlp");
        assertThat(body.path("errors").get(0).path("code").asText()).isEqualTo("invalid_tlp");
        assertThat(written("empty-tlp.example")).isEmpty();

        HttpResponse<String> emptyQuery = hub.post("/api/v1/imports?tlp=", analyst, "text/plain", "empty-query-tlp.example\n", Map.of());
        assertThat(emptyQuery.statusCode()).isEqualTo(400);
        assertThat(TestGateway.json(emptyQuery).path("errors").get(0).path("code").asText()).isEqualTo("invalid_tlp");
    }

    @Test
    void aNestingBombInAStixBundleOrAMispEventIsA400NotA500() throws Exception {
        String deep = "[".repeat(1_500) + "]".repeat(1_500);
        String stix = "{\"type\": \"bundle\", \"id\": \"bundle--1\", \"objects\": [{\"type\": \"indicator\", \"x\": " + deep + "}]}";
        String misp = "{\"Event\": {\"uuid\": \"u\", \"Attribute\": [{\"type\": \"domain\", \"value\": \"x.example\", \"x\": " + deep + "}]}}";
        for (String[] file : new String[][] {{"stix", stix}, {"misp", misp}}) {
            HttpResponse<String> response = hub.post("/api/v1/imports?format=" + file[0], analyst, "application/json", file[1], Map.of());
            assertThat(response.statusCode()).as(file[0] + ": " + response.body()).isEqualTo(400);
            JsonNode body = TestGateway.json(response);
            assertThat(body.path("error").asText()).isEqualTo("unreadable_file");
            assertThat(body.path("message").asText()).contains("nesting depth");
        }
    }

    @Test
    void oneHugeObjectInAnImportIsRefusedWithTheLimitNamed() throws Exception {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            labels.append(i == 0 ? "" : ",").append("\"l\"");
        }
        String bundle = "{\"type\": \"bundle\", \"id\": \"bundle--2\", \"objects\": [{\"type\": \"indicator\", \"id\": \"indicator--1\","
                + " \"pattern_type\": \"stix\", \"pattern\": \"[domain-name:value = 'huge-labels.example']\", \"labels\": [" + labels + "]}]}";
        HttpResponse<String> response = hub.post("/api/v1/imports?format=stix", analyst, "application/json", bundle, Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(TestGateway.json(response).path("message").asText())
                .contains("element 0 of 'objects' is larger than an import allows for one object");
        assertThat(written("huge-labels.example")).isEmpty();
    }

    @Test
    void anOverlongUtf8FormInAnImportedFileIsRefusedNotDecoded() throws Exception {
        byte[] dot = {(byte) 0xc0, (byte) 0xae};
        byte[] stix = bytes("{\"type\": \"bundle\", \"id\": \"bundle--3\", \"objects\": [{\"type\": \"indicator\", \"id\": \"indicator--3\","
                + " \"pattern_type\": \"stix\", \"pattern\": \"[domain-name:value = 'stix-ovl", dot, "example.net']\"}]}");
        byte[] misp = bytes("{\"Event\": {\"uuid\": \"u\", \"Attribute\": [{\"type\": \"domain\", \"to_ids\": true,"
                + " \"value\": \"misp-ovl", dot, "example.net\"}]}}");
        for (byte[] file : List.of(stix, misp)) {
            HttpResponse<String> response = hub.http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/imports"))
                    .header("Authorization", "Bearer " + analyst).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(TestGateway.json(response).path("message").asText()).contains("not valid UTF-8 at byte");
        }
        byte[] text = bytes("text-ovl", dot, "example.net\n");
        HttpResponse<String> lines = hub.http.send(HttpRequest.newBuilder(URI.create(hub.url() + "/api/v1/imports?format=text"))
                .header("Authorization", "Bearer " + analyst).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(text)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lines.statusCode()).as(lines.body()).isIn(200, 400);
        assertThat(written("stix-ovl.example.net")).isEmpty();
        assertThat(written("misp-ovl.example.net")).isEmpty();
        assertThat(written("text-ovl.example.net")).as("a text list's bad line is refused, not decoded").isEmpty();
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
