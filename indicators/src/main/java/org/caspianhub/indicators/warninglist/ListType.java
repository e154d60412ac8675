package org.caspianhub.indicators.warninglist;

import java.util.Locale;

/** How a MISP warninglist's entries are compared with a value (its {@code type} field). */
public enum ListType {
    /** Entries are addresses or prefixes; an address inside one, or a prefix inside one, matches. */
    CIDR,
    /** Entries are host names; the name itself or any subdomain of it matches. */
    HOSTNAME,
    /** Exact value. */
    STRING,
    /** The entry occurs anywhere in the value. */
    SUBSTRING,
    /** A regular expression (PHP-style {@code /.../i} as MISP writes them) finds a match in the value. */
    REGEX;

    static ListType parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown warninglist type '" + text
                    + "' (expected cidr, hostname, string, substring or regex)", e);
        }
    }
}
