package org.caspianhub.producers.knowledge;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.producers.knowledge.export.ExportFormat;
import org.caspianhub.producers.knowledge.export.ExportWriter;

/**
 * The answers of the look-up, search and export endpoints for one party, as bytes: values
 * normalized by the submissions' normalizer, views from the party's own read model, warninglist
 * hits from the pipeline's lists. Nothing here reads another party's views, and "unknown" and "not
 * visible" are the same answer, since a view the party may not see was never built.
 */
public final class KnowledgeQueries {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A look-up: the view, nothing known (the normalized value, for the 404), or why the value is not one. */
    public sealed interface Lookup permits Found, Missing, Invalid {
    }

    public record Found(byte[] body) implements Lookup {
    }

    public record Missing(IndicatorType type, String value, List<WarninglistHits.Hit> warninglists) implements Lookup {
    }

    public record Invalid(List<FieldError> errors) implements Lookup {
    }

    /** A search page as JSON, or the reason a cursor is not one of ours. */
    public record SearchAnswer(byte[] body, FieldError error) {
    }

    private final KnowledgeBase base;
    private final IndicatorNormalizer normalizer;
    private final WarninglistHits warninglists;

    public KnowledgeQueries(KnowledgeBase base, IndicatorNormalizer normalizer, WarninglistHits warninglists) {
        this.base = base;
        this.normalizer = normalizer;
        this.warninglists = warninglists;
    }

    public KnowledgeBase base() {
        return base;
    }

    public Lookup lookup(String party, String value, IndicatorType type) {
        Normalized normalized = normalizer.normalize(value, type);
        if (normalized instanceof Normalized.Invalid invalid) {
            return new Invalid(invalid.errors());
        }
        Normalized.Valid valid = (Normalized.Valid) normalized;
        IndicatorView view = base.view(party, valid.key());
        if (view == null) {
            return new Missing(valid.type(), valid.value(), warninglists.of(valid));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            ViewJson.full(json, view, warninglists.of(valid));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Found(out.toByteArray());
    }

    /**
     * {@code {"results":[...]}}, one per value in order: found with the canonical form and a summary
     * (or the whole view), not found with the canonical form, or the value's error.
     */
    public void lookups(String party, List<JsonNode> values, IndicatorType type, boolean full, OutputStream out)
            throws IOException {
        // every value normalized first, then their views read in one multi-get, then answered in order
        Normalized[] normalized = new Normalized[values.size()];
        List<String> keys = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isTextual()) {
                normalized[i] = normalizer.normalize(values.get(i).asText(), type);
                if (normalized[i] instanceof Normalized.Valid valid) {
                    keys.add(valid.key());
                }
            }
        }
        try (KnowledgeBase.Reader reader = base.read();
             JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            Iterator<IndicatorView> views = reader.views(party, keys).iterator();
            json.writeStartObject();
            json.writeArrayFieldStart("results");
            for (int i = 0; i < values.size(); i++) {
                json.writeStartObject();
                json.writeFieldName("input");
                json.writeTree(values.get(i));
                if (normalized[i] == null) {
                    error(json, "values[" + i + "]", "each value must be a string");
                } else if (normalized[i] instanceof Normalized.Invalid invalid) {
                    FieldError first = invalid.errors().get(0);
                    error(json, "values[" + i + "]" + (first.field().equals(FieldError.VALUE) ? "" : "." + first.field()),
                            first.message());
                } else {
                    answer(json, (Normalized.Valid) normalized[i], views.next(), full);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private void answer(JsonGenerator json, Normalized.Valid valid, IndicatorView view, boolean full) throws IOException {
        json.writeBooleanField("found", view != null);
        json.writeStringField("type", valid.type().name());
        json.writeStringField("value", valid.value());
        if (view != null) {
            json.writeObjectFieldStart("summary");
            ViewJson.summary(json, view);
            json.writeEndObject();
            if (full) {
                json.writeObjectFieldStart("view");
                ViewJson.full(json, view, warninglists.of(valid));
                json.writeEndObject();
            }
        } else if (full) {
            ViewJson.warninglists(json, warninglists.of(valid));
        }
    }

    /** A page of at most {@code limit} items after {@code cursor}, examining at most {@code budget} candidates. */
    public SearchAnswer search(String party, SearchFilter filter, String cursor, int limit, int budget) {
        String after = null;
        if (cursor != null && !cursor.isEmpty()) {
            after = Cursors.decode(cursor);
            if (after == null) {
                return new SearchAnswer(null, new FieldError("cursor", "invalid_cursor",
                        "cursor is not one this API gave out: pass the 'next' of the previous page unchanged"));
            }
        }
        KnowledgeBase.Page page;
        try (KnowledgeBase.Reader reader = base.read()) {
            page = reader.search(party, filter, after, limit, budget);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 256 * page.items().size());
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("items");
            for (IndicatorView view : page.items()) {
                json.writeStartObject();
                ViewJson.item(json, view);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("next", page.next() == null ? null : Cursors.encode(page.next()));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SearchAnswer(out.toByteArray(), null);
    }

    /**
     * The export's entity tag: its format, document and filters, and which alerts the party has
     * received in {@code reader}'s snapshot (the only thing the answer depends on).
     */
    public static String etag(KnowledgeBase.Reader reader, String party, String document, SearchFilter filter) {
        String basis = "v" + ViewCodec.FORMAT + "|" + party + "|" + document + "|" + filter.canonical() + "|"
                + reader.received(party);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(basis.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Streams the export of {@code format} from {@code reader}'s snapshot. */
    public static void export(KnowledgeBase.Reader reader, String party, ExportFormat format, SearchFilter filter,
                              String exportId, OutputStream out) throws IOException {
        ExportWriter writer = format.writer(party, exportId, out);
        writer.begin();
        reader.writeEach(party, filter, writer::write);
        writer.end();
    }

    private static void error(JsonGenerator json, String field, String message) throws IOException {
        json.writeObjectFieldStart("error");
        json.writeStringField("field", field);
        json.writeStringField("message", message);
        json.writeEndObject();
    }

    /** Opaque cursors: the last indicator key of a page, base64url. */
    static final class Cursors {
        private Cursors() {
        }

        static String encode(String key) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        }

        static String decode(String cursor) {
            try {
                String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                return key.indexOf(':') > 0 && key.indexOf('\0') < 0 && key.length() <= 8192 ? key : null;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
