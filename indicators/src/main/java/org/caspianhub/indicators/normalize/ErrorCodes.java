package org.caspianhub.indicators.normalize;

import java.util.Locale;
import org.caspianhub.avro.IndicatorType;

/**
 * The stable, machine-readable codes of the {@link FieldError}s the normalizer produces. Clients
 * may branch on these; the messages are for people and may be reworded.
 */
public final class ErrorCodes {

    /** The value is missing or blank. */
    public static final String REQUIRED = "required";
    /** The value is longer than the limit for its type (the message names the limit). */
    public static final String TOO_LONG = "too_long";
    /** A control or invisible format character (NUL, ESC, zero-width space, ...) is in the value. */
    public static final String CONTROL_CHARACTER = "control_character";
    /** No type was declared and the value has the shape of none of the supported types. */
    public static final String UNRECOGNIZED = "unrecognized";
    /** The value is valid, but as another type than the declared one (field {@code type}). */
    public static final String TYPE_MISMATCH = "type_mismatch";
    /** The declared type is one this hub version does not know (field {@code type}). */
    public static final String UNSUPPORTED_TYPE = "unsupported_type";

    public static final String INVALID_IPV4 = "invalid_ipv4";
    /** An IPv4 address with leading zeros, read as octal by some systems and decimal by others. */
    public static final String AMBIGUOUS_IPV4 = "ambiguous_ipv4";
    public static final String INVALID_IPV6 = "invalid_ipv6";
    public static final String INVALID_CIDR = "invalid_cidr";
    /** A CIDR without a prefix length. */
    public static final String CIDR_MISSING_PREFIX = "cidr_missing_prefix";
    /** A CIDR whose address has bits set after the prefix ({@code 10.1.2.3/8}). */
    public static final String CIDR_HOST_BITS_SET = "cidr_host_bits_set";
    /** A CIDR wider than the hub accepts (shorter than /8 for IPv4, /16 for IPv6). */
    public static final String CIDR_TOO_BROAD = "cidr_too_broad";

    public static final String INVALID_DOMAIN = "invalid_domain";
    /** A domain whose last labels are not on the Public Suffix List ({@code evil.lan}, {@code localhost}). */
    public static final String NO_PUBLIC_SUFFIX = "no_public_suffix";
    /** The value is itself a registry suffix ({@code com}, {@code co.uk}), not a domain. */
    public static final String PUBLIC_SUFFIX_ONLY = "public_suffix_only";

    public static final String INVALID_URL = "invalid_url";
    public static final String URL_MISSING_SCHEME = "url_missing_scheme";
    public static final String UNSUPPORTED_SCHEME = "unsupported_scheme";

    public static final String INVALID_EMAIL = "invalid_email";
    public static final String INVALID_CVE = "invalid_cve";
    public static final String INVALID_ASN = "invalid_asn";

    private ErrorCodes() {
    }

    /** {@code invalid_<type>}, e.g. {@code invalid_sha256}. */
    public static String invalid(IndicatorType type) {
        return "invalid_" + type.name().toLowerCase(Locale.ROOT);
    }
}
