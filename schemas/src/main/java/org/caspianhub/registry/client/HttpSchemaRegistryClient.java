package org.caspianhub.registry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A client for the Confluent Schema Registry REST API over {@link HttpClient}, with no caching:
 * wrap it in {@link CachingSchemaRegistry} for use on a hot path.
 */
public final class HttpSchemaRegistryClient implements SchemaRegistry {

    public static final String MEDIA_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final Optional<String> authorization;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param baseUrl     the registry's base URL, e.g. {@code http://localhost:8081}
     * @param basicAuth   {@code user:password} for HTTP basic authentication, or null
     */
    public HttpSchemaRegistryClient(String baseUrl, String basicAuth) {
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.baseUri = URI.create(trimmed);
        this.authorization = Optional.ofNullable(basicAuth).filter(s -> !s.isBlank())
                .map(s -> "Basic " + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        this.timeout = Duration.ofSeconds(10);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public HttpSchemaRegistryClient(String baseUrl) {
        this(baseUrl, null);
    }

    public URI baseUri() {
        return baseUri;
    }

    @Override
    public int register(String subject, Schema schema) {
        return send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema)).get("id").asInt();
    }

    @Override
    public Schema schemaById(int id) {
        return parse(send("GET", "/schemas/ids/" + id, null).get("schema").asText());
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return registered(send("POST", "/subjects/" + encode(subject), schemaBody(schema)));
    }

    @Override
    public RegisteredSchema version(String subject, String version) {
        return registered(send("GET", "/subjects/" + encode(subject) + "/versions/" + encode(version), null));
    }

    @Override
    public boolean isCompatible(String subject, String version, Schema schema) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/" + encode(version),
                schemaBody(schema));
        return answer.get("is_compatible").asBoolean();
    }

    @Override
    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    @Override
    public List<Integer> versions(String subject) {
        List<Integer> versions = new ArrayList<>();
        send("GET", "/subjects/" + encode(subject) + "/versions", null).forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    @Override
    public String compatibility(String subject) {
        JsonNode answer = send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null);
        return answer.get("compatibilityLevel").asText();
    }

    @Override
    public void setCompatibility(String subject, String level) {
        ObjectNode body = JSON.createObjectNode().put("compatibility", level);
        send("PUT", "/config/" + encode(subject), body.toString());
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static RegisteredSchema registered(JsonNode node) {
        return new RegisteredSchema(node.get("subject").asText(), node.get("version").asInt(),
                node.get("id").asInt(), parse(node.get("schema").asText()));
    }

    private static Schema parse(String schema) {
        return new Schema.Parser().parse(schema);
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(timeout)
                .header("Accept", MEDIA_TYPE)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", MEDIA_TYPE);
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry at " + baseUri + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling the schema registry at " + baseUri, e);
        }
        JsonNode answer = readJson(response);
        if (response.statusCode() >= 300) {
            int code = answer.path("error_code").asInt(response.statusCode());
            String message = answer.path("message").asText(response.body());
            throw new SchemaRegistryException(response.statusCode(), code, method + " " + path + ": " + message);
        }
        return answer;
    }

    private JsonNode readJson(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            if (response.statusCode() >= 300) {
                return JSON.createObjectNode();
            }
            throw new SchemaRegistryException("schema registry at " + baseUri + " answered with invalid JSON", e);
        }
    }
}
