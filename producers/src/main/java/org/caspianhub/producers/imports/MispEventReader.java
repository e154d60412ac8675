package org.caspianhub.producers.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.producers.submit.IndicatorItem;
import org.caspianhub.producers.submit.ItemRules;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.tlp.TlpOrder;

/**
 * MISP event JSON ({@code {"Event": {...}}}, as MISP exports it and MISP feeds serve it).
 * Attributes with {@code to_ids} become submissions (others are skipped: MISP's own flag for
 * "not for detection"); attributes of one MISP object share the object's uuid as
 * {@code groupRef}; a composite attribute ({@code domain|ip}) gives both values under one group.
 * TLP is the strictest of every sharing signal MISP gives: the attribute's {@code tlp:} tags, the
 * event's, and the distributions of the attribute, of its object and of the event (0 your
 * organisation only: RED; 1 this community: AMBER; 2 connected communities: GREEN; 3 all
 * communities: CLEAR; 4 a sharing group: RED, since the hub cannot tell who is in it; 5 inherit:
 * the object's, then the event's, which count anyway). A tag never loosens what a distribution
 * restricts, nor the other way round. Only when none of them is given does the import's default
 * apply. Every attribute carries the reference {@code misp-event:<uuid>}.
 *
 * <p>Read twice, streaming: the event's own fields first (they may come after the attributes),
 * then the attributes one at a time.
 */
public final class MispEventReader implements ImportReader {

    private static final Map<String, IndicatorType> TYPES = Map.ofEntries(
            Map.entry("domain", IndicatorType.DOMAIN), Map.entry("hostname", IndicatorType.DOMAIN),
            Map.entry("url", IndicatorType.URL), Map.entry("email", IndicatorType.EMAIL),
            Map.entry("email-src", IndicatorType.EMAIL), Map.entry("email-dst", IndicatorType.EMAIL),
            Map.entry("email-reply-to", IndicatorType.EMAIL), Map.entry("md5", IndicatorType.MD5),
            Map.entry("sha1", IndicatorType.SHA1), Map.entry("sha256", IndicatorType.SHA256),
            Map.entry("sha512", IndicatorType.SHA512), Map.entry("vulnerability", IndicatorType.CVE),
            Map.entry("as", IndicatorType.ASN));
    /** Types whose value the pipeline detects (an address may be v4, v6 or a prefix). */
    private static final Set<String> ADDRESS_TYPES = Set.of("ip-src", "ip-dst");

    /** The event's own fields. */
    private record EventContext(String uuid, String info, Tlp tlp, Integer distribution, Severity severity,
                                List<String> tags) {
    }

    /** The MISP object an attribute belongs to: its uuid (the attributes' group) and its distribution. */
    private record ObjectContext(String uuid, Integer distribution) {
        static final ObjectContext NONE = new ObjectContext(null, null);
    }

    @Override
    public void read(Path file, ImportDefaults defaults, Consumer<ImportEntry> sink) throws IOException {
        EventContext event = readEventFields(file);
        streamEvent(file, Set.of(), (name, node) -> {
            if (name.equals("Attribute")) {
                attribute(node, ObjectContext.NONE, event, defaults, sink);
            } else if (name.equals("Object")) {
                ObjectContext object = new ObjectContext(JsonObjects.text(node, "uuid"), integer(node.get("distribution")));
                for (JsonNode attribute : node.path("Attribute")) {
                    attribute(attribute, object, event, defaults, sink);
                }
            }
        });
    }

    private EventContext readEventFields(Path file) throws IOException {
        java.util.Map<String, JsonNode> fields = new java.util.HashMap<>();
        streamEvent(file, Set.of("Attribute", "Object"), fields::put);
        String uuid = text(fields.get("uuid"));
        String info = text(fields.get("info"));
        List<String> tags = tagNames(fields.get("Tag"));
        Tlp tlp = tlpTag(tags).orElse(null);
        Integer distribution = integer(fields.get("distribution"));
        Severity severity = switch (integer(fields.get("threat_level_id")) == null ? 4 : integer(fields.get("threat_level_id"))) {
            case 1 -> Severity.HIGH;
            case 2 -> Severity.MEDIUM;
            case 3 -> Severity.LOW;
            default -> Severity.UNKNOWN;
        };
        return new EventContext(uuid, info, tlp, distribution, severity,
                tags.stream().filter(t -> !t.toLowerCase(Locale.ROOT).startsWith("tlp:")).toList());
    }

    private void attribute(JsonNode a, ObjectContext object, EventContext event, ImportDefaults defaults,
                           Consumer<ImportEntry> sink) {
        String uuid = JsonObjects.text(a, "uuid");
        String location = "attribute " + (uuid == null ? "without uuid" : uuid);
        String type = JsonObjects.text(a, "type");
        String value = JsonObjects.text(a, "value");
        if (a.path("deleted").asBoolean(false)) {
            sink.accept(new ImportEntry.Skipped(location, "the attribute is deleted"));
            return;
        }
        if (!a.path("to_ids").asBoolean(false)) {
            sink.accept(new ImportEntry.Skipped(location, "to_ids is false: MISP marks it as not for detection"));
            return;
        }
        if (type == null || value == null || value.isBlank()) {
            sink.accept(ImportEntry.Refused.because(location, "value", "required", "a MISP attribute needs a type and a value"));
            return;
        }
        List<String> attributeTags = tagNames(a.get("Tag"));
        Optional<Tlp> tlp = sharingTlp(tlpTag(attributeTags).orElse(null), event.tlp(),
                integer(a.get("distribution")), object.distribution(), event.distribution());
        Set<String> tags = new LinkedHashSet<>(defaults.tags());
        tags.addAll(event.tags());
        attributeTags.stream().filter(t -> !t.toLowerCase(Locale.ROOT).startsWith("tlp:")).forEach(tags::add);
        Set<String> references = new LinkedHashSet<>(defaults.references());
        if (event.uuid() != null) {
            references.add("misp-event:" + event.uuid());
        }
        String comment = JsonObjects.text(a, "comment");
        String description = event.info() == null ? comment
                : comment == null || comment.isBlank() ? event.info() : event.info() + ": " + comment;
        if (description != null && description.length() > ItemRules.MAX_DESCRIPTION) {
            description = description.substring(0, ItemRules.MAX_DESCRIPTION);
        }
        List<String[]> values = values(type.toLowerCase(Locale.ROOT), value);
        if (values.isEmpty()) {
            sink.accept(ImportEntry.Refused.because(location, "type", "unsupported_attribute_type",
                    "MISP attribute type '" + type + "' is not an indicator type the hub keeps"));
            return;
        }
        String groupRef = object.uuid() != null ? object.uuid() : values.size() > 1 ? uuid : null;
        for (String[] v : values) {
            IndicatorType indicatorType = v[1] == null ? null : IndicatorType.valueOf(v[1]);
            sink.accept(new ImportEntry.Candidate(location, new IndicatorItem(v[0], indicatorType,
                    tlp.orElse(defaults.tlp()), defaults.confidence(), event.severity(),
                    tags.stream().limit(ItemRules.MAX_TAGS).toList(), description, null,
                    references.stream().limit(ItemRules.MAX_REFERENCES).toList(), groupRef, uuid)));
        }
    }

    /** The values of an attribute as {value, type name or null to detect}; empty when the type is not one the hub keeps. */
    static List<String[]> values(String type, String value) {
        List<String[]> out = new ArrayList<>();
        String[] parts = value.split("\\|", 2);
        if (ADDRESS_TYPES.contains(type)) {
            out.add(new String[] {value.trim(), null});
        } else if (type.equals("ip-src|port") || type.equals("ip-dst|port")) {
            out.add(new String[] {parts[0].trim(), null});
        } else if (type.equals("hostname|port")) {
            out.add(new String[] {parts[0].trim(), IndicatorType.DOMAIN.name()});
        } else if (type.equals("domain|ip") && parts.length == 2) {
            out.add(new String[] {parts[0].trim(), IndicatorType.DOMAIN.name()});
            out.add(new String[] {parts[1].trim(), null});
        } else if (type.startsWith("filename|") && parts.length == 2 && TYPES.containsKey(type.substring(9))) {
            out.add(new String[] {parts[1].trim(), TYPES.get(type.substring(9)).name()});
        } else if (TYPES.containsKey(type)) {
            out.add(new String[] {value.trim(), TYPES.get(type).name()});
        }
        return out;
    }

    /**
     * The strictest TLP of every signal given (tags and distributions), empty when there is none. An
     * attribute's or object's distribution 5 ("inherit") resolves to the object's, then the event's,
     * and those are among the signals already.
     */
    static Optional<Tlp> sharingTlp(Tlp attributeTag, Tlp eventTag, Integer attributeDistribution,
                                    Integer objectDistribution, Integer eventDistribution) {
        return Stream.of(Optional.ofNullable(attributeTag), Optional.ofNullable(eventTag),
                        distributionTlp(attributeDistribution), distributionTlp(objectDistribution),
                        distributionTlp(eventDistribution))
                .flatMap(Optional::stream)
                .max(Comparator.comparingInt(Tlp::ordinal)); // CLEAR < GREEN < AMBER < AMBER_STRICT < RED
    }

    static Optional<Tlp> distributionTlp(Integer distribution) {
        if (distribution == null) {
            return Optional.empty();
        }
        return switch (distribution) {
            case 0, 4 -> Optional.of(Tlp.RED);
            case 1 -> Optional.of(Tlp.AMBER);
            case 2 -> Optional.of(Tlp.GREEN);
            case 3 -> Optional.of(Tlp.CLEAR);
            default -> Optional.empty(); // 5: inherit (the object's or the event's, counted on their own)
        };
    }

    private static Optional<Tlp> tlpTag(List<String> tags) {
        List<Tlp> levels = new ArrayList<>();
        for (String tag : tags) {
            if (tag.toLowerCase(Locale.ROOT).startsWith("tlp:")) {
                Labels.tlp(tag).ifPresent(levels::add);
            }
        }
        return TlpOrder.strictest(levels);
    }

    private static List<String> tagNames(JsonNode tags) {
        List<String> names = new ArrayList<>();
        if (tags != null && tags.isArray()) {
            for (JsonNode tag : tags) {
                String name = tag.isTextual() ? tag.asText() : JsonObjects.text(tag, "name");
                if (name != null && !name.isBlank() && name.length() <= ItemRules.MAX_TAG) {
                    names.add(name.trim());
                }
            }
        }
        return names;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static Integer integer(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.intValue();
        }
        try {
            return Integer.parseInt(node.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Streams the fields of the event object ({@code {"Event": {...}}} or a bare event): arrays named
     * Attribute and Object element by element, other fields whole, fields in {@code skip} not at all.
     */
    private static void streamEvent(Path file, Set<String> skip, BiConsumer<String, JsonNode> field) throws IOException {
        try (JsonParser parser = JsonObjects.open(file)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ImportFormatException("a MISP event must be a JSON object");
            }
            if (parser.nextToken() == JsonToken.FIELD_NAME && parser.currentName().equals("Event")) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new ImportFormatException("'Event' must be an object");
                }
                parser.nextToken();
            }
            while (parser.currentToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (skip.contains(name)) {
                    parser.skipChildren();
                } else if ((name.equals("Attribute") || name.equals("Object")) && token == JsonToken.START_ARRAY) {
                    long index = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        field.accept(name, JsonObjects.readBounded(parser, "element " + index++ + " of '" + name + "'"));
                    }
                } else {
                    field.accept(name, JsonObjects.readBounded(parser, "the event field '" + name + "'"));
                }
                parser.nextToken();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JsonObjects.malformed(e);
        } catch (org.caspianhub.runtime.Utf8.MalformedException e) {
            throw JsonObjects.notUtf8(e);
        }
    }
}
