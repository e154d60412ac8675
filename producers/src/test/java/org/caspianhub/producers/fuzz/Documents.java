package org.caspianhub.producers.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Documents of each import format, built from the hub's words, for {@link Hostile#mutated} to damage. */
public final class Documents {

    private Documents() {
    }

    private static Arbitrary<String> word() {
        return Arbitraries.oneOf(Arbitraries.of(Hostile.WORDS), Arbitraries.strings().ofMaxLength(30));
    }

    private static Arbitrary<String> value() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, word().map(Hostile::quote)), net.jqwik.api.Tuple.of(1, Hostile.json(2)));
    }

    private static Arbitrary<String> fields(List<String> names) {
        return Combinators.combine(Arbitraries.of(names), value()).as((k, v) -> Hostile.quote(k) + ":" + v)
                .list().ofMaxSize(6).map(f -> String.join(",", f));
    }

    /** A STIX 2.1 bundle of indicators, marking definitions and relationships. */
    public static Arbitrary<String> stix() {
        Arbitrary<String> object = Combinators.combine(Arbitraries.of("indicator", "marking-definition", "relationship",
                        "malware", "campaign", "bundle", ""), Arbitraries.integers().between(0, 9),
                fields(List.of("pattern", "pattern_type", "labels", "object_marking_refs", "valid_until", "confidence",
                        "revoked", "definition_type", "definition", "name", "relationship_type", "source_ref", "target_ref",
                        "description", "id")))
                .as((type, n, rest) -> "{\"type\":" + Hostile.quote(type) + ",\"spec_version\":\"2.1\",\"id\":\"" + type + "--0000000"
                        + n + "-0000-4000-8000-000000000000\"" + (rest.isEmpty() ? "" : "," + rest) + "}");
        return object.list().ofMaxSize(6).map(objects -> "{\"type\":\"bundle\",\"id\":\"bundle--1\",\"objects\":["
                + String.join(",", objects) + "]}");
    }

    /** A MISP event with attributes, objects and tags. */
    public static Arbitrary<String> misp() {
        Arbitrary<String> attribute = fields(List.of("type", "value", "to_ids", "Tag", "distribution", "uuid", "comment",
                "deleted")).map(f -> "{" + f + "}");
        Arbitrary<String> attributes = attribute.list().ofMaxSize(5).map(a -> "[" + String.join(",", a) + "]");
        Arbitrary<String> object = Combinators.combine(attributes, fields(List.of("uuid", "distribution", "name")))
                .as((a, f) -> "{\"Attribute\":" + a + (f.isEmpty() ? "" : "," + f) + "}");
        return Combinators.combine(attributes, object.list().ofMaxSize(3), fields(List.of("uuid", "info", "Tag", "distribution",
                        "threat_level_id", "timestamp")), Arbitraries.of(true, false))
                .as((a, objects, f, wrapped) -> {
                    String event = "{" + (f.isEmpty() ? "" : f + ",") + "\"Attribute\":" + a + ",\"Object\":["
                            + String.join(",", objects) + "]}";
                    return wrapped ? "{\"Event\":" + event + "}" : event;
                });
    }

    /** A CSV file with a header the reader knows, and rows of the hub's words. */
    public static Arbitrary<String> csv() {
        Arbitrary<String> cell = word().map(w -> w.contains(",") || w.contains("\"") || w.contains("\n")
                ? "\"" + w.replace("\"", "\"\"") + "\"" : w);
        Arbitrary<String> header = Arbitraries.of("value", "indicator", "observable", "type", "tlp", "confidence", "tags",
                "description", "valid_until", "severity", "reference", "x").list().ofMinSize(1).ofMaxSize(6)
                .map(h -> String.join(",", h));
        Arbitrary<String> rows = cell.list().ofMaxSize(7).map(r -> String.join(",", r)).list().ofMaxSize(6)
                .map(r -> String.join("\n", r));
        return Combinators.combine(header, rows).as((h, r) -> h + "\n" + r + "\n");
    }

    /** A plain-text blocklist: values, comments, blank lines. */
    public static Arbitrary<String> text() {
        return Arbitraries.oneOf(word(), Arbitraries.of("# comment", "", "   ", "; other comment"))
                .list().ofMaxSize(10).map(lines -> String.join("\n", lines));
    }
}
