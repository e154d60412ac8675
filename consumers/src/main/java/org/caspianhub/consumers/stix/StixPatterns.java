package org.caspianhub.consumers.stix;

import java.util.Optional;
import org.caspianhub.avro.IndicatorType;

/**
 * STIX 2.1 patterns for the hub's indicator types. Values are already canonical (the pipeline
 * normalized them); here they only get the pattern language's string escaping.
 */
public final class StixPatterns {

    private StixPatterns() {
    }

    /** The pattern for a value, or empty for a type STIX has no observable for (CVE, UNKNOWN). */
    public static Optional<String> pattern(IndicatorType type, String value) {
        if (type == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(switch (type) {
            case IPV4 -> comparison("ipv4-addr:value", value);
            case IPV6 -> comparison("ipv6-addr:value", value);
            case CIDR -> comparison(value.contains(":") ? "ipv6-addr:value" : "ipv4-addr:value", value);
            case DOMAIN -> comparison("domain-name:value", value);
            case URL -> comparison("url:value", value);
            case EMAIL -> comparison("email-addr:value", value);
            case MD5 -> comparison("file:hashes.MD5", value);
            case SHA1 -> comparison("file:hashes.'SHA-1'", value);
            case SHA256 -> comparison("file:hashes.'SHA-256'", value);
            case SHA512 -> comparison("file:hashes.'SHA-512'", value);
            case ASN -> asn(value);
            case CVE, UNKNOWN -> null;
        });
    }

    /** A string literal of the pattern language: single quotes, with backslash and quote escaped. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String comparison(String path, String value) {
        return "[" + path + " = " + literal(value) + "]";
    }

    private static String asn(String value) {
        String digits = value.regionMatches(true, 0, "AS", 0, 2) ? value.substring(2) : value;
        if (!digits.matches("[0-9]{1,10}")) {
            return null;
        }
        return "[autonomous-system:number = " + Long.parseLong(digits) + "]";
    }
}
