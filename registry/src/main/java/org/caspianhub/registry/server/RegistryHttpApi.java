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
 * Confluent Schema Registry's REST API for Avro (subjects, versions, ids, references, soft and
 * permanent deletes, compatibility checks, configs), with Confluent's status codes and error bodies
 * ({@code {"error_code": 40401, "message": "..."}}) for every error, unknown paths included.
 */
final class RegistryHttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryService registry;

    RegistryHttpApi(SchemaRegistryService registry) {
        this.registry = registry;
    }

    void mount(Javalin app) {
        app.exception(RegistryError.class, (e, ctx) -> answer(ctx.status(e.httpStatus()), e));
        // a path or method the registry does not serve gets Confluent's JSON error, as every other error does
        for (int status : new int[] {404, 405}) {
            app.error(status, ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith(HttpSchemaRegistryClient.MEDIA_TYPE)) {
                    answer(ctx, RegistryError.noSuchEndpoint(status, ctx.method().name(), ctx.path()));
                }
            });
        }

        app.get("/", ctx -> respond(ctx, JSON.createObjectNode()));
        app.get("/schemas/types", ctx -> respond(ctx, JSON.createArrayNode().add("AVRO")));
        app.get("/schemas/ids/{id}", ctx -> respond(ctx, describe(registry.schemaById(id(ctx)))));
        app.get("/schemas/ids/{id}/schema", ctx -> respondRaw(ctx, registry.schemaById(id(ctx)).text()));
        app.get("/schemas/ids/{id}/versions", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            registry.usesOf(id(ctx), flag(ctx, "deleted"))
                    .forEach(v -> body.addObject().put("subject", v.subject()).put("version", v.version()));
            respond(ctx, body);
        });
        app.get("/subjects", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            (flag(ctx, "deletedOnly") ? registry.subjectsWithDeletedVersions() : registry.subjects(flag(ctx, "deleted")))
                    .forEach(body::add);
            respond(ctx, body);
        });
        app.get("/subjects/{subject}/versions", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            boolean deletedOnly = flag(ctx, "deletedOnly");
            registry.versions(ctx.pathParam("subject"), deletedOnly || flag(ctx, "deleted")).stream()
                    .filter(v -> !deletedOnly || v.deleted()).forEach(v -> body.add(v.version()));
            respond(ctx, body);
        });
        app.get("/subjects/{subject}/versions/{version}", ctx -> respond(ctx,
                describe(registry.version(ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "deleted")))));
        app.get("/subjects/{subject}/versions/{version}/schema", ctx -> respondRaw(ctx,
                registry.version(ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "deleted")).stored().text()));
        app.get("/subjects/{subject}/versions/{version}/referencedby", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            registry.referencedBy(ctx.pathParam("subject"), ctx.pathParam("version")).forEach(body::add);
            respond(ctx, body);
        });
        app.post("/subjects/{subject}/versions", ctx -> {
            JsonNode request = body(ctx);
            int id = registry.register(ctx.pathParam("subject"), schemaText(request), schemaType(request),
                    ReferenceResolver.referencesIn(request));
            respond(ctx, JSON.createObjectNode().put("id", id));
        });
        app.post("/subjects/{subject}", ctx -> {
            JsonNode request = body(ctx);
            respond(ctx, describe(registry.lookup(ctx.pathParam("subject"), schemaText(request), schemaType(request),
                    ReferenceResolver.referencesIn(request), flag(ctx, "deleted"))));
        });
        app.delete("/subjects/{subject}", ctx -> {
            ArrayNode body = JSON.createArrayNode();
            registry.deleteSubject(ctx.pathParam("subject"), flag(ctx, "permanent")).forEach(body::add);
            respond(ctx, body);
        });
        app.delete("/subjects/{subject}/versions/{version}", ctx -> respond(ctx, JSON.getNodeFactory().numberNode(
                registry.deleteVersion(ctx.pathParam("subject"), ctx.pathParam("version"), flag(ctx, "permanent")))));
        app.post("/compatibility/subjects/{subject}/versions/{version}", ctx -> {
            JsonNode request = body(ctx);
            respond(ctx, compatibility(ctx, registry.compatibilityProblems(ctx.pathParam("subject"), ctx.pathParam("version"),
                    schemaText(request), schemaType(request), ReferenceResolver.referencesIn(request))));
        });
        app.post("/compatibility/subjects/{subject}/versions", ctx -> {
            JsonNode request = body(ctx);
            respond(ctx, compatibility(ctx, registry.compatibilityProblemsWithAll(ctx.pathParam("subject"),
                    schemaText(request), schemaType(request), ReferenceResolver.referencesIn(request))));
        });
        app.get("/config", ctx -> respond(ctx, config(registry.globalConfig())));
        app.put("/config", ctx -> respond(ctx, configUpdate(registry.updateConfig(null, configRequest(body(ctx))))));
        app.delete("/config", ctx -> respond(ctx, config(registry.deleteConfig(null))));
        app.get("/config/{subject}", ctx -> {
            String subject = ctx.pathParam("subject");
            var own = registry.subjectConfig(subject);
            if (own.isPresent()) {
                respond(ctx, config(own.get()));
            } else if (flag(ctx, "defaultToGlobal")) {
                respond(ctx, config(registry.globalConfig()));
            } else {
                throw RegistryError.subjectCompatibilityNotConfigured(subject);
            }
        });
        app.put("/config/{subject}", ctx -> respond(ctx,
                configUpdate(registry.updateConfig(ctx.pathParam("subject"), configRequest(body(ctx))))));
        app.delete("/config/{subject}", ctx -> respond(ctx, config(registry.deleteConfig(ctx.pathParam("subject")))));
        app.get("/mode", ctx -> respond(ctx, JSON.createObjectNode().put("mode", "READWRITE")));
    }

    private static ObjectNode describe(SchemaStore.SchemaVersion version) {
        ObjectNode body = JSON.createObjectNode().put("subject", version.subject()).put("version", version.version())
                .put("id", version.id()).put("schemaType", "AVRO");
        ReferenceResolver.write(version.stored().references(), body);
        return body.put("schema", version.stored().text());
    }

    private static ObjectNode describe(SchemaStore.StoredSchema schema) {
        ObjectNode body = JSON.createObjectNode();
        ReferenceResolver.write(schema.references(), body);
        return body.put("schema", schema.text());
    }

    private static ObjectNode compatibility(Context ctx, List<String> problems) {
        ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
        if (flag(ctx, "verbose")) {
            ArrayNode messages = answer.putArray("messages");
            problems.forEach(messages::add);
        }
        return answer;
    }

    /** A config as GET /config answers it: only the parts that are set. */
    private static ObjectNode config(SchemaStore.SubjectConfig config) {
        ObjectNode body = JSON.createObjectNode();
        config.compatibility().ifPresent(level -> body.put("compatibilityLevel", level.name()));
        config.normalize().ifPresent(normalize -> body.put("normalize", normalize));
        return body;
    }

    /** A config as PUT /config answers it (Confluent's ConfigUpdateRequest: {@code compatibility}, not {@code compatibilityLevel}). */
    private static ObjectNode configUpdate(SchemaStore.SubjectConfig config) {
        ObjectNode body = JSON.createObjectNode();
        config.compatibility().ifPresent(level -> body.put("compatibility", level.name()));
        config.normalize().ifPresent(normalize -> body.put("normalize", normalize));
        return body;
    }

    /**
     * A PUT /config body: {@code compatibility} (Confluent's field), or {@code compatibilityLevel} (the
     * name GET /config answers with, which Confluent's Node client's {@code updateConfig} passes on),
     * and {@code normalize}; other fields Confluent knows (rule sets, metadata, alias) are ignored, as
     * Confluent ignores fields it does not know.
     */
    private static SchemaStore.SubjectConfig configRequest(JsonNode request) {
        JsonNode level = request.hasNonNull("compatibility") ? request.get("compatibility") : request.get("compatibilityLevel");
        JsonNode normalize = request.get("normalize");
        if (level != null && !level.isNull() && !level.isTextual()) {
            throw RegistryError.invalidCompatibility(level.toString());
        }
        if (normalize != null && !normalize.isNull() && !normalize.isBoolean()) {
            throw RegistryError.unprocessable("'normalize' must be true or false");
        }
        return new SchemaStore.SubjectConfig(
                level == null || level.isNull() ? java.util.Optional.empty()
                        : java.util.Optional.of(SchemaRegistryService.parseLevel(level.asText())),
                normalize == null || normalize.isNull() ? java.util.Optional.empty() : java.util.Optional.of(normalize.asBoolean()));
    }

    private static boolean flag(Context ctx, String name) {
        return "true".equalsIgnoreCase(ctx.queryParam(name));
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

    private static void answer(Context ctx, RegistryError e) {
        ctx.contentType(HttpSchemaRegistryClient.MEDIA_TYPE)
                .result(JSON.createObjectNode().put("error_code", e.errorCode()).put("message", e.getMessage()).toString());
    }

    private static void respond(Context ctx, JsonNode body) {
        ctx.contentType(HttpSchemaRegistryClient.MEDIA_TYPE).result(body.toString());
    }

    private static void respondRaw(Context ctx, String schema) {
        ctx.contentType("application/json").result(schema);
    }
}
