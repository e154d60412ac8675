package org.caspianhub.indicators.normalize;

import org.caspianhub.avro.IndicatorType;

/**
 * Guesses the type of an undeclared value from its shape alone (scheme, '@', "CVE-", "AS", hex of a
 * digest's length, '/', ':', dotted digits), cheaply and in an order where no shape can hide
 * another: a URL may hold an '@' and a ':', so URLs are recognized first. The type's normalizer
 * then decides whether the value is valid; a wrong guess only costs a precise error.
 */
final class TypeDetector {

    /** A detection: the type, or null with the reason no type fits. */
    record Detection(IndicatorType type, String unrecognizedReason) {
    }

    private static final int MIN_HASH_LIKE_LENGTH = 24;

    private TypeDetector() {
    }

    static Detection detect(String v) {
        if (UrlNormalizer.hasSchemeAndSlashes(v)) {
            return of(IndicatorType.URL);
        }
        if (v.indexOf('@') >= 0 || v.regionMatches(true, 0, "mailto:", 0, 7)) {
            return of(IndicatorType.EMAIL);
        }
        if (CveNormalizer.looksLikeCve(v)) {
            return of(IndicatorType.CVE);
        }
        if (AsnNormalizer.looksLikeAsn(v)) {
            return of(IndicatorType.ASN);
        }
        if (HashNormalizer.isAllHex(v)) {
            IndicatorType hash = HashNormalizer.typeOfLength(v.length());
            if (hash != null) {
                return of(hash);
            }
            if (v.length() >= MIN_HASH_LIKE_LENGTH) {
                return new Detection(null, Quote.of(v) + " looks like a hash but has " + v.length()
                        + " hex characters; md5 has 32, sha1 40, sha256 64, sha512 128");
            }
        }
        int slash = v.indexOf('/');
        if (slash >= 0) {
            // 203.0.113.0/24 or 2001:db8::/32; anything else with a slash is a URL missing its scheme
            return of(isAddressLike(v, 0, slash) && isDigits(v, slash + 1, v.length())
                    ? IndicatorType.CIDR : IndicatorType.URL);
        }
        int colon = v.indexOf(':');
        if (colon >= 0) {
            // 2001:db8::1 has two colons or more; evil.example:8080 or javascript:... has one,
            // and the URL normalizer explains what is missing
            return of(v.indexOf(':', colon + 1) > 0 ? IndicatorType.IPV6 : IndicatorType.URL);
        }
        if (isDigits(v, 0, v.length())) {
            return new Detection(null, Quote.of(v) + " is a bare number, which is ambiguous;"
                    + " write AS" + v + " or declare type asn for an AS number");
        }
        if (isDigitsAndDots(v)) {
            return of(IndicatorType.IPV4);
        }
        return of(IndicatorType.DOMAIN);
    }

    private static Detection of(IndicatorType type) {
        return new Detection(type, null);
    }

    /** Hex digits, ':', '.', brackets and a zone '%': the alphabet of address text. */
    private static boolean isAddressLike(String v, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c == '%') {
                break; // a zone (fe80::1%eth0) may hold any letters; the IPv6 normalizer refuses it clearly
            }
            if (!(HashNormalizer.isHex(c) || c == ':' || c == '.' || c == '[' || c == ']')) {
                return false;
            }
        }
        // a hex-only word before the slash (e.g. "cafe/menu") is a path, not an address
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c == ':' || c == '.') {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigits(String v, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigitsAndDots(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
