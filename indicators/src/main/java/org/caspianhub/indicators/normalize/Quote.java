package org.caspianhub.indicators.normalize;

/** Quotes a value for an error message, shortened so a 4 KB value does not flood a rejection. */
final class Quote {

    private static final int MAX_QUOTED = 80;

    private Quote() {
    }

    static String of(String value) {
        if (value.length() <= MAX_QUOTED) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, MAX_QUOTED - 1) + "…'";
    }

    /** A character as an analyst can read it, with its code point: 'ä' (U+00E4). */
    static String character(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT
                || Character.isWhitespace(codePoint)) {
            return hex;
        }
        return "'" + new String(Character.toChars(codePoint)) + "' (" + hex + ")";
    }
}
