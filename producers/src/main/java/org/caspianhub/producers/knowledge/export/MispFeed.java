package org.caspianhub.producers.knowledge.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.producers.knowledge.IndicatorView;
import org.caspianhub.producers.knowledge.KnowledgeBase;
import org.caspianhub.producers.knowledge.SearchFilter;
import org.caspianhub.tlp.TlpLevels;

/**
 * The party's view as a MISP feed, so a partner's MISP can add the hub as a feed (Sync Actions,
 * Feeds, add: the export URL, "MISP Feed", an {@code Authorization: Bearer} header): a
 * {@code manifest.json} of events and one event per indicator type ({@code <uuid>.json}), each
 * attribute with {@code to_ids}, its {@code tlp:} tag and its tags. Event and attribute uuids are
 * name-based (party, type, filters; party, indicator), so they stay the same from one fetch to the
 * next, and an event's timestamp is its latest view's, so MISP fetches only what changed.
 */
public final class MispFeed {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String party;
    private final SearchFilter filter;

    public MispFeed(String party, SearchFilter filter) {
        this.party = party;
        this.filter = filter;
    }

    public String eventUuid(IndicatorType type) {
        return StixIds.uuid5("misp-event:" + party + "|" + type.name() + "|" + filter.canonical()).toString();
    }

    /** The type whose event has this uuid under this feed's filters. */
    public Optional<IndicatorType> typeOf(String uuid) {
        for (IndicatorType type : IndicatorType.values()) {
            if (type != IndicatorType.UNKNOWN && eventUuid(type).equalsIgnoreCase(uuid)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public void manifest(KnowledgeBase.Reader reader, OutputStream out) throws IOException {
        Map<IndicatorType, long[]> events = new EnumMap<>(IndicatorType.class); // count, latest asOf
        reader.forEach(party, filter, view -> {
            if (attributeType(view.type()) != null) {
                long[] e = events.computeIfAbsent(view.type(), t -> new long[2]);
                e[0]++;
                e[1] = Math.max(e[1], view.asOf());
            }
            return true;
        });
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<IndicatorType, long[]> e : events.entrySet()) {
                json.writeObjectFieldStart(eventUuid(e.getKey()));
                json.writeStringField("info", info(e.getKey()));
                json.writeStringField("date", date(e.getValue()[1]));
                json.writeNumberField("timestamp", e.getValue()[1] / 1000);
                json.writeNumberField("analysis", 2);
                json.writeNumberField("threat_level_id", 4);
                json.writeObjectFieldStart("Orgc");
                json.writeStringField("name", "Caspian Hub");
                json.writeStringField("uuid", StixIds.uuid5("caspian-hub").toString());
                json.writeEndObject();
                json.writeArrayFieldStart("Tag");
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndObject();
        }
    }

    /** The event of one type, streamed: its attributes first, the fields that depend on them after. */
    public void event(KnowledgeBase.Reader reader, IndicatorType type, OutputStream out) throws IOException {
        SearchFilter ofType = new SearchFilter(type, filter.tag(), filter.reference(), filter.party(), filter.minScore(),
                filter.status(), filter.tlp(), filter.firstSeenFrom(), filter.firstSeenTo(), filter.lastSeenFrom(),
                filter.lastSeenTo(), filter.active());
        boolean same = filter.type() == null || filter.type() == type;
        long[] latest = {0};
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("Event");
            json.writeStringField("uuid", eventUuid(type));
            json.writeStringField("info", info(type));
            json.writeNumberField("analysis", 2);
            json.writeNumberField("threat_level_id", 4);
            json.writeNumberField("distribution", 5);
            json.writeBooleanField("published", true);
            json.writeObjectFieldStart("Orgc");
            json.writeStringField("name", "Caspian Hub");
            json.writeStringField("uuid", StixIds.uuid5("caspian-hub").toString());
            json.writeEndObject();
            json.writeArrayFieldStart("Attribute");
            String attributeType = attributeType(type);
            if (same && attributeType != null) {
                reader.writeEach(party, ofType, view -> {
                    attribute(json, view, attributeType);
                    latest[0] = Math.max(latest[0], view.asOf());
                });
            }
            json.writeEndArray();
            json.writeStringField("date", date(latest[0]));
            json.writeStringField("timestamp", Long.toString(latest[0] / 1000));
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private void attribute(JsonGenerator json, IndicatorView v, String type) throws IOException {
        json.writeStartObject();
        json.writeStringField("uuid", StixIds.uuid5("misp-attribute:" + party + "|" + v.key()).toString());
        json.writeStringField("type", type);
        json.writeStringField("category", category(v.type()));
        json.writeStringField("value", v.value());
        json.writeBooleanField("to_ids", true);
        json.writeStringField("distribution", "5");
        json.writeStringField("timestamp", Long.toString(v.asOf() / 1000));
        json.writeStringField("first_seen", Exports.time(v.firstSeen()));
        json.writeStringField("last_seen", Exports.time(v.lastSeen()));
        json.writeStringField("comment", Exports.describe(v));
        json.writeArrayFieldStart("Tag");
        json.writeStartObject();
        json.writeStringField("name", "tlp:" + TlpLevels.name(v.tlp()));
        json.writeEndObject();
        for (String tag : v.tags()) {
            json.writeStartObject();
            json.writeStringField("name", tag);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private String info(IndicatorType type) {
        return "Caspian Hub: " + type.name().toLowerCase(Locale.ROOT) + " indicators shared with " + party;
    }

    private static String date(long millis) {
        return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** The MISP attribute type of a hub type (null: none). */
    static String attributeType(IndicatorType type) {
        return switch (type) {
            case IPV4, IPV6, CIDR -> "ip-dst";
            case DOMAIN -> "domain";
            case URL -> "url";
            case EMAIL -> "email-src";
            case MD5 -> "md5";
            case SHA1 -> "sha1";
            case SHA256 -> "sha256";
            case SHA512 -> "sha512";
            case CVE -> "vulnerability";
            case ASN -> "AS";
            default -> null;
        };
    }

    private static String category(IndicatorType type) {
        return switch (type) {
            case MD5, SHA1, SHA256, SHA512 -> "Payload delivery";
            case CVE -> "External analysis";
            default -> "Network activity";
        };
    }
}
