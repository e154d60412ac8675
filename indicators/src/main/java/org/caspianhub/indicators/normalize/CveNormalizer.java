package org.caspianhub.indicators.normalize;

import org.caspianhub.avro.IndicatorType;

/**
 * CVE identifiers, canonical {@code CVE-2021-44228}: "CVE", a four-digit year from 1999 (the first
 * CVE year), and a sequence number of at least four digits that has no leading zero when it is
 * longer than four (the CVE ID syntax since 2014). Any case, and the Unicode dashes that copying
 * from web pages brings (‐ ‑ – —), are accepted.
 */
final class CveNormalizer {

    private static final int FIRST_YEAR = 1999;
    private static final int MAX_SEQUENCE_DIGITS = 19;
    private static final String FORM = "a cve looks like CVE-2021-44228 (CVE, a 4-digit year, a number of at least 4 digits)";

    private CveNormalizer() {
    }

    static Normalized cve(String value) {
        if (value.length() < 3 || !value.regionMatches(true, 0, "CVE", 0, 3)) {
            return invalid(Quote.of(value) + " does not start with CVE; " + FORM);
        }
        int i = 3;
        if (i >= value.length() || !isDash(value.charAt(i))) {
            return invalid(Quote.of(value) + " has no dash after CVE; " + FORM);
        }
        i++;
        int yearStart = i;
        while (i < value.length() && isDigit(value.charAt(i))) {
            i++;
        }
        String year = value.substring(yearStart, i);
        if (year.length() != 4) {
            return invalid("the year " + Quote.of(year) + " of " + Quote.of(value) + " is not 4 digits; " + FORM);
        }
        if (Integer.parseInt(year) < FIRST_YEAR) {
            return invalid("the year " + year + " is before " + FIRST_YEAR + ", the first year of CVE identifiers");
        }
        if (i >= value.length() || !isDash(value.charAt(i))) {
            return invalid(Quote.of(value) + " has no dash after the year; " + FORM);
        }
        i++;
        int sequenceStart = i;
        while (i < value.length() && isDigit(value.charAt(i))) {
            i++;
        }
        if (i != value.length()) {
            return invalid(Quote.of(value) + " has " + Quote.character(value.codePointAt(i))
                    + " where the number should end; " + FORM);
        }
        String sequence = value.substring(sequenceStart);
        if (sequence.length() < 4 || sequence.length() > MAX_SEQUENCE_DIGITS) {
            return invalid("the number " + Quote.of(sequence) + " of " + Quote.of(value)
                    + " must have 4 to " + MAX_SEQUENCE_DIGITS + " digits; " + FORM);
        }
        if (sequence.length() > 4 && sequence.charAt(0) == '0') {
            return invalid("the number " + Quote.of(sequence)
                    + " has a leading zero; only 4-digit CVE numbers are zero-padded (CVE-2014-0160)");
        }
        return Normalized.Valid.of(IndicatorType.CVE, "CVE-" + year + "-" + sequence);
    }

    static boolean looksLikeCve(String value) {
        return value.length() > 4 && value.regionMatches(true, 0, "CVE", 0, 3)
                && (isDash(value.charAt(3)) || value.charAt(3) == ' ' || isDigit(value.charAt(3)));
    }

    private static boolean isDash(char c) {
        return c == '-' || (c >= '\u2010' && c <= '\u2015') || c == '\u2212';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static Normalized.Invalid invalid(String message) {
        return Normalized.Invalid.ofValue(ErrorCodes.INVALID_CVE, message);
    }
}
