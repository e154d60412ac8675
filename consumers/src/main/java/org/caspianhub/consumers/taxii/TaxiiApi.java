package org.caspianhub.consumers.taxii;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.caspianhub.consumers.alert.Timestamps;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.ErrorFormat;
import org.caspianhub.runtime.auth.Principal;
import org.caspianhub.runtime.auth.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TAXII 2.1 endpoints (OASIS TAXII Version 2.1, section 4 and 5) over the collection index:
 * <ul>
 * <li>{@code GET /taxii2/}: discovery; {@code GET /caspian/}: the API root;</li>
 * <li>{@code GET /caspian/collections/}: the caller's party's collection, and no other;</li>
 * <li>{@code GET /caspian/collections/{id}/}, {@code .../objects/}, {@code .../objects/{object-id}/},
 * {@code .../objects/{object-id}/versions/}, {@code .../manifest/}: with {@code added_after},
 * {@code limit}, {@code next}, {@code match[id]}, {@code match[type]}, {@code match[version]}
 * and {@code match[spec_version]};</li>
 * <li>writes ({@code POST objects}, {@code DELETE} an object) are refused: collections are
 * read-only, filled by the hub.</li>
 * </ul>
 * Every request needs an API key (HTTP Basic or Bearer). A collection of another party answers
 * 404, exactly like one that does not exist, so a party cannot even learn the others' ids.
 */
final class TaxiiApi {

    static final String DISCOVERY = "/taxii2/";
    static final String API_ROOT = "/caspian/";
    private static final Logger LOG = LoggerFactory.getLogger(TaxiiApi.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PRINCIPAL = "caspian.principal";

    private final TaxiiSettings settings;
    private final Parties parties;
    private final TaxiiAuthenticator authenticator;
    private final CollectionQueries queries;
    private final ObjectRenderer renderer;
    private final BooleanSupplier ready;
    private final long maxContentLength;

    /**
     * @param ready whether the collections hold what the alert topics held at start-up; until then
     *              collection requests get 503
     */
    TaxiiApi(TaxiiSettings settings, CollectionQueries queries, ObjectRenderer renderer, BooleanSupplier ready,
             long maxContentLength) {
        this.settings = settings;
        this.parties = settings.platform().parties();
        this.authenticator = new TaxiiAuthenticator(settings.keys());
        this.queries = queries;
        this.renderer = renderer;
        this.ready = ready;
        this.maxContentLength = maxContentLength;
    }

    void register(Javalin app) {
        for (String prefix : List.of("/taxii2", "/caspian")) {
            app.before(prefix + "/*", this::authenticateAndNegotiate);
            app.before(prefix, this::authenticateAndNegotiate);
        }
        app.get(DISCOVERY, this::discovery);
        app.get(API_ROOT, this::apiRoot);
        app.get(API_ROOT + "collections/", this::collections);
        app.get(API_ROOT + "collections/{collection}/", this::collection);
        app.get(API_ROOT + "collections/{collection}/objects/", this::objects);
        app.post(API_ROOT + "collections/{collection}/objects/", this::readOnly);
        app.get(API_ROOT + "collections/{collection}/objects/{object}/", this::object);
        app.delete(API_ROOT + "collections/{collection}/objects/{object}/", this::readOnly);
        app.get(API_ROOT + "collections/{collection}/objects/{object}/versions/", this::versions);
        app.get(API_ROOT + "collections/{collection}/manifest/", this::manifest);
        app.get(API_ROOT + "status/{status}/", ctx -> {
            throw TaxiiException.notFound("no status resource: this server accepts no writes");
        });
        app.exception(TaxiiException.class, (e, ctx) -> error(ctx, e));
        app.exception(InterruptedException.class, (e, ctx) -> error(ctx, TaxiiException.unavailable("the server is stopping")));
    }

    private void authenticateAndNegotiate(Context ctx) {
        if (!TaxiiMedia.acceptable(ctx.header("Accept"))) {
            throw TaxiiException.notAcceptable("this server answers " + TaxiiMedia.TAXII + "; the Accept header allows none of it");
        }
        ctx.attribute(PRINCIPAL, authenticator.authenticate(java.util.Collections.list(ctx.req().getHeaders("Authorization"))));
    }

    private void discovery(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Caspian Hub");
        body.put("description", "TAXII 2.1 server of the Caspian Hub: each party's alerts as STIX 2.1, readable by that party only.");
        body.put("default", apiRootUrl(ctx));
        body.put("api_roots", List.of(apiRootUrl(ctx)));
        respond(ctx, 200, body);
    }

    private void apiRoot(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Caspian Hub alerts");
        body.put("description", "One read-only collection per party, holding the alerts the hub routed to it.");
        body.put("versions", List.of(TaxiiMedia.TAXII));
        body.put("max_content_length", maxContentLength);
        respond(ctx, 200, body);
    }

    private void collections(Context ctx) {
        Principal principal = principal(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        if (mayRead(principal)) {
            body.put("collections", List.of(collectionResource(principal.party())));
        }
        respond(ctx, 200, body);
    }

    private void collection(Context ctx) {
        respond(ctx, 200, collectionResource(readableCollection(ctx)));
    }

    private void objects(Context ctx) throws InterruptedException {
        PartyId party = readableContents(ctx);
        respondObjects(ctx, party, queries.objects(party.value(), query(ctx, true)));
    }

    /** The page's objects, rendered from their alerts; the envelope's more/next and the date headers are the listing's. */
    private void respondObjects(Context ctx, PartyId party, Page<ListedObject> listed) throws InterruptedException {
        List<ObjectNode> objects = renderer.render(party.value(), listed.items());
        Page<ObjectNode> page = new Page<>(objects, listed.more(), listed.next(), listed.firstAdded(), listed.lastAdded());
        dateHeaders(ctx, page);
        respondRaw(ctx, envelope(page, "objects", JsonGenerator::writeTree));
    }

    private void object(Context ctx) throws InterruptedException {
        PartyId party = readableContents(ctx);
        String id = ctx.pathParam("object");
        if (!queries.contains(party.value(), id)) {
            throw TaxiiException.notFound("no object " + id + " in this collection");
        }
        ObjectQuery query = query(ctx, false);
        ObjectQuery byId = new ObjectQuery(query.addedAfter(), query.cursor(), query.limit(), Set.of(id), Set.of(),
                query.versions(), query.specVersions());
        respondObjects(ctx, party, queries.objects(party.value(), byId));
    }

    private void versions(Context ctx) {
        PartyId party = readableContents(ctx);
        String id = ctx.pathParam("object");
        Page<CollectionQueries.Version> page = queries.versions(party.value(), id, query(ctx, false))
                .orElseThrow(() -> TaxiiException.notFound("no object " + id + " in this collection"));
        dateHeaders(ctx, page);
        respondRaw(ctx, envelope(page, "versions", (gen, version) -> gen.writeString(version.version())));
    }

    private void manifest(Context ctx) {
        PartyId party = readableContents(ctx);
        Page<ListedObject> page = queries.objects(party.value(), query(ctx, true));
        dateHeaders(ctx, page);
        respondRaw(ctx, envelope(page, "objects", (gen, listed) -> {
            gen.writeStartObject();
            gen.writeStringField("id", listed.id().toString());
            gen.writeStringField("date_added", Timestamps.micros(listed.dateAdded()));
            gen.writeStringField("version", listed.versionText());
            gen.writeStringField("media_type", TaxiiMedia.STIX);
            gen.writeEndObject();
        }));
    }

    private void readOnly(Context ctx) {
        readableCollection(ctx);
        throw TaxiiException.forbidden("this collection is read-only: the hub fills it from the alerts routed to your party");
    }

    /** The party whose collection the path names, when the caller may read it; 404 for anyone else's. */
    private PartyId readableCollection(Context ctx) {
        Principal principal = principal(ctx);
        String id = ctx.pathParam("collection");
        boolean own = StixIds.collection(principal.party()).equals(id);
        if (!own) {
            throw TaxiiException.notFound("no collection " + id + " on this API root");
        }
        if (!mayRead(principal)) {
            throw TaxiiException.forbidden("the role '" + principal.role().id() + "' may not read collections; roles that may: "
                    + settings.readRoles().stream().map(Role::id).sorted().toList());
        }
        return principal.party();
    }

    /** {@link #readableCollection}, once the collection holds what the alert topics held at start-up (503 before). */
    private PartyId readableContents(Context ctx) {
        PartyId party = readableCollection(ctx);
        if (!ready.getAsBoolean()) {
            ctx.header("Retry-After", "5");
            throw TaxiiException.unavailable("the collections are being built from the alert topics; retry shortly");
        }
        return party;
    }

    private boolean mayRead(Principal principal) {
        return settings.readRoles().contains(principal.role()) && parties.contains(principal.party());
    }

    private Map<String, Object> collectionResource(PartyId party) {
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("id", StixIds.collection(party));
        collection.put("title", "Alerts for " + party.value());
        collection.put("description", "Indicators, sightings and relationships from the alerts the Caspian Hub routed to "
                + party.value() + ", each marked with its TLP 2.0 level.");
        collection.put("alias", party.value() + "-alerts");
        collection.put("can_read", true);
        collection.put("can_write", false);
        collection.put("media_types", List.of(TaxiiMedia.STIX));
        return collection;
    }

    private ObjectQuery query(Context ctx, boolean filtersById) {
        Long addedAfter = Optional.ofNullable(ctx.queryParam("added_after")).map(v -> timestamp(v, "added_after"))
                .map(Timestamps::toMicros).orElse(null);
        Long cursor = Optional.ofNullable(ctx.queryParam("next")).map(TaxiiApi::cursor).orElse(null);
        int limit = settings.defaultPageSize();
        String limitParam = ctx.queryParam("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam.trim());
            } catch (NumberFormatException e) {
                throw TaxiiException.badRequest("limit must be a positive integer, got '" + limitParam + "'");
            }
            if (limit < 1) {
                throw TaxiiException.badRequest("limit must be a positive integer, got " + limit);
            }
            limit = Math.min(limit, settings.maxPageSize());
        }
        Set<String> ids = filtersById ? list(ctx, "match[id]") : Set.of();
        Set<String> types = filtersById ? list(ctx, "match[type]") : Set.of();
        return new ObjectQuery(addedAfter, cursor, limit, ids, types, versionFilter(ctx), list(ctx, "match[spec_version]"));
    }

    private static ObjectQuery.VersionFilter versionFilter(Context ctx) {
        Set<String> values = list(ctx, "match[version]");
        if (values.isEmpty()) {
            return ObjectQuery.VersionFilter.lastOnly();
        }
        boolean all = false;
        boolean first = false;
        boolean last = false;
        Set<Instant> exact = new HashSet<>();
        for (String value : values) {
            switch (value) {
                case "all" -> all = true;
                case "first" -> first = true;
                case "last" -> last = true;
                default -> exact.add(timestamp(value, "match[version]"));
            }
        }
        return new ObjectQuery.VersionFilter(all, first, last, exact);
    }

    private static Set<String> list(Context ctx, String name) {
        Set<String> values = new LinkedHashSet<>();
        for (String param : ctx.queryParams(name)) {
            for (String value : param.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
        }
        return values;
    }

    private static Instant timestamp(String value, String parameter) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw TaxiiException.badRequest(parameter + " must be an RFC 3339 timestamp such as 2026-01-31T12:00:00.000Z, got '"
                    + value + "'");
        }
    }

    static String token(long micros) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("1:" + micros).getBytes(StandardCharsets.US_ASCII));
    }

    private static long cursor(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.US_ASCII);
            if (decoded.startsWith("1:")) {
                return Long.parseLong(decoded.substring(2));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw TaxiiException.badRequest("next must be a value this server returned in an envelope, got '" + token + "'");
    }

    private static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw TaxiiException.unauthorized("present an API key");
        }
        return principal;
    }

    private String apiRootUrl(Context ctx) {
        String base = settings.publicUrl() != null ? settings.publicUrl() : ctx.scheme() + "://" + ctx.host();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + API_ROOT;
    }

    private static void dateHeaders(Context ctx, Page<?> page) {
        if (page.firstAdded() != null) {
            ctx.header("X-TAXII-Date-Added-First", Timestamps.micros(page.firstAdded()));
            ctx.header("X-TAXII-Date-Added-Last", Timestamps.micros(page.lastAdded()));
        }
    }

    @FunctionalInterface
    private interface ItemWriter<T> {
        void write(JsonGenerator gen, T item) throws IOException;
    }

    /** {"more": ..., "next": ..., "<field>": [...]}; an empty page is {"more": false} (TAXII lists are never empty). */
    private static <T> byte[] envelope(Page<T> page, String field, ItemWriter<T> writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator gen = MAPPER.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeBooleanField("more", page.more());
            if (page.next() != null) {
                gen.writeStringField("next", token(page.next()));
            }
            if (!page.items().isEmpty()) {
                gen.writeArrayFieldStart(field);
                for (T item : page.items()) {
                    writer.write(gen, item);
                }
                gen.writeEndArray();
            }
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void respond(Context ctx, int status, Object body) {
        try {
            ctx.status(status);
            respondRaw(ctx, MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void respondRaw(Context ctx, byte[] body) {
        ctx.contentType(TaxiiMedia.TAXII).result(body);
    }

    private static void error(Context ctx, TaxiiException e) {
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", TaxiiAuthenticator.CHALLENGE);
        }
        if (e.status() >= 500) {
            LOG.warn("TAXII {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
        }
        ctx.status(e.status()).contentType(TaxiiMedia.TAXII).result(errorBody(e.status(), e.title(), e.getMessage(), e.errorCode()));
    }

    /** The TAXII error message resource (section 3.6.1). */
    private static byte[] errorBody(int status, String title, String description, String errorCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("description", description);
        body.put("error_code", errorCode);
        body.put("http_status", Integer.toString(status));
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
    }

    /**
     * The same resource for errors no handler raised: Jetty's own (a header too large, a control
     * character in a header), a path that is no TAXII resource (docs/taxii.md promises a TAXII 404),
     * an unhandled exception.
     */
    static final ErrorFormat ERRORS = new ErrorFormat() {
        @Override
        public String contentType() {
            return TaxiiMedia.TAXII;
        }

        @Override
        public byte[] body(int status, String code, String message) {
            String title = switch (status) {
                case 404 -> "Not found";
                case 431 -> "Request header fields too large";
                default -> status >= 500 ? "Internal error" : "Invalid request";
            };
            return errorBody(status, title, message, code);
        }
    };
}
