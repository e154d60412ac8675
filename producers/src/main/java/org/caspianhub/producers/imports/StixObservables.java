package org.caspianhub.producers.imports;

import java.util.Locale;
import java.util.Optional;
import org.caspianhub.avro.IndicatorType;

/**
 * Which STIX object paths name an indicator value the hub keeps, and as which type. A null type
 * asks the pipeline to detect it (an address may be v4, v6 or a prefix).
 */
public final class StixObservables {

    /** A usable comparison's value type, or why the comparison is not usable. */
    public record Mapping(IndicatorType type, boolean detect, String refusal) {
        static Mapping of(IndicatorType type) {
            return new Mapping(type, false, null);
        }

        static Mapping detected() {
            return new Mapping(null, true, null);
        }

        static Mapping refused(String why) {
            return new Mapping(null, false, why);
        }

        public boolean usable() {
            return refusal == null;
        }
    }

    private StixObservables() {
    }

    public static Mapping map(StixPattern.Comparison c) {
        if (c.negated()) {
            return Mapping.refused("'" + c.text() + "' is negated: only equality comparisons name a value");
        }
        if (!c.operator().equals("=")) {
            return Mapping.refused("'" + c.text() + "' uses " + c.operator()
                    + ": only equality comparisons (=) name a value the hub can share");
        }
        if (!c.stringLiteral()) {
            return Mapping.refused("'" + c.text() + "' compares with a non-string value");
        }
        String path = c.objectPath();
        String lower = path.toLowerCase(Locale.ROOT);
        Optional<IndicatorType> hash = hashType(lower);
        if (hash.isPresent()) {
            return Mapping.of(hash.get());
        }
        return switch (lower) {
            case "ipv4-addr:value" -> c.literal().contains("/") ? Mapping.of(IndicatorType.CIDR) : Mapping.of(IndicatorType.IPV4);
            case "ipv6-addr:value" -> c.literal().contains("/") ? Mapping.of(IndicatorType.CIDR) : Mapping.of(IndicatorType.IPV6);
            case "domain-name:value" -> Mapping.of(IndicatorType.DOMAIN);
            case "url:value" -> Mapping.of(IndicatorType.URL);
            case "email-addr:value", "email-message:from_ref.value", "email-message:sender_ref.value" ->
                    Mapping.of(IndicatorType.EMAIL);
            case "network-traffic:dst_ref.value", "network-traffic:src_ref.value" -> Mapping.detected();
            case "vulnerability:name" -> Mapping.of(IndicatorType.CVE);
            default -> Mapping.refused("'" + path + "' is not an observable the hub keeps (ipv4-addr, ipv6-addr, "
                    + "domain-name, url, email-addr, file hashes)");
        };
    }

    private static Optional<IndicatorType> hashType(String path) {
        String prefix = "file:hashes.";
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String algorithm = path.substring(prefix.length()).replace("'", "").replace("-", "").toUpperCase(Locale.ROOT);
        return switch (algorithm) {
            case "MD5" -> Optional.of(IndicatorType.MD5);
            case "SHA1" -> Optional.of(IndicatorType.SHA1);
            case "SHA256" -> Optional.of(IndicatorType.SHA256);
            case "SHA512" -> Optional.of(IndicatorType.SHA512);
            default -> Optional.empty();
        };
    }
}
