package org.caspianhub.indicators.warninglist;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Exact values in a hash set. Each entry is brought to the hub's canonical form first when it is a
 * recognizable indicator (so {@code D41D8CD9...} and {@code 2001:DB8:0::1} in a list match the
 * lower-case, compressed values the normalizer produces); other entries are kept lower-cased.
 * Hashes, domains and addresses are thereby compared case-insensitively.
 */
final class StringMatcher implements EntryMatcher {

    private final Set<String> values;

    StringMatcher(List<String> entries) {
        Set<String> set = new HashSet<>(entries.size() * 2);
        for (String entry : entries) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                set.add(EntryCanonicalizer.canonical(trimmed));
            }
        }
        this.values = Set.copyOf(set);
    }

    @Override
    public boolean matches(String value) {
        return values.contains(value);
    }

    @Override
    public int size() {
        return values.size();
    }
}
