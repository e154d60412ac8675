package org.caspianhub.consumers.taxii;

import java.time.Instant;
import java.util.Set;

/**
 * The filters of a TAXII objects, manifest or versions request, already validated.
 *
 * @param addedAfter   only objects added strictly after this (epoch microseconds), or null
 * @param cursor       the position a {@code next} token resumes after (epoch microseconds), or null
 * @param limit        most entries in one page
 * @param ids          {@code match[id]} (empty: any)
 * @param types        {@code match[type]} (empty: any)
 * @param versions     {@code match[version]}
 * @param specVersions {@code match[spec_version]} (empty: any)
 */
record ObjectQuery(Long addedAfter, Long cursor, int limit, Set<String> ids, Set<String> types, VersionFilter versions,
                   Set<String> specVersions) {

    /** Entries must come after both added_after and the cursor. */
    long after() {
        long after = -1;
        if (addedAfter != null) {
            after = Math.max(after, addedAfter);
        }
        if (cursor != null) {
            after = Math.max(after, cursor);
        }
        return after;
    }

    boolean specVersionMatches() {
        return specVersions.isEmpty() || specVersions.contains("2.1");
    }

    /**
     * {@code match[version]}: any of {@code last} (the default), {@code first}, {@code all}, or
     * exact versions (timestamps).
     */
    record VersionFilter(boolean all, boolean first, boolean last, Set<Instant> exact) {
        static VersionFilter lastOnly() {
            return new VersionFilter(false, false, true, Set.of());
        }

        static VersionFilter any() {
            return new VersionFilter(true, false, false, Set.of());
        }

        boolean needsHistory() {
            return !all && (first || last);
        }
    }
}
