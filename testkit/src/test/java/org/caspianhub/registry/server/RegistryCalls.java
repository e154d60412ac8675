package org.caspianhub.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP calls to a registry, each answer checked to be Confluent's JSON media type. */
final class RegistryCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status and JSON body. */
    record Answer(int status, JsonNode body) {
        int errorCode() {
            return body.path("error_code").asInt();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    RegistryCalls(String base) {
        this.base = base;
    }

    Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).as("%s %s answered %s", method, path, response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/vnd.schemaregistry.v1+json"));
        return new Answer(response.statusCode(), JSON.readTree(response.body()));
    }

    /** Registers and returns the id, failing on anything but 200. */
    int register(String subject, String schema) throws Exception {
        Answer answer = call("POST", "/subjects/" + subject + "/versions", schemaBody(schema));
        assertThat(answer.status()).as("register under %s: %s", subject, answer.body()).isEqualTo(200);
        return answer.body().get("id").asInt();
    }

    static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    /** A record schema with one string field per name, e.g. {@code record("Probe", "a", "b")}. */
    static String record(String name, String... fields) {
        var node = JSON.createObjectNode().put("type", "record").put("name", name);
        var array = node.putArray("fields");
        for (String field : fields) {
            array.addObject().put("name", field).put("type", "string").put("default", "");
        }
        return node.toString();
    }
}
