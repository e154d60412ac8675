package org.caspianhub.producers.submit;

import java.util.Locale;
import java.util.Optional;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.Tlp;
import org.caspianhub.tlp.TlpLevels;

/**
 * Reads the labels people write (TLP, type, severity) in the spellings they use: {@code TLP:AMBER+STRICT},
 * {@code amber+strict} and {@code AMBER_STRICT} are one level; TLP 1.0's WHITE is TLP 2.0's CLEAR.
 */
public final class Labels {

    private Labels() {
    }

    public static Optional<Tlp> tlp(String text) {
        return TlpLevels.parse(text);
    }

    /** The API's spelling of a TLP level: {@code amber+strict}. */
    public static String tlpName(Tlp tlp) {
        return TlpLevels.name(tlp);
    }

    /** An indicator type by its name ({@code ipv4}, {@code SHA256}); UNKNOWN is not a type one may declare. */
    public static Optional<IndicatorType> type(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        t = switch (t) {
            case "IP", "IPV4_ADDR", "IPV4ADDR" -> "IPV4";
            case "IPV6_ADDR", "IPV6ADDR" -> "IPV6";
            case "DOMAIN_NAME", "HOSTNAME" -> "DOMAIN";
            case "EMAIL_ADDR", "EMAIL_ADDRESS" -> "EMAIL";
            case "SHA_1" -> "SHA1";
            case "SHA_256" -> "SHA256";
            case "SHA_512" -> "SHA512";
            case "NETWORK", "PREFIX", "SUBNET" -> "CIDR";
            default -> t;
        };
        try {
            IndicatorType type = IndicatorType.valueOf(t);
            return type == IndicatorType.UNKNOWN ? Optional.empty() : Optional.of(type);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<Severity> severity(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Severity.valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static Optional<SightingKind> sightingKind(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (t.equals("SIGHTING") || t.equals("SEEN")) {
            t = "SIGHTED";
        }
        try {
            SightingKind kind = SightingKind.valueOf(t);
            return kind == SightingKind.UNKNOWN ? Optional.empty() : Optional.of(kind);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Type names as the API lists them in errors and the OpenAPI document. */
    public static String typeNames() {
        return "ipv4, ipv6, cidr, domain, url, email, md5, sha1, sha256, sha512, cve, asn";
    }
}
