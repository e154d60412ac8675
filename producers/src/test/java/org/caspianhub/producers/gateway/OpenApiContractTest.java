package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the OpenAPI document true to the code: the routes the running gateway registered are
 * exactly the document's operations, the document is served without a key, and every example
 * request body in it is accepted by the real gateway with the role the document names.
 */
class OpenApiContractTest {

    static TestGateway hub;
    static PartyId ir;

    @BeforeAll
    static void start() throws Exception {
        hub = new TestGateway("ir").start();
        ir = TestParties.role(hub.parties, "ir");
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    static JsonNode document() throws Exception {
        return TestGateway.json(hub.get("/api/v1/openapi.json", null));
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedOperationIsRegistered() throws Exception {
        List<String> documented = new ArrayList<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method ->
                documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(new TreeSet<>(hub.service().registeredRoutes())).isEqualTo(new TreeSet<>(documented));
    }

    @Test
    void theDocumentIsServedAsYamlAndJsonWithoutAKey() throws Exception {
        HttpResponse<String> yaml = hub.get("/api/v1/openapi.yaml", null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: 3.0.3");
        assertThat(document().path("openapi").asText()).isEqualTo("3.0.3");
    }

    @Test
    void everyExampleRequestBodyIsAcceptedByTheRealGateway() throws Exception {
        Map<String, String> keyFor = Map.of("/api/v1/indicators", "analyst", "/api/v1/revocations", "analyst",
                "/api/v1/sightings", "soc", "/api/v1/imports", "analyst", "/api/v1/lookups", "soc");
        int checked = 0;
        var paths = document().path("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            JsonNode content = path.getValue().path("post").path("requestBody").path("content");
            var mediaTypes = content.fields();
            while (mediaTypes.hasNext()) {
                var media = mediaTypes.next();
                var examples = media.getValue().path("examples").fields();
                while (examples.hasNext()) {
                    var example = examples.next();
                    JsonNode value = example.getValue().path("value");
                    String body = value.isTextual() ? value.asText() : value.toString();
                    HttpResponse<String> response = hub.post(path.getKey(), TestGateway.key(ir, keyFor.get(path.getKey())),
                            media.getKey(), body, Map.of());
                    assertThat(response.statusCode()).as(path.getKey() + " example " + example.getKey() + ": " + response.body())
                            .isIn(200, 202);
                    JsonNode answer = TestGateway.json(response);
                    assertThat(answer.path("refused").asInt()).as(path.getKey() + " example " + example.getKey()).isZero();
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(7);
    }
}
