package org.caspianhub.producers.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.producers.knowledge.KnowledgeBase;
import org.caspianhub.producers.knowledge.KnowledgeMaterializer;
import org.caspianhub.producers.knowledge.KnowledgeQueries;
import org.caspianhub.producers.knowledge.PartyKnowledge;
import org.caspianhub.producers.knowledge.KnowledgeSettings;
import org.caspianhub.producers.knowledge.SearchFilter;
import org.caspianhub.producers.knowledge.export.ExportFormat;
import org.caspianhub.producers.knowledge.export.MispFeed;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.runtime.auth.Principal;
import org.caspianhub.runtime.auth.Role;

/**
 * The pull side: look-ups, searches and exports of what the caller's party knows, answered from
 * its own read model ({@link PartyKnowledge}: its own store and reader, so its readiness is its own). The
 * party is the API key's; a value another party knows and the caller may not see is answered exactly
 * like a value nobody ever submitted.
 */
final class KnowledgeEndpoints {

    private static final Role[] READERS = {Role.ANALYST, Role.SOC, Role.FEED};
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1_000;

    private final Map<String, PartyKnowledge> parties;
    private final KnowledgeSettings settings;
    private final long maxBodyBytes;

    KnowledgeEndpoints(Map<String, PartyKnowledge> parties, KnowledgeSettings settings, long maxBodyBytes) {
        this.parties = Map.copyOf(parties);
        this.settings = settings;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code GET /api/v1/indicators/{value}}: the value is the rest of the path, percent-decoded. */
    void indicator(Context ctx) {
        lookup(ctx, ctx.pathParam("value"));
    }

    /** {@code GET /api/v1/lookup?value=...}: the same, for values a path cannot carry. */
    void lookupByQuery(Context ctx) {
        String value = ctx.queryParam("value");
        if (value == null || value.isEmpty()) {
            throw ApiException.of(400, "missing_value", "value", "give the value to look up: ?value=...");
        }
        lookup(ctx, value);
    }

    private void lookup(Context ctx, String value) {
        Principal principal = Authentication.require(ctx, READERS);
        IndicatorType type = type(ctx.queryParam("type"), "type");
        KnowledgeQueries.Lookup answer = ready(principal).queries().lookup(principal.party().value(), value, type);
        if (answer instanceof KnowledgeQueries.Found found) {
            ctx.contentType("application/json").result(found.body());
        } else if (answer instanceof KnowledgeQueries.Missing missing) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("type", missing.type().name());
            extra.put("value", missing.value());
            List<Map<String, String>> lists = new ArrayList<>();
            missing.warninglists().forEach(h -> lists.add(Map.of("id", h.id(), "name", h.name())));
            extra.put("warninglists", lists);
            String message = "no indicator with this value is known to your party";
            throw new ApiException(404, "not_found", message, List.of(new FieldError("value", "not_found", message)), extra);
        } else {
            throw ApiException.invalid(((KnowledgeQueries.Invalid) answer).errors());
        }
    }

    /** {@code POST /api/v1/lookups}: up to the configured number of values, one result each, in order. */
    void lookups(Context ctx) throws IOException {
        Principal principal = Authentication.require(ctx, READERS);
        JsonNode body = RequestBodies.json(ctx, maxBodyBytes).json();
        if (!body.isObject()) {
            throw ApiException.of(400, "invalid_request", "body", "the body must be a JSON object {\"values\": [...]}");
        }
        JsonNode values = body.get("values");
        if (values == null || !values.isArray()) {
            throw ApiException.of(400, "invalid_values", "values", "values must be an array of strings");
        }
        if (values.size() > settings.maxLookups()) {
            throw ApiException.of(400, "too_many_values", "values", "at most " + settings.maxLookups()
                    + " values in one request, got " + values.size());
        }
        JsonNode typeNode = body.get("type");
        if (typeNode != null && !typeNode.isNull() && !typeNode.isTextual()) {
            throw ApiException.of(400, "invalid_type", "type", "type must be a string: one of " + Labels.typeNames());
        }
        IndicatorType type = type(typeNode == null || typeNode.isNull() ? null : typeNode.asText(), "type");
        JsonNode view = body.get("view");
        boolean full = false;
        if (view != null && !view.isNull()) {
            if (!view.isTextual() || !(view.asText().equals("full") || view.asText().equals("summary"))) {
                throw ApiException.of(400, "invalid_view", "view", "view must be \"summary\" (the default) or \"full\"");
            }
            full = view.asText().equals("full");
        }
        List<JsonNode> inputs = new ArrayList<>(values.size());
        values.forEach(inputs::add);
        KnowledgeQueries queries = ready(principal).queries();
        ctx.contentType("application/json");
        try (OutputStream out = ctx.outputStream()) {
            queries.lookups(principal.party().value(), inputs, type, full, out);
        }
    }

    /** {@code GET /api/v1/indicators}: a page of the party's indicators matching the filters, in key order. */
    void search(Context ctx) {
        Principal principal = Authentication.require(ctx, READERS);
        SearchFilter filter = filter(ctx);
        int limit = DEFAULT_PAGE;
        String limitText = ctx.queryParam("limit");
        if (limitText != null && !limitText.isEmpty()) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                throw ApiException.of(400, "invalid_limit", "limit", "limit must be a whole number from 1 to " + MAX_PAGE
                        + "; got '" + limitText + "'");
            }
        }
        KnowledgeQueries.SearchAnswer answer = ready(principal).queries().search(principal.party().value(), filter, ctx.queryParam("cursor"),
                limit, settings.searchBudget());
        if (answer.error() != null) {
            throw ApiException.invalid(List.of(answer.error()));
        }
        ctx.contentType("application/json").result(answer.body());
    }

    /** {@code GET /api/v1/exports/{format}}: streamed, with an ETag that changes only when the answer does. */
    void export(Context ctx) throws IOException {
        Principal principal = Authentication.require(ctx, READERS);
        String name = ctx.pathParam("format");
        ExportFormat format = ExportFormat.of(name).orElseThrow(() -> ApiException.of(404, "unknown_format", "format",
                "no export format '" + name + "': text, csv, stix, suricata, zeek, or misp/manifest.json"));
        if (format == ExportFormat.MISP) {
            throw ApiException.of(404, "unknown_format", "format",
                    "a MISP feed is /api/v1/exports/misp/manifest.json and the events it lists");
        }
        SearchFilter filter = filter(ctx);
        String party = principal.party().value();
        try (KnowledgeBase.Reader reader = ready(principal).base().read()) {
            String etag = KnowledgeQueries.etag(reader, party, format.id(), filter);
            if (notModified(ctx, etag)) {
                return;
            }
            ctx.contentType(format.contentType());
            ctx.header("Content-Disposition", "attachment; filename=\"caspian-" + party + "." + format.extension() + "\"");
            try (OutputStream out = ctx.outputStream()) {
                KnowledgeQueries.export(reader, party, format, filter, etag, out);
            }
        }
    }

    /** {@code GET /api/v1/exports/misp/{document}}: {@code manifest.json} or {@code <event uuid>.json}. */
    void misp(Context ctx) throws IOException {
        Principal principal = Authentication.require(ctx, READERS);
        String document = ctx.pathParam("document");
        SearchFilter filter = filter(ctx);
        String party = principal.party().value();
        MispFeed feed = new MispFeed(party, filter);
        IndicatorType eventType = null;
        if (!document.equals("manifest.json")) {
            String uuid = document.endsWith(".json") ? document.substring(0, document.length() - 5) : document;
            eventType = feed.typeOf(uuid).orElseThrow(() -> ApiException.of(404, "unknown_event", "document",
                    "no event '" + document + "' in this feed: read manifest.json for the events (with the same filters)"));
        }
        try (KnowledgeBase.Reader reader = ready(principal).base().read()) {
            String etag = KnowledgeQueries.etag(reader, party, "misp/" + document, filter);
            if (notModified(ctx, etag)) {
                return;
            }
            ctx.contentType("application/json");
            try (OutputStream out = ctx.outputStream()) {
                if (eventType == null) {
                    feed.manifest(reader, out);
                } else {
                    feed.event(reader, eventType, out);
                }
            }
        }
    }

    private static boolean notModified(Context ctx, String etag) {
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "private, no-cache");
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) {
            for (String candidate : ifNoneMatch.split(",")) {
                String c = candidate.trim();
                if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                    ctx.status(304);
                    return true;
                }
            }
        }
        return false;
    }

    private static SearchFilter filter(Context ctx) {
        SearchFilter.Parsed parsed = SearchFilter.parse(ctx.queryParamMap());
        if (!parsed.errors().isEmpty()) {
            throw ApiException.invalid(parsed.errors());
        }
        return parsed.filter();
    }

    private static IndicatorType type(String text, String field) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return Labels.type(text).filter(t -> t != IndicatorType.UNKNOWN).orElseThrow(() -> ApiException.of(400,
                "invalid_type", field, "type must be one of " + Labels.typeNames() + "; got '" + text + "'"));
    }

    /**
     * The caller's party's read model, once it has read every alert there was at start (before then
     * answers could miss old ones: 503, try again). Only the caller's own reader decides this.
     */
    private PartyKnowledge ready(Principal principal) {
        PartyKnowledge knowledge = parties.get(principal.party().value());
        if (knowledge == null) {
            throw new IllegalStateException("no read model for " + principal.party() + ", a party the gateway serves");
        }
        KnowledgeMaterializer materializer = knowledge.reader();
        if (!materializer.caughtUp()) {
            if (materializer.failure() != null) {
                throw new ApiException(503, "knowledge_unavailable", "the read model stopped; the gateway needs a restart",
                        List.of(), Map.of());
            }
            throw new ApiException(503, "knowledge_catching_up",
                    "the read model is still reading your alert topic; try again shortly", List.of(), Map.of());
        }
        return knowledge;
    }
}
