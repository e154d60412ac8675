package org.caspianhub.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;

/**
 * The Confluent Schema Registry REST API subset the hub and common clients use, with Confluent's
 * status codes and error bodies ({@code {"error_code": 40401, "message": "..."}}).
 */
final class RegistryHttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryService registry;

    RegistryHttpApi(SchemaRegistryService registry) {
        this.registry = registry;
    }

    void mount(Javalin app) {
        app.exception(RegistryError.class, (e, ctx) -> ctx.status(e.httpStatus()).contentType(HttpSchemaRegistryClient.MEDIA_TYPE)
                .result(JSON.createObjectNode().put("error_code", e.errorCode()).put("message", e.getMessage()).toString()));

        app.get("/", ctx -> respond(ctx, JSON.createObjectNode()));
        app.get("/schemas/types", ctx -> respond(ctx, JSON.createArrayNode().add("AVRO")));
        app.get("/schemas/ids/{id}", ctx -> {
            ObjectNode body = JSON.createObjectNode();
            body.put("schema", registry.schemaById(id(ctx)).toString());
            respond(ctx, body);
        });
        app.get("/schemas/ids/{id}/schema", ctx -> respondRaw(ctx, registry.schemaById(id(ctx)).toString()));
        app.get("/schemas/ids/{id}/versions", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            registry.usesOf(id(ctx)).forEach(v -> body.addObject().put("subject", v.subject()).put("version", v.version()));
            respond(ctx, body);
        });
        app.get("/subjects", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            registry.subjects().forEach(body::add);
            respond(ctx, body);
        });
        app.get("/subjects/{subject}/versions", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            registry.versions(ctx.pathParam("subject")).forEach(v -> body.add(v.version()));
            respond(ctx, body);
        });
        app.get("/subjects/{subject}/versions/{version}", ctx ->
                respond(ctx, describe(registry.version(ctx.pathParam("subject"), ctx.pathParam("version")))));
        app.get("/subjects/{subject}/versions/{version}/schema", ctx ->
                respondRaw(ctx, registry.version(ctx.pathParam("subject"), ctx.pathParam("version")).schema().toString()));
        app.post("/subjects/{subject}/versions", ctx -> {
            JsonNode request = body(ctx);
            int id = registry.register(ctx.pathParam("subject"), schemaText(request), schemaType(request));
            respond(ctx, JSON.createObjectNode().put("id", id));
        });
        app.post("/subjects/{subject}", ctx -> {
            JsonNode request = body(ctx);
            respond(ctx, describe(registry.lookup(ctx.pathParam("subject"), schemaText(request), schemaType(request))));
        });
        app.post("/compatibility/subjects/{subject}/versions/{version}", ctx -> {
            JsonNode request = body(ctx);
            List<String> problems = registry.compatibilityProblems(ctx.pathParam("subject"), ctx.pathParam("version"),
                    schemaText(request), schemaType(request));
            ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
            if ("true".equals(ctx.queryParam("verbose"))) {
                ArrayNode messages = answer.putArray("messages");
                problems.forEach(messages::add);
            }
            respond(ctx, answer);
        });
        app.get("/config", ctx -> respond(ctx, level(registry.compatibility(null))));
        app.put("/config", ctx -> respond(ctx, JSON.createObjectNode().put("compatibility",
                registry.setCompatibility(null, compatibilityField(body(ctx))).name())));
        app.get("/config/{subject}", ctx -> {
            String subject = ctx.pathParam("subject");
            var own = registry.subjectCompatibility(subject);
            if (own.isPresent()) {
                respond(ctx, level(own.get()));
            } else if ("true".equals(ctx.queryParam("defaultToGlobal"))) {
                respond(ctx, level(registry.compatibility(null)));
            } else {
                throw RegistryError.subjectNotFound(subject);
            }
        });
        app.put("/config/{subject}", ctx -> respond(ctx, JSON.createObjectNode().put("compatibility",
                registry.setCompatibility(ctx.pathParam("subject"), compatibilityField(body(ctx))).name())));
        app.get("/mode", ctx -> respond(ctx, JSON.createObjectNode().put("mode", "READWRITE")));
    }

    private static ObjectNode describe(SchemaStore.SchemaVersion version) {
        return JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schemaType", "AVRO").put("schema", version.schema().toString());
    }

    private static ObjectNode level(CompatibilityLevel level) {
        return JSON.createObjectNode().put("compatibilityLevel", level.name());
    }

    private static int id(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw RegistryError.schemaNotFound("'" + ctx.pathParam("id") + "' is not a schema id");
        }
    }

    private static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw RegistryError.malformed("the request body is empty; a JSON object is expected");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                throw RegistryError.unprocessable("a JSON object is expected, got " + node.getNodeType());
            }
            return node;
        } catch (JsonProcessingException e) {
            throw RegistryError.malformed("the body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String schemaText(JsonNode request) {
        JsonNode schema = request.get("schema");
        if (schema == null || schema.isNull()) {
            throw RegistryError.invalidSchema("the 'schema' field is missing");
        }
        if (!schema.isTextual()) {
            throw RegistryError.unprocessable("'schema' must be a string holding the schema's JSON");
        }
        return schema.asText();
    }

    private static String schemaType(JsonNode request) {
        JsonNode type = request.get("schemaType");
        return type == null || type.isNull() ? null : type.asText();
    }

    private static String compatibilityField(JsonNode request) {
        JsonNode level = request.get("compatibility");
        if (level == null || !level.isTextual()) {
            throw RegistryError.unprocessable("the 'compatibility' field is missing");
        }
        return level.asText();
    }

    private static void respond(Context ctx, JsonNode body) {
        ctx.contentType(HttpSchemaRegistryClient.MEDIA_TYPE).result(body.toString());
    }

    private static void respondRaw(Context ctx, String schema) {
        ctx.contentType("application/json").result(schema);
    }
}
