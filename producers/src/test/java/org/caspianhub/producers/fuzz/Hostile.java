package org.caspianhub.producers.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of what a hostile party, feed or feed server sends: JSON built from the words the
 * hub's parsers look for (so generated documents get past the first checks and reach the deep
 * ones), valid documents with bytes inserted, deleted or repeated, nesting bombs, overlong and
 * broken UTF-8, and plain random bytes.
 */
public final class Hostile {

    private Hostile() {
    }

    /** Field names the gateway, the STIX, MISP and CSV readers and the TAXII envelope look for. */
    static final List<String> NAMES = List.of("value", "type", "tlp", "confidence", "severity", "tags", "description",
            "validUntil", "references", "incident", "campaign", "groupRef", "externalId", "party", "items", "kind", "count",
            "observedAt", "source", "note", "submissionId", "reason", "objects", "id", "spec_version", "pattern",
            "pattern_type", "valid_until", "labels", "object_marking_refs", "definition_type", "definition", "revoked",
            "relationship_type", "source_ref", "target_ref", "name", "Event", "Attribute", "Object", "Tag", "uuid", "info",
            "distribution", "threat_level_id", "to_ids", "deleted", "comment", "timestamp", "more", "next", "x");

    /** Strings the parsers treat specially, and the kinds of text that break parsers. */
    static final List<String> WORDS = List.of("", " ", "bundle", "indicator", "marking-definition", "relationship",
            "indicates", "malware", "campaign", "identity", "stix", "snort", "domain", "hostname", "ip-src", "ip-dst",
            "domain|ip", "url", "md5", "sha256", "filename|sha256", "vulnerability", "as", "ip-src|port", "tlp:red",
            "tlp:clear", "TLP:AMBER+STRICT", "white", "amber", "green", "red", "ipv4", "ipv6", "cidr", "email", "cve", "asn",
            "sighted", "false_positive", "203.0.113.7", "2001:db8::1", "198.51.100.0/24", "evil.example", "hxxp://evil[.]example/x",
            "user@evil.example", "CVE-2024-3094", "AS64500", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "[domain-name:value = 'evil.example']", "[ipv4-addr:value = '203.0.113.9' OR url:value = 'http://x.example/']",
            "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
            "[domain-name:value = ", "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "2026-01-01T00:00:00Z",
            "1999-13-45T99:99:99Z", "9999-12-31T23:59:59.999999999Z", "\u0000", "\u202e", "\ud83d\ude00", "xn--80ak6aa92e.com",
            "\u0430\u0440\u0440\u04cf\u0435.com", "%00", "..", "../../etc/passwd", "${jndi:ldap://x}", "<script>", "a".repeat(5000),
            "-1", "1e400", "NaN", "0x1F", "5e6b7c1a-2222-4f00-9000-000000000002");

    /** A JSON value of the hub's words, at most {@code depth} containers deep. */
    public static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of(WORDS).map(Hostile::quote),
                Arbitraries.strings().ofMaxLength(40).map(Hostile::quote),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "1e400", "-0", "123456789012345678901234567890"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> json(depth - 1));
        Arbitrary<String> array = inner.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(Arbitraries.of(NAMES), inner).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(4).map(fields -> "{" + String.join(",", fields) + "}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(3, object), net.jqwik.api.Tuple.of(2, array));
    }

    /** A JSON object (most parsers want one at the root). */
    public static Arbitrary<String> jsonObject() {
        return Combinators.combine(Arbitraries.of(NAMES), json(3)).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(6).map(fields -> "{" + String.join(",", fields) + "}");
    }

    /** Text bytes damaged the ways hostile input is: bytes inserted, removed, repeated; UTF-8 broken; nesting bombs. */
    public static Arbitrary<byte[]> mutated(Arbitrary<String> documents) {
        Arbitrary<byte[]> base = documents.map(d -> d.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(
                base,
                Combinators.combine(base, Arbitraries.integers().between(0, 10_000), Arbitraries.of(INSERTS))
                        .as((bytes, at, insert) -> splice(bytes, at % (bytes.length + 1), 0, insert)),
                Combinators.combine(base, Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(1, 50))
                        .as((bytes, at, length) -> splice(bytes, at % (bytes.length + 1), length, new byte[0])),
                Combinators.combine(base, Arbitraries.integers().between(0, 10_000), Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
                        .as((bytes, at, insert) -> splice(bytes, at % (bytes.length + 1), 0, insert)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
    }

    /** What is inserted into documents: the byte sequences that broke or could break the parsers. */
    static final List<byte[]> INSERTS = List.of(
            new byte[] {(byte) 0xc0, (byte) 0xae},                         // overlong '.'
            new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xae},           // overlong '.' in three bytes
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},           // a surrogate
            new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {0},
            new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf},           // a byte-order mark
            "\r\n".getBytes(StandardCharsets.US_ASCII), "\",\"".getBytes(StandardCharsets.US_ASCII),
            "[".repeat(1_200).getBytes(StandardCharsets.US_ASCII),        // a nesting bomb
            "{\"a\":".repeat(1_200).getBytes(StandardCharsets.US_ASCII),
            "}".getBytes(StandardCharsets.US_ASCII), "]".getBytes(StandardCharsets.US_ASCII),
            ("\"" + "9".repeat(2_000) + "\"").getBytes(StandardCharsets.US_ASCII),
            "9".repeat(2_000).getBytes(StandardCharsets.US_ASCII));

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(insert);
        int rest = Math.min(bytes.length, at + remove);
        out.write(bytes, rest, bytes.length - rest);
        return out.toByteArray();
    }
}
