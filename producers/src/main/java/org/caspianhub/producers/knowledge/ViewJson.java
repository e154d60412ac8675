package org.caspianhub.producers.knowledge;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.caspianhub.consumers.alert.Timestamps;
import org.caspianhub.tlp.TlpLevels;

/**
 * A view as the API shows it, in the alert JSON's conventions (docs/alert.schema.json): camelCase
 * names, enum names as in the Avro schema, {@code TLP:AMBER} labels, ISO-8601 times in milliseconds,
 * absent values as null. Written straight to a generator: bulk answers and exports stream.
 */
public final class ViewJson {

    private ViewJson() {
    }

    /** The whole view: {@code GET /api/v1/indicators/{value}} and the full form of a bulk result. */
    public static void full(JsonGenerator json, IndicatorView v, List<WarninglistHits.Hit> warninglists) throws IOException {
        head(json, v);
        time(json, "validUntil", v.validUntil());
        strings(json, "parties", v.parties());
        strings(json, "tags", v.tags());
        strings(json, "references", v.references());
        json.writeNumberField("sightings", v.sightings());
        json.writeNumberField("falsePositives", v.falsePositives());
        warninglists(json, warninglists);
        json.writeArrayFieldStart("related");
        for (IndicatorView.Related r : v.related()) {
            json.writeStartObject();
            json.writeStringField("kind", r.kind().name());
            json.writeStringField("type", r.type() == null ? null : r.type().name());
            json.writeStringField("value", r.value());
            json.writeStringField("reference", r.reference());
            strings(json, "parties", r.parties());
            json.writeStringField("detail", r.detail());
            json.writeStringField("tlp", TlpLevels.label(r.tlp()));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("alerts");
        for (IndicatorView.AlertRef a : v.alerts()) {
            json.writeStartObject();
            json.writeStringField("alertId", a.alertId());
            json.writeStringField("kind", a.kind().name());
            time(json, "createdAt", a.createdAt());
            json.writeNumberField("score", a.score());
            json.writeStringField("summary", a.summary());
            json.writeEndObject();
        }
        json.writeEndArray();
        time(json, "asOf", v.asOf());
    }

    /** The short form of a bulk result. */
    public static void summary(JsonGenerator json, IndicatorView v) throws IOException {
        json.writeStringField("status", v.status().name());
        json.writeNumberField("score", v.score());
        json.writeStringField("severity", v.severity().name());
        json.writeStringField("tlp", TlpLevels.label(v.tlp()));
        time(json, "lastSeen", v.lastSeen());
        strings(json, "parties", v.parties());
    }

    /** One item of a search page and of the CSV and JSON exports. */
    public static void item(JsonGenerator json, IndicatorView v) throws IOException {
        head(json, v);
        strings(json, "parties", v.parties());
        strings(json, "tags", v.tags());
    }

    /** What the full view and a search item start with. */
    private static void head(JsonGenerator json, IndicatorView v) throws IOException {
        json.writeStringField("type", v.type().name());
        json.writeStringField("value", v.value());
        json.writeStringField("status", v.status().name());
        json.writeNumberField("score", v.score());
        json.writeStringField("severity", v.severity().name());
        json.writeStringField("tlp", TlpLevels.label(v.tlp()));
        time(json, "firstSeen", v.firstSeen());
        time(json, "lastSeen", v.lastSeen());
    }

    public static void warninglists(JsonGenerator json, List<WarninglistHits.Hit> hits) throws IOException {
        json.writeArrayFieldStart("warninglists");
        for (WarninglistHits.Hit hit : hits) {
            json.writeStartObject();
            json.writeStringField("id", hit.id());
            json.writeStringField("name", hit.name());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    static String time(long millis) {
        return Timestamps.millis(Instant.ofEpochMilli(millis));
    }

    private static void time(JsonGenerator json, String field, Long millis) throws IOException {
        json.writeStringField(field, millis == null ? null : time(millis));
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
