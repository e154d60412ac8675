package org.caspianhub.producers.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's OpenAPI 3 document, kept as {@code openapi.yaml} beside the code and served as
 * YAML and JSON. {@code OpenApiContractTest} keeps it true: every route the gateway registers is in
 * it and the other way round, and its example bodies are accepted by the real gateway.
 */
public final class OpenApiDocument {

    public static final String RESOURCE = "/org/caspianhub/producers/gateway/openapi.yaml";

    private final String yaml;
    private final JsonNode tree;

    private OpenApiDocument(String yaml, JsonNode tree) {
        this.yaml = yaml;
        this.tree = tree;
    }

    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the build");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new OpenApiDocument(yaml, new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document", e);
        }
    }

    public JsonNode tree() {
        return tree;
    }

    void serveYaml(Context ctx) {
        ctx.contentType("application/yaml; charset=utf-8").result(yaml);
    }

    void serveJson(Context ctx) {
        ctx.json(tree);
    }
}
