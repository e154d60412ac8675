package org.caspianhub.consumers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A TAXII client as a SOC would use one: HTTP Basic with its API key as the password, the TAXII Accept header.
 * Every STIX object a collection's objects endpoint serves is checked against the official OASIS STIX 2.1
 * JSON schemas ({@link StixSchemas}), so every TAXII test scenario checks what it is served.
 */
public final class TaxiiClient {

    public record Response(int status, HttpResponse<String> raw, JsonNode json) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public TaxiiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Response get(String path, String apiKey) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), apiKey, "application/taxii+json;version=2.1");
    }

    public Response get(String path, String apiKey, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), apiKey, accept);
    }

    public Response post(String path, String apiKey, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/taxii+json;version=2.1")
                .POST(HttpRequest.BodyPublishers.ofString(body)), apiKey, "application/taxii+json;version=2.1");
    }

    public static String param(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Response send(HttpRequest.Builder request, String apiKey, String accept) {
        if (apiKey != null) {
            String basic = Base64.getEncoder().encodeToString(("soc-user:" + apiKey).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            if (response.statusCode() == 200 && json != null && json.has("objects")
                    && response.uri().getPath().matches(".*/collections/[^/]+/objects/.*")) {
                StixSchemas.assertValid(json.get("objects"));
            }
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
