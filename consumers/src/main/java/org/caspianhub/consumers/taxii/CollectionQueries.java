package org.caspianhub.consumers.taxii;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.caspianhub.consumers.alert.Timestamps;

/**
 * Answers TAXII listings from the collection index: a party's listing range in date-added order,
 * filtered while scanning, a page stopping at {@code limit} matching entries; requests naming
 * objects ({@code match[id]}, one object's endpoints) go through those objects' versions instead
 * of scanning the collection. Each answer reads one snapshot of the index.
 */
final class CollectionQueries {

    /** One version of an object, for the versions endpoint. */
    record Version(String version, long dateAdded) {
    }

    private final CollectionIndex index;

    CollectionQueries(CollectionIndex index) {
        this.index = index;
    }

    Page<ListedObject> objects(String party, ObjectQuery query) {
        if (!query.specVersionMatches()) {
            return new Page<>(List.of(), false, null, null, null);
        }
        try (CollectionIndex.Reader reader = index.reader()) {
            Map<StixId, List<CollectionIndex.VersionRow>> histories = new HashMap<>();
            List<ListedObject> items = new ArrayList<>();
            boolean[] more = {false};
            if (query.ids().isEmpty()) {
                reader.listing(party, query.after(), listed -> {
                    if (!matches(reader, party, listed, query, histories)) {
                        return true;
                    }
                    if (items.size() == query.limit()) {
                        more[0] = true;
                        return false;
                    }
                    return items.add(listed);
                });
            } else {
                for (ListedObject listed : named(reader, party, query, histories)) {
                    if (items.size() == query.limit()) {
                        more[0] = true;
                        break;
                    }
                    items.add(listed);
                }
            }
            return page(items, more[0], ListedObject::dateAdded);
        }
    }

    /** Every version of one object ({@code versions} endpoint), in date-added order; empty when the object is not in the collection. */
    Optional<Page<Version>> versions(String party, String id, ObjectQuery query) {
        Optional<StixId> stixId = StixId.parse(id);
        if (stixId.isEmpty()) {
            return Optional.empty();
        }
        List<CollectionIndex.VersionRow> rows;
        try (CollectionIndex.Reader reader = index.reader()) {
            rows = new ArrayList<>(reader.versions(party, stixId.get()));
        }
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (!query.specVersionMatches()) {
            return Optional.of(new Page<>(List.of(), false, null, null, null));
        }
        rows.sort(Comparator.comparingLong(CollectionIndex.VersionRow::dateAdded));
        List<Version> items = new ArrayList<>();
        boolean more = false;
        for (CollectionIndex.VersionRow row : rows) {
            if (row.dateAdded() <= query.after()) {
                continue;
            }
            if (items.size() == query.limit()) {
                more = true;
                break;
            }
            items.add(new Version(Timestamps.millis(Instant.ofEpochMilli(row.version())), row.dateAdded()));
        }
        return Optional.of(page(items, more, Version::dateAdded));
    }

    /** Whether any version of the object is in the collection. */
    boolean contains(String party, String id) {
        Optional<StixId> stixId = StixId.parse(id);
        if (stixId.isEmpty()) {
            return false;
        }
        try (CollectionIndex.Reader reader = index.reader()) {
            return !reader.versions(party, stixId.get()).isEmpty();
        }
    }

    /** The versions of the objects {@code match[id]} names, matching the other filters, in date-added order. */
    private static List<ListedObject> named(CollectionIndex.Reader reader, String party, ObjectQuery query,
                                            Map<StixId, List<CollectionIndex.VersionRow>> histories) {
        List<ListedObject> found = new ArrayList<>();
        for (String id : query.ids()) {
            Optional<StixId> stixId = StixId.parse(id);
            if (stixId.isEmpty()) {
                continue;
            }
            for (CollectionIndex.VersionRow row : history(reader, party, stixId.get(), histories)) {
                if (row.dateAdded() <= query.after()) {
                    continue;
                }
                reader.listed(party, row.dateAdded())
                        .filter(listed -> matches(reader, party, listed, query, histories))
                        .ifPresent(found::add);
            }
        }
        found.sort(Comparator.comparingLong(ListedObject::dateAdded));
        return found;
    }

    private static boolean matches(CollectionIndex.Reader reader, String party, ListedObject listed, ObjectQuery query,
                                   Map<StixId, List<CollectionIndex.VersionRow>> histories) {
        if (!query.types().isEmpty() && !query.types().contains(listed.id().type().stix())) {
            return false;
        }
        if (!query.ids().isEmpty() && !query.ids().contains(listed.id().toString())) {
            return false;
        }
        ObjectQuery.VersionFilter versions = query.versions();
        if (versions.all()) {
            return true;
        }
        if (!versions.exact().isEmpty() && versions.exact().contains(Instant.ofEpochMilli(listed.version()))) {
            return true;
        }
        if (versions.needsHistory()) {
            List<CollectionIndex.VersionRow> history = history(reader, party, listed.id(), histories);
            if (!history.isEmpty()) {
                return (versions.first() && history.get(0).version() == listed.version())
                        || (versions.last() && history.get(history.size() - 1).version() == listed.version());
            }
        }
        return false;
    }

    private static List<CollectionIndex.VersionRow> history(CollectionIndex.Reader reader, String party, StixId id,
                                                            Map<StixId, List<CollectionIndex.VersionRow>> histories) {
        return histories.computeIfAbsent(id, i -> reader.versions(party, i));
    }

    private static <T> Page<T> page(List<T> items, boolean more, ToLongFunction<T> dateAdded) {
        if (items.isEmpty()) {
            return new Page<>(items, false, null, null, null);
        }
        long first = dateAdded.applyAsLong(items.get(0));
        long last = dateAdded.applyAsLong(items.get(items.size() - 1));
        return new Page<>(items, more, more ? last : null, first, last);
    }
}
