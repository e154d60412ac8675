package org.caspianhub.indicators.normalize;

import org.caspianhub.avro.IndicatorType;

/**
 * Autonomous system numbers, canonical {@code AS64500}. Accepted: {@code AS64500}, {@code as64500},
 * {@code ASN64500}, {@code AS 64500}, {@code ASN 64500}, the RFC 5396 asdot form {@code AS1.10}
 * (= AS65546), and a bare {@code 64500} only when the type is declared (undeclared, a bare number
 * is ambiguous). The range is the 32-bit one, 1 to 4294967295; AS0 is reserved (RFC 7607) and
 * never originates routes.
 */
final class AsnNormalizer {

    private static final long MAX_ASN = 0xFFFF_FFFFL;
    private static final String FORM = "an asn looks like AS64500 (or ASN 64500, or AS1.10 in asdot)";

    private AsnNormalizer() {
    }

    static Normalized asn(String value) {
        String number = stripPrefix(value);
        if (number.isEmpty()) {
            return invalid(Quote.of(value) + " has no number; " + FORM);
        }
        long asn;
        int dot = number.indexOf('.');
        if (dot >= 0) {
            long high = parse(number.substring(0, dot));
            long low = parse(number.substring(dot + 1));
            if (high < 0 || low < 0) {
                return invalid(Quote.of(value) + " is not a number; " + FORM);
            }
            if (high > 0xFFFF || low > 0xFFFF) {
                return invalid(Quote.of(value) + " is not valid asdot: each half is 0-65535");
            }
            asn = high * 65536 + low;
        } else {
            asn = parse(number);
            if (asn < 0) {
                return invalid(Quote.of(value) + " is not a number; " + FORM);
            }
        }
        if (asn > MAX_ASN) {
            return invalid("AS" + number + " is out of range; an asn is 1 to 4294967295 (32 bits)");
        }
        if (asn == 0) {
            return invalid("AS0 is reserved (RFC 7607) and never originates routes");
        }
        return Normalized.Valid.of(IndicatorType.ASN, "AS" + asn);
    }

    /** Whether an undeclared value is written as an AS number: AS/ASN, an optional space, a digit. */
    static boolean looksLikeAsn(String value) {
        String number = stripPrefix(value);
        if (number.length() == value.length() || number.isEmpty()) {
            return false;
        }
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                return false;
            }
        }
        return number.charAt(0) != '.';
    }

    private static String stripPrefix(String value) {
        int i = 0;
        if (value.regionMatches(true, 0, "ASN", 0, 3)) {
            i = 3;
        } else if (value.regionMatches(true, 0, "AS", 0, 2)) {
            i = 2;
        }
        if (i > 0 && i < value.length() && value.charAt(i) == ' ') {
            i++;
        }
        return value.substring(i);
    }

    /** A decimal number (at most 18 digits, so it fits a long), or -1. */
    private static long parse(String digits) {
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static Normalized.Invalid invalid(String message) {
        return Normalized.Invalid.ofValue(ErrorCodes.INVALID_ASN, message);
    }
}
