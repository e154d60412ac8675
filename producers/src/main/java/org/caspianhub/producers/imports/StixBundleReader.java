package org.caspianhub.producers.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.producers.submit.IndicatorItem;
import org.caspianhub.producers.submit.ItemRules;
import org.caspianhub.producers.submit.JsonFields;

/**
 * STIX 2.1 bundles (or a single STIX object). Each equality comparison of an indicator's pattern
 * becomes a submission; values of one pattern share the indicator's id as {@code groupRef}.
 * TLP comes from the indicator's {@code object_marking_refs} (RED when one of them names a marking
 * definition that neither the standard nor the source defines, see {@link StixMarkings}); {@code valid_until},
 * {@code confidence} and {@code labels} are kept; an {@code indicates} relationship to a campaign,
 * intrusion set or threat actor becomes a reference ({@code campaign:Operation Omega}), to a
 * malware a tag ({@code malware:Poison Ivy}). A pattern or comparison it cannot use is refused by
 * object id with the reason.
 *
 * <p>The file is read twice, streaming: first the context (marking definitions, relationships,
 * names of the objects indicators point to), then the indicators. Memory holds the context, never
 * the indicators.
 */
public final class StixBundleReader implements ImportReader {

    private static final Set<String> REFERENCE_TYPES = Set.of("campaign", "intrusion-set", "threat-actor");

    private final Clock clock;
    private final StixMarkings markings;

    /** A reader for one file on its own: it knows the standard TLP markings and those the file defines. */
    public StixBundleReader(Clock clock) {
        this(clock, new StixMarkings());
    }

    /**
     * A reader that also knows (and adds to) the marking definitions of earlier files of the same
     * source: the pages of a TAXII collection send a definition once, then refer to it.
     */
    public StixBundleReader(Clock clock, StixMarkings markings) {
        this.clock = clock;
        this.markings = markings;
    }

    @Override
    public void read(Path file, ImportDefaults defaults, Consumer<ImportEntry> sink) throws IOException {
        Map<String, String> labelsById = new HashMap<>();
        Map<String, List<String>> indicates = new HashMap<>();
        forEachObject(file, object -> {
            String type = JsonObjects.text(object, "type");
            String id = JsonObjects.text(object, "id");
            if ("marking-definition".equals(type)) {
                markings.learn(object);
            } else if (type != null && (REFERENCE_TYPES.contains(type) || "malware".equals(type))) {
                String name = JsonObjects.text(object, "name");
                if (id != null && name != null) {
                    labelsById.put(id, ("intrusion-set".equals(type) ? "intrusion-set" : type) + ":" + name);
                }
            } else if ("relationship".equals(type) && "indicates".equals(JsonObjects.text(object, "relationship_type"))) {
                String source = JsonObjects.text(object, "source_ref");
                String target = JsonObjects.text(object, "target_ref");
                if (source != null && target != null) {
                    indicates.computeIfAbsent(source, k -> new ArrayList<>()).add(target);
                }
            }
        });
        forEachObject(file, object -> {
            String type = JsonObjects.text(object, "type");
            String id = JsonObjects.text(object, "id");
            String location = id == null ? "object without id" : id;
            if (type == null) {
                sink.accept(ImportEntry.Refused.because(location, "type", "required", "a STIX object must have a type"));
            } else if (!type.equals("indicator")) {
                sink.accept(new ImportEntry.Skipped(location, "a " + type + " is not an indicator"));
            } else {
                indicator(object, location, defaults, markings, labelsById, indicates.getOrDefault(id, List.of()), sink);
            }
        });
    }

    private void indicator(JsonNode o, String id, ImportDefaults defaults, StixMarkings markings,
                           Map<String, String> labelsById, List<String> targets, Consumer<ImportEntry> sink) {
        String patternType = JsonObjects.text(o, "pattern_type");
        if (patternType != null && !patternType.equalsIgnoreCase("stix")) {
            sink.accept(ImportEntry.Refused.because(id, "pattern_type", "unsupported_pattern_type",
                    "pattern_type '" + patternType + "' is not a STIX pattern; only stix patterns name values"));
            return;
        }
        if (o.path("revoked").asBoolean(false)) {
            sink.accept(new ImportEntry.Skipped(id, "the indicator is revoked"));
            return;
        }
        Instant validUntil = null;
        String until = JsonObjects.text(o, "valid_until");
        if (until != null) {
            validUntil = JsonFields.parseInstant(until).orElse(null);
            if (validUntil == null) {
                sink.accept(ImportEntry.Refused.because(id, "valid_until", "invalid_timestamp",
                        "valid_until '" + until + "' is not a STIX timestamp"));
                return;
            }
            if (!validUntil.isAfter(clock.instant())) {
                sink.accept(new ImportEntry.Skipped(id, "the indicator expired at " + validUntil));
                return;
            }
        }
        StixPattern.Parsed parsed = StixPattern.parse(JsonObjects.text(o, "pattern"));
        if (!parsed.ok()) {
            sink.accept(ImportEntry.Refused.because(id, "pattern", "invalid_pattern",
                    "the pattern cannot be read: " + parsed.error()));
            return;
        }
        Tlp tlp = markings.tlp(o.get("object_marking_refs"), defaults.tlp());
        Integer confidence = o.path("confidence").canConvertToInt() && o.path("confidence").isIntegralNumber()
                ? Integer.valueOf(Math.max(0, Math.min(100, o.path("confidence").intValue()))) : defaults.confidence();
        Set<String> tags = new LinkedHashSet<>(defaults.tags());
        o.path("labels").forEach(l -> tags.add(l.asText()));
        Set<String> references = new LinkedHashSet<>(defaults.references());
        for (String target : targets) {
            String label = labelsById.get(target);
            if (label == null) {
                continue;
            }
            (label.startsWith("malware:") ? tags : references).add(label);
        }
        String description = describe(JsonObjects.text(o, "name"), JsonObjects.text(o, "description"));

        List<StixPattern.Comparison> usable = new ArrayList<>();
        List<FieldError> refused = new ArrayList<>();
        List<StixObservables.Mapping> mappings = new ArrayList<>();
        for (StixPattern.Comparison c : parsed.comparisons()) {
            StixObservables.Mapping m = StixObservables.map(c);
            if (m.usable()) {
                usable.add(c);
                mappings.add(m);
            } else {
                refused.add(new FieldError("pattern", "unsupported_comparison", m.refusal()));
            }
        }
        String groupRef = usable.size() > 1 ? id : null;
        for (int i = 0; i < usable.size(); i++) {
            sink.accept(new ImportEntry.Candidate(id, new IndicatorItem(usable.get(i).literal(), mappings.get(i).type(),
                    tlp, confidence, Severity.UNKNOWN, limit(tags, ItemRules.MAX_TAGS), description, validUntil,
                    limit(references, ItemRules.MAX_REFERENCES), groupRef, id)));
        }
        if (!refused.isEmpty()) {
            sink.accept(new ImportEntry.Refused(id, refused));
        }
    }

    private static String describe(String name, String description) {
        String text = name == null ? description : description == null || description.isBlank() ? name : name + ": " + description;
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.length() > ItemRules.MAX_DESCRIPTION ? text.substring(0, ItemRules.MAX_DESCRIPTION) : text;
    }

    private static List<String> limit(Set<String> values, int max) {
        return values.stream().limit(max).toList();
    }

    private static JsonNode singleObject(Path file) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser parser = JsonObjects.open(file)) {
            parser.nextToken();
            return JsonObjects.readBounded(parser, "the file's STIX object");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JsonObjects.malformed(e);
        } catch (org.caspianhub.runtime.Utf8.MalformedException e) {
            throw JsonObjects.notUtf8(e);
        }
    }

    /** Every object of a bundle, or the one object a file holds that is not a bundle. */
    private static void forEachObject(Path file, Consumer<JsonNode> each) throws IOException {
        Map<String, JsonNode> root = new HashMap<>();
        boolean[] sawObjects = {false};
        JsonObjects.streamArray(file, "objects", o -> {
            sawObjects[0] = true;
            each.accept(o);
        }, (name, value) -> {
            if (Set.of("type", "id", "spec_version").contains(name) || !sawObjects[0]) {
                root.put(name, value);
            }
        }, Set.of());
        if (!sawObjects[0]) {
            String type = root.containsKey("type") ? root.get("type").asText() : null;
            if (type == null || "bundle".equals(type)) {
                if ("bundle".equals(type)) {
                    return; // an empty bundle
                }
                throw new ImportFormatException("not a STIX 2.1 bundle or object: it has neither 'objects' nor 'type'");
            }
            // a single STIX object: read it whole, within the limits of one object
            each.accept(singleObject(file));
        }
    }
}
