package org.caspianhub.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.testkit.RawHttp;
import org.caspianhub.testkit.TestParties;
import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What anyone can send the TAXII port as bytes on the wire: every error is TAXII's error message
 * resource with the TAXII media type (never Jetty's HTML page), an unknown path is a TAXII 404, two
 * Authorization headers are refused, and /health and /metrics are only on the management port.
 */
class TaxiiHostileInputTest {

    private static final TestPlatform PLATFORM = TestPlatforms.embedded();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = "Accept: application/taxii+json;version=2.1\r\n";

    @TempDir
    static Path stateDir;
    private static TaxiiService taxii;
    private static String socKey;

    @BeforeAll
    static void start() throws Exception {
        Parties parties = TestParties.unique("ir");
        PartyId ir = TestParties.role(parties, "ir");
        socKey = "demo-" + ir.value() + "-soc";
        PLATFORM.provisionTopics(parties);
        taxii = new TaxiiService(TaxiiSettings.from(PLATFORM.settings(parties).with(Map.of(
                "CASPIAN_TAXII_PORT", "0",
                "CASPIAN_TAXII_APPLICATION_ID", "taxii-hostile-" + UUID.randomUUID(),
                "CASPIAN_TAXII_STATE_DIR", stateDir.toString()))));
        taxii.start();
    }

    @AfterAll
    static void stop() {
        if (taxii != null) {
            taxii.close();
        }
    }

    private static String basic(String key) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((":" + key).getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /** TAXII 2.1's error message resource, with the TAXII media type. */
    private static JsonNode taxiiError(RawHttp.Response response, int status, String code) throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/taxii+json;version=2.1");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("http_status").asText()).isEqualTo(Integer.toString(status));
        assertThat(body.path("error_code").asText()).isEqualTo(code);
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("description").asText()).isNotBlank();
        return body;
    }

    @Test
    void metricsAndHealthAre404OnTheTaxiiPortAnd200OnTheManagementPort() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/metrics", "/health")) {
            taxiiError(RawHttp.send(taxii.port(), "GET " + path + " HTTP/1.1\r\n", null), 404, "not_found");
            HttpResponse<String> management = http.send(HttpRequest.newBuilder(URI.create(taxii.managementUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(management.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void anUnknownApiRootIsATaxii404() throws Exception {
        taxiiError(RawHttp.send(taxii.port(), "GET /nonexistent-root/ HTTP/1.1\r\n" + ACCEPT + basic(socKey), null), 404, "not_found");
        taxiiError(RawHttp.send(taxii.port(), "GET /caspian/nonexistent/ HTTP/1.1\r\n" + ACCEPT + basic(socKey), null), 404, "not_found");
    }

    @Test
    void twoAuthorizationHeadersAreRefused() throws Exception {
        taxiiError(RawHttp.send(taxii.port(), "GET /taxii2/ HTTP/1.1\r\n" + ACCEPT + basic(socKey) + basic("not-a-key"), null),
                400, "invalid_parameter");
        taxiiError(RawHttp.send(taxii.port(), "GET /taxii2/ HTTP/1.1\r\n" + ACCEPT + basic("not-a-key") + basic(socKey), null),
                400, "invalid_parameter");
        assertThat(RawHttp.send(taxii.port(), "GET /taxii2/ HTTP/1.1\r\n" + ACCEPT + basic(socKey), null).status()).isEqualTo(200);
    }

    @Test
    void aHeaderTooLargeAndAControlCharacterAreTaxiiErrorsNotHtml() throws Exception {
        taxiiError(RawHttp.send(taxii.port(), "GET /taxii2/ HTTP/1.1\r\n" + ACCEPT + "X-Padding: " + "a".repeat(20_000) + "\r\n", null),
                431, "header_too_large");
        taxiiError(RawHttp.send(taxii.port(), "GET /taxii2/ HTTP/1.1\r\n" + ACCEPT + "X-Note: a\u0001b\r\n", null),
                400, "illegal_character");
    }
}
