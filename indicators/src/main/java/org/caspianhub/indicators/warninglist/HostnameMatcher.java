package org.caspianhub.indicators.warninglist;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MISP's hostname semantics: a listed name matches itself and every name under it ({@code google.com}
 * matches {@code www.google.com}), never a name it merely ends with ({@code evilgoogle.com}). Entries
 * are lower-cased and stripped of dots at either end, as MISP does; a lookup walks the value's
 * parent names through a hash set.
 */
final class HostnameMatcher implements EntryMatcher {

    private final Set<String> names;

    HostnameMatcher(List<String> entries) {
        Set<String> set = new HashSet<>(entries.size() * 2);
        for (String entry : entries) {
            String name = stripDots(entry.trim().toLowerCase(Locale.ROOT));
            if (!name.isEmpty()) {
                set.add(EntryCanonicalizer.asDomain(name));
            }
        }
        this.names = Set.copyOf(set);
    }

    @Override
    public boolean matches(String value) {
        String name = value;
        while (true) {
            if (names.contains(name)) {
                return true;
            }
            int dot = name.indexOf('.');
            if (dot < 0) {
                return false;
            }
            name = name.substring(dot + 1);
        }
    }

    @Override
    public int size() {
        return names.size();
    }

    private static String stripDots(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '.') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(start, end);
    }
}
