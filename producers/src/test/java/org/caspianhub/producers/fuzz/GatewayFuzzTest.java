package org.caspianhub.producers.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.RawHttp;
import org.caspianhub.testkit.TestParties;

/**
 * Fuzzes a real gateway over HTTP, as bytes on the wire: every route, with generated and damaged
 * JSON bodies and import files, query parameters, and headers (the Authorization, Content-Type and
 * Idempotency-Key the gateway reads, doubled, missing, or with any byte but CR and LF). Whatever
 * arrives, the answer is never a 5xx (the gateway's handler for an uncaught exception answers 500,
 * so this also shows none escaped) and every error is the documented JSON shape.
 *
 * <p>CI runs {@code jqwik.tries.default} cases per property; a long campaign:
 * {@code mvn -B -pl producers -am verify -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false
 * -Djqwik.tries.default=200000}.
 */
class GatewayFuzzTest {

    static TestGateway hub;
    static PartyId ir;

    @BeforeContainer
    static void start() throws Exception {
        hub = new TestGateway("ir");
        hub.start();
        ir = TestParties.role(hub.parties, "ir");
    }

    @AfterContainer
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    /** Sends one request; fails on a 5xx or an error body that is not the gateway's JSON shape. */
    static void send(String requestLine, List<String> headers, byte[] body) throws Exception {
        String head = requestLine + "\r\n" + String.join("", headers.stream().map(h -> h + "\r\n").toList());
        RawHttp.Response response = RawHttp.send(hub.service().port(), head, body);
        assertThat(response.status()).as(response.body()).isBetween(200, 499);
        if (response.status() >= 400) {
            JsonNode error = TestGateway.JSON.readTree(response.body());
            assertThat(error.path("status").asInt()).isEqualTo(response.status());
            assertThat(error.path("error").asText()).isNotBlank();
            assertThat(error.path("errors").isArray()).isTrue();
        }
    }

    @Provide
    Arbitrary<String> authorization() {
        String analyst = "demo-" + ir.value() + "-analyst";
        return Arbitraries.oneOf(
                Arbitraries.of("Bearer " + analyst, "Bearer demo-" + ir.value() + "-soc", "Bearer demo-" + ir.value() + "-feed",
                        "Bearer not-a-key", "Basic " + java.util.Base64.getEncoder().encodeToString((":" + analyst).getBytes(
                                StandardCharsets.UTF_8)), "Bearer", "bearer  " + analyst, "", "Bearer " + analyst + "\u0000")
                        .map(v -> "Authorization: " + v),
                headerValue().map(v -> "Authorization: " + v));
    }

    /** Any header value a client could put on the wire: every byte but CR and LF. */
    @Provide
    Arbitrary<String> headerValue() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').excludeChars('\r', '\n').ofMaxLength(60);
    }

    @Provide
    Arbitrary<List<String>> headers() {
        Arbitrary<String> contentType = Arbitraries.oneOf(
                Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain", "text/csv",
                        "application/stix+json", "application/octet-stream", "application/xml", "", "application/json;;;")
                        .map(v -> "Content-Type: " + v),
                headerValue().map(v -> "Content-Type: " + v));
        Arbitrary<String> other = Arbitraries.oneOf(
                headerValue().map(v -> "Idempotency-Key: " + v),
                headerValue().map(v -> "Accept: " + v),
                headerValue().map(v -> "X-Fuzz: " + v),
                authorization());
        return Combinators.combine(authorization(), contentType, other.list().ofMaxSize(3))
                .as((auth, type, more) -> {
                    List<String> all = new java.util.ArrayList<>(List.of(auth, type));
                    all.addAll(more);
                    return all;
                });
    }

    @Provide
    Arbitrary<byte[]> jsonBodies() {
        Arbitrary<String> item = Hostile.jsonObject();
        Arbitrary<String> batch = item.list().ofMaxSize(4).map(items -> "{\"items\":[" + String.join(",", items) + "]}");
        return Hostile.mutated(Arbitraries.oneOf(item, batch, Hostile.json(3)));
    }

    @Provide
    Arbitrary<String> jsonRoutes() {
        return Arbitraries.of("POST /api/v1/indicators", "POST /api/v1/revocations", "POST /api/v1/sightings",
                "PUT /api/v1/indicators", "POST /api/v1/indicators/", "POST /api/v1//indicators");
    }

    @Provide
    Arbitrary<String> importQueries() {
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of(Hostile.WORDS), Arbitraries.strings().ofMaxLength(20))
                .map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8));
        Arbitrary<String> raw = Arbitraries.of("%", "%zz", "%c0%ae", "%ff", "&&", "=", "[]", "%00");
        Arbitrary<String> pair = Combinators.combine(Arbitraries.of("format", "tlp", "confidence", "tags", "reference", "x", ""),
                Arbitraries.oneOf(value, raw)).as((k, v) -> k + "=" + v);
        return pair.list().ofMaxSize(4).map(pairs -> String.join("&", pairs));
    }

    @Provide
    Arbitrary<byte[]> importBodies() {
        return Hostile.mutated(Arbitraries.oneOf(Documents.stix(), Documents.misp(), Documents.csv(), Documents.text()));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> segment = Arbitraries.oneOf(Arbitraries.of("api", "v1", "submissions", "openapi.yaml", "..", ".",
                "%2e%2e", "%c0%ae", "%ff", "%00", "health", "metrics", ""), Arbitraries.strings().alpha().numeric().ofMaxLength(12));
        return segment.list().ofMaxSize(5).map(s -> "/" + String.join("/", s));
    }

    @Property
    void jsonRoutesAnswerEveryBodyAndHeaderWithA2xxOr4xx(@ForAll("jsonRoutes") String route, @ForAll("headers") List<String> headers,
                                                         @ForAll("jsonBodies") byte[] body) throws Exception {
        send(route + " HTTP/1.1", headers, body);
    }

    @Property
    void importsAnswerEveryFileAndQueryWithA2xxOr4xx(@ForAll("importQueries") String query, @ForAll("headers") List<String> headers,
                                                     @ForAll("importBodies") byte[] body) throws Exception {
        send("POST /api/v1/imports?" + query + " HTTP/1.1", headers, body);
    }

    @Property
    void anyPathAnswersA2xxOr4xx(@ForAll("paths") String path, @ForAll("headers") List<String> headers) throws Exception {
        RawHttp.Response response = RawHttp.send(hub.service().port(), "GET " + path + " HTTP/1.1\r\n"
                + String.join("", headers.stream().map(h -> h + "\r\n").toList()), null);
        assertThat(response.status()).as(path + ": " + response.body()).isBetween(200, 499);
    }

    // Regressions: requests that got a 500, an HTML page or the wrong caller before issue 10's fixes.

    @Example
    void aNestingBombInAnImportWasA500() throws Exception {
        send("POST /api/v1/imports?format=stix HTTP/1.1", List.of("Authorization: Bearer demo-" + ir.value() + "-analyst",
                "Content-Type: application/json"), ("{\"type\":\"bundle\",\"objects\":[" + "[".repeat(1_001) + "]".repeat(1_001)
                + "]}").getBytes(StandardCharsets.US_ASCII));
    }

    @Example
    void aControlCharacterInAHeaderWasAnHtmlPage() throws Exception {
        send("GET /api/v1/submissions/x HTTP/1.1", List.of("X-Fuzz: a\u0001b"), null);
    }
}
