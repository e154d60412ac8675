package org.caspianhub.indicators.warninglist;

import java.util.List;
import java.util.Locale;

/** Entries that match when they occur anywhere in the value, ignoring case. */
final class SubstringMatcher implements EntryMatcher {

    private final List<String> parts;

    SubstringMatcher(List<String> entries) {
        this.parts = entries.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty())
                .distinct().toList();
    }

    @Override
    public boolean matches(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (String part : parts) {
            if (lower.contains(part)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return parts.size();
    }
}
