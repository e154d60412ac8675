package org.caspianhub.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.consumers.testing.AlertTopics;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.RawHttp;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;

/**
 * Fuzzes a real TAXII server's query parameters and paths ({@code added_after}, {@code limit},
 * {@code next}, {@code match[...]}, object ids, collection ids, raw percent-encoding) and its
 * Authorization and Accept headers, with a collection that holds objects. Every answer is a 2xx
 * or 4xx, and every error is TAXII's error message resource with the TAXII media type.
 *
 * <p>CI runs {@code jqwik.tries.default} cases per property (junit-platform.properties); a long
 * campaign: {@code mvn -B -pl consumers -am verify -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false
 * -Djqwik.tries.default=200000}.
 */
class TaxiiFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TaxiiService taxii;
    private static String collection;
    private static String key;

    @BeforeContainer
    static void start() throws Exception {
        TestPlatform platform = TestPlatforms.embedded();
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        key = "demo-" + ir.value() + "-soc";
        collection = StixIds.collection(ir);
        platform.provisionTopics(parties);
        taxii = new TaxiiService(TaxiiSettings.from(platform.settings(parties).with(Map.of(
                "CASPIAN_TAXII_PORT", "0",
                "CASPIAN_TAXII_APPLICATION_ID", "taxii-fuzz-" + UUID.randomUUID(),
                "CASPIAN_TAXII_STATE_DIR", Files.createTempDirectory("taxii-fuzz").toString()))));
        taxii.start();
        try (AlertTopics topics = new AlertTopics(platform)) {
            topics.send(ir, Alerts.alert(ir, "203.0.113.41").build(), Alerts.alert(ir, "203.0.113.42").build());
        }
    }

    @AfterContainer
    static void stop() {
        if (taxii != null) {
            taxii.close();
        }
    }

    @Provide
    Arbitrary<String> paths() {
        String root = "/caspian/collections/" + collection + "/";
        return Arbitraries.oneOf(
                Arbitraries.of("/taxii2/", "/caspian/", "/caspian/collections/", root, root + "objects/", root + "manifest/",
                        root + "objects/indicator--00000000-0000-4000-8000-000000000000/",
                        root + "objects/indicator--00000000-0000-4000-8000-000000000000/versions/",
                        "/caspian/collections/other/objects/", "/caspian/status/x/", "/nonexistent-root/", "/taxii2",
                        "/caspian/collections/%2e%2e/objects/", root + "objects/%c0%ae/", root + "objects/%ff%fe/versions/"),
                Arbitraries.strings().withCharRange('!', '~').excludeChars('?', '#', '%').ofMaxLength(30)
                        .map(s -> root + "objects/" + s + "/"));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.of("added_after", "limit", "next", "match[id]", "match[type]", "match[version]",
                "match[spec_version]", "match[x]", "x");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("2026-01-01T00:00:00.000Z", "2026-13-01T00:00:00Z", "0", "-1", "1", "2147483648", "99999999999999999999",
                        "all", "first", "last", "2.1", "indicator", "indicator,relationship", "MTo1", "MTp4", "bm9wZQ", "", " ",
                        "+1", "1e3", "0x10", "\u0000", "a,b,,c", "2026-01-01T00:00:00+99:00")
                        .map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8)),
                Arbitraries.strings().ofMaxLength(40).map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8)),
                Arbitraries.strings().ofMaxLength(10).map(v -> Base64.getUrlEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))),
                Arbitraries.of("%", "%zz", "%c0%ae", "%ff", "%00", "%5B", "=", "&"));
        return Combinators.combine(name.map(n -> n.replace("[", "%5B").replace("]", "%5D")), value).as((n, v) -> n + "=" + v)
                .list().ofMaxSize(5).map(pairs -> String.join("&", pairs));
    }

    @Provide
    Arbitrary<List<String>> headers() {
        Arbitrary<String> anyValue = Arbitraries.strings().withCharRange('\u0000', '\u00ff').excludeChars('\r', '\n').ofMaxLength(50);
        String basic = "Basic " + Base64.getEncoder().encodeToString((":" + key).getBytes(StandardCharsets.UTF_8));
        Arbitrary<String> authorization = Arbitraries.oneOf(
                Arbitraries.of(basic, "Bearer " + key, "Bearer nope", "Basic !!!", "Basic " + Base64.getEncoder().encodeToString(
                        "no-colon".getBytes(StandardCharsets.UTF_8)), "Basic", ""),
                anyValue).map(v -> "Authorization: " + v);
        Arbitrary<String> accept = Arbitraries.oneOf(
                Arbitraries.of("application/taxii+json;version=2.1", "application/taxii+json", "*/*", "application/json",
                        "text/html", "application/taxii+json;version=2.0", ""),
                anyValue).map(v -> "Accept: " + v);
        return Combinators.combine(authorization, accept, authorization.list().ofMaxSize(1))
                .as((a, b, more) -> {
                    List<String> all = new java.util.ArrayList<>(List.of(a, b));
                    all.addAll(more);
                    return all;
                });
    }

    static void get(String target, List<String> headers) throws Exception {
        RawHttp.Response response = RawHttp.send(taxii.port(), "GET " + target + " HTTP/1.1\r\n"
                + String.join("", headers.stream().map(h -> h + "\r\n").toList()), null);
        assertThat(response.status()).as(target + " " + headers + ": " + response.body()).isBetween(200, 499);
        assertThat(response.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
        if (response.status() >= 400) {
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("http_status").asText()).isEqualTo(Integer.toString(response.status()));
            assertThat(error.path("title").asText()).isNotBlank();
        }
    }

    @Property
    void everyPathQueryAndHeaderGetsATaxiiAnswerNeverA5xx(@ForAll("paths") String path, @ForAll("queries") String query,
                                                            @ForAll("headers") List<String> headers) throws Exception {
        get(path + (query.isEmpty() ? "" : "?" + query), headers);
    }

    @Property
    void theObjectsQueryParametersOfAnOwnCollectionNeverGiveA5xx(@ForAll("queries") String query) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((":" + key).getBytes(StandardCharsets.UTF_8));
        get("/caspian/collections/" + collection + "/objects/?" + query,
                List.of("Authorization: " + basic, "Accept: application/taxii+json;version=2.1"));
    }

    @Example
    void anUnknownApiRootWasNotATaxiiError() throws Exception {
        get("/nonexistent-root/", List.of("Accept: application/taxii+json;version=2.1"));
    }
}
