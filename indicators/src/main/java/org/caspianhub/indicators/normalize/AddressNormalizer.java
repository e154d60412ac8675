package org.caspianhub.indicators.normalize;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.util.List;
import org.caspianhub.avro.IndicatorType;

/**
 * IPv4 and IPv6 addresses and CIDR prefixes, parsed by the IPAddress library with strict options:
 * no ranges, wildcards, masks, zones or inet_aton shorthands. Canonical text is dotted decimal for
 * IPv4 and RFC 5952 for IPv6 (lower case, longest zero run compressed, IPv4-mapped addresses in
 * mixed notation {@code ::ffff:192.0.2.1}).
 *
 * <p>IPv4 with leading zeros ({@code 010.1.2.3}) is refused as ambiguous: inet_aton and browsers
 * read {@code 010} as octal 8, most other software as decimal 10. Guessing would share an indicator
 * for the wrong host; Python refused such input for the same reason (CVE-2021-29921).
 */
final class AddressNormalizer {

    /** Addresses and prefixes as written in reports: the standard forms only. */
    static final IPAddressStringParameters STRICT;
    /**
     * URL hosts as browsers read them (WHATWG URL IPv4 parser = inet_aton): {@code 0x7f.1},
     * {@code 0300.0250.1.1}, {@code 3232235777}. The browser decides where a victim goes, so the
     * hub canonicalizes such a host to the address the browser would contact.
     */
    static final IPAddressStringParameters BROWSER_IPV4;

    static {
        IPAddressStringParameters.Builder strict = new IPAddressStringParameters.Builder()
                .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false)
                .allowPrefixOnly(false).allowPrefix(true).allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE).allow_inet_aton(false);
        strict.getIPv4AddressParametersBuilder().allowLeadingZeros(false).allowUnlimitedLeadingZeros(false)
                .allowBinary(false)
                // the prefix length text is checked here (parsePrefixLength); the library's check also refuses "/0"
                .allowPrefixLengthLeadingZeros(true);
        strict.getIPv6AddressParametersBuilder().allowZone(false).allowBinary(false)
                .allowPrefixLengthLeadingZeros(true);
        STRICT = strict.toParams();

        IPAddressStringParameters.Builder browser = new IPAddressStringParameters.Builder()
                .allowEmpty(false).allowAll(false).allowSingleSegment(true).allowMask(false)
                .allowPrefixOnly(false).allowPrefix(false).allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE).allowIPv6(false).allow_inet_aton(true);
        browser.getIPv4AddressParametersBuilder().allow_inet_aton_joined_segments(true).allowBinary(false);
        BROWSER_IPV4 = browser.toParams();
    }

    private AddressNormalizer() {
    }

    static Normalized ipv4(String value) {
        if (value.indexOf('/') >= 0) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_IPV4,
                    Quote.of(value) + " has a prefix length; an ipv4 indicator is one address (a prefix is type cidr)");
        }
        if (value.indexOf(':') >= 0) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_IPV4, Quote.of(value) + " is not an ipv4 address");
        }
        FieldError problem = ipv4Problem(value, value);
        if (problem != null) {
            return new Normalized.Invalid(List.of(problem));
        }
        IPAddress address = new IPAddressString(value, STRICT).getAddress();
        if (address == null || !address.isIPv4()) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_IPV4, Quote.of(value) + " is not a valid ipv4 address");
        }
        return Normalized.Valid.of(IndicatorType.IPV4, address.toCanonicalString());
    }

    static Normalized ipv6(String value) {
        int close = value.indexOf(']');
        if (value.startsWith("[") && close > 0 && close < value.length() - 1) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_IPV6, Quote.of(value) + " has "
                    + Quote.of(value.substring(close + 1)) + " after the address (a port?); submit the address alone");
        }
        String v = unbracket(value);
        int zone = v.indexOf('%');
        if (zone >= 0) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_IPV6, "the zone " + Quote.of(v.substring(zone))
                    + " only means something on one host; submit the address without it");
        }
        if (v.indexOf('/') >= 0) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_IPV6,
                    Quote.of(value) + " has a prefix length; an ipv6 indicator is one address (a prefix is type cidr)");
        }
        if (v.indexOf(':') < 0) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_IPV6,
                    Quote.of(value) + " is not an ipv6 address (an ipv6 address has groups separated by ':')");
        }
        IPAddressString text = new IPAddressString(v, STRICT);
        IPAddress address = text.getAddress();
        if (address == null || !address.isIPv6()) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_IPV6,
                    Quote.of(value) + " is not a valid ipv6 address: " + reason(text));
        }
        return Normalized.Valid.of(IndicatorType.IPV6, canonicalIpv6(address));
    }

    static Normalized cidr(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            String example = value.indexOf(':') >= 0 ? value + "/128" : value + "/32";
            return Normalized.Invalid.ofValue(ErrorCodes.CIDR_MISSING_PREFIX,
                    "a cidr needs a prefix length, e.g. " + Quote.of(example));
        }
        String addressPart = unbracket(value.substring(0, slash));
        String lengthPart = value.substring(slash + 1);
        boolean v6 = addressPart.indexOf(':') >= 0;
        int maxBits = v6 ? 128 : 32;
        int prefixLength = parsePrefixLength(lengthPart);
        if (prefixLength < 0) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_CIDR, "the prefix length " + Quote.of(lengthPart)
                    + " is not a number from 0 to " + maxBits);
        }
        if (prefixLength > maxBits) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_CIDR, "the prefix length /" + prefixLength
                    + " is out of range for " + (v6 ? "ipv6 (0-128)" : "ipv4 (0-32)"));
        }
        if (!v6) {
            FieldError problem = ipv4Problem(addressPart, value);
            if (problem != null) {
                return new Normalized.Invalid(List.of(
                        new FieldError(FieldError.VALUE, problem.code().equals(ErrorCodes.AMBIGUOUS_IPV4)
                                ? ErrorCodes.AMBIGUOUS_IPV4 : ErrorCodes.INVALID_CIDR, problem.message())));
            }
        } else if (addressPart.indexOf('%') >= 0) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_CIDR, "a prefix has no zone; remove "
                    + Quote.of(addressPart.substring(addressPart.indexOf('%'))));
        }
        IPAddressString text = new IPAddressString(addressPart + "/" + prefixLength, STRICT);
        IPAddress prefix = text.getAddress();
        if (prefix == null) {
            return Normalized.Invalid.ofValue(ErrorCodes.INVALID_CIDR,
                    Quote.of(value) + " is not a valid cidr: " + reason(text));
        }
        if (!prefix.isPrefixBlock()) {
            IPAddress network = prefix.toPrefixBlock();
            return Normalized.Invalid.ofValue(ErrorCodes.CIDR_HOST_BITS_SET, Quote.of(value)
                    + " has host bits set after the first " + prefixLength + " bits; the network is "
                    + canonicalPrefix(network) + " (a single address is type " + (v6 ? "ipv6" : "ipv4") + ")");
        }
        int minimum = v6 ? Limits.MIN_IPV6_PREFIX_LENGTH : Limits.MIN_IPV4_PREFIX_LENGTH;
        if (prefixLength < minimum) {
            return Normalized.Invalid.ofValue(ErrorCodes.CIDR_TOO_BROAD, Quote.of(value) + " is wider than /" + minimum
                    + ", the widest " + (v6 ? "ipv6" : "ipv4") + " prefix the hub shares");
        }
        return Normalized.Valid.of(IndicatorType.CIDR, canonicalPrefix(prefix));
    }

    /** A URL host as a browser reads it (hex, octal, fewer parts), or null when it is no IPv4 address. */
    static String browserIpv4(String host) {
        IPAddress address = new IPAddressString(host, BROWSER_IPV4).getAddress();
        return address != null && address.isIPv4() ? address.toCanonicalString() : null;
    }

    /** RFC 5952 text; IPv4-mapped addresses keep their IPv4 part dotted, as RFC 5952 section 5 recommends. */
    static String canonicalIpv6(IPAddress address) {
        if (address.isIPv6() && address.toIPv6().isIPv4Mapped() && !address.isPrefixed()) {
            return "::ffff:" + address.toIPv6().getEmbeddedIPv4Address().toCanonicalString();
        }
        return address.toCanonicalString();
    }

    /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}. */
    static String canonicalPrefix(IPAddress prefix) {
        return prefix.toCanonicalString();
    }

    /**
     * Precise messages for the common IPv4 mistakes, checked before the library parses; null when
     * the text is four decimal octets without leading zeros.
     */
    static FieldError ipv4Problem(String address, String whole) {
        int parts = 1;
        for (int i = 0; i < address.length(); i++) {
            if (address.charAt(i) == '.') {
                parts++;
            }
        }
        if (parts != 4) {
            return new FieldError(FieldError.VALUE, ErrorCodes.INVALID_IPV4, Quote.of(whole)
                    + " is not an ipv4 address: it has " + parts + " dot-separated part" + (parts == 1 ? "" : "s")
                    + ", an ipv4 address has 4");
        }
        int start = 0;
        for (int part = 0; part < 4; part++) {
            int end = address.indexOf('.', start);
            if (end < 0) {
                end = address.length();
            }
            String octet = address.substring(start, end);
            if (octet.isEmpty()) {
                return new FieldError(FieldError.VALUE, ErrorCodes.INVALID_IPV4,
                        Quote.of(whole) + " has an empty part (two dots in a row, or a dot at an end)");
            }
            for (int i = 0; i < octet.length(); i++) {
                char c = octet.charAt(i);
                if (c < '0' || c > '9') {
                    return new FieldError(FieldError.VALUE, ErrorCodes.INVALID_IPV4, Quote.of(whole)
                            + " is not an ipv4 address: " + Quote.of(octet) + " is not a decimal number");
                }
            }
            if (octet.length() > 1 && octet.charAt(0) == '0') {
                return new FieldError(FieldError.VALUE, ErrorCodes.AMBIGUOUS_IPV4, Quote.of(whole)
                        + " has a leading zero in " + Quote.of(octet) + ": some systems read it as octal"
                        + octalHint(octet) + ", others as decimal; write each number without leading zeros");
            }
            if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
                return new FieldError(FieldError.VALUE, ErrorCodes.INVALID_IPV4, Quote.of(whole)
                        + " is not an ipv4 address: " + octet + " is out of range (each part is 0-255)");
            }
            start = end + 1;
        }
        return null;
    }

    private static String octalHint(String octet) {
        for (int i = 0; i < octet.length(); i++) {
            if (octet.charAt(i) > '7') {
                return "";
            }
        }
        return octet.length() <= 4 ? " (" + Integer.parseInt(octet, 8) + ")" : "";
    }

    private static int parsePrefixLength(String text) {
        if (text.isEmpty() || text.length() > 3 || (text.length() > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static String unbracket(String value) {
        if (value.length() > 2 && value.charAt(0) == '[' && value.charAt(value.length() - 1) == ']') {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** The library's reason, without its echo of the input. */
    private static String reason(IPAddressString text) {
        try {
            text.validate();
            return "not an address of the expected kind";
        } catch (AddressStringException e) {
            String message = e.getMessage();
            int at = message.indexOf("IP Address error: ");
            return at >= 0 ? message.substring(at + "IP Address error: ".length()) : message;
        }
    }
}
