package org.caspianhub.indicators.warninglist;

import java.util.Locale;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;

/**
 * Brings list entries to the form the normalizer gives indicators, so that comparisons are of
 * like with like. An entry that is no valid indicator (a public suffix like {@code co.uk}, a
 * {@code -250.starlink.ru} host) is kept lower-cased: it still matches what it literally is.
 */
final class EntryCanonicalizer {

    private static final IndicatorNormalizer NORMALIZER = new IndicatorNormalizer();

    private EntryCanonicalizer() {
    }

    static String canonical(String entry) {
        if (isPlainLowerCase(entry)) {
            return entry; // a lower-case domain, hash or dotted address is canonical already
        }
        return NORMALIZER.normalize(entry, null) instanceof Normalized.Valid valid
                ? valid.value() : entry.toLowerCase(Locale.ROOT);
    }

    private static boolean isPlainLowerCase(String entry) {
        if (entry.isEmpty() || entry.charAt(entry.length() - 1) == '.' || entry.charAt(0) == '.') {
            return false;
        }
        boolean dot = false;
        boolean hex = true;
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')) {
                return false;
            }
            dot |= c == '.';
            hex &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }
        // a domain or dotted address has a dot, a hash is all hex; "as64500" or "cve-..." is neither
        return dot || hex;
    }

    /** A lower-case ASCII host name as is (the common case, fast); anything else through the domain normalizer. */
    static String asDomain(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return NORMALIZER.normalize(name, IndicatorType.DOMAIN) instanceof Normalized.Valid valid
                        ? valid.value() : name;
            }
        }
        return name;
    }
}
