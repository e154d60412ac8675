package org.caspianhub.consumers.taxii;

import com.google.common.collect.Iterators;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Answers TAXII listings from the collection stores. The objects store is split by partition,
 * each part in date-added order; a listing merges the parts (a k-way merge of their iterators),
 * so pages come out in one global date-added order without copying the collection anywhere.
 * Filters apply while scanning; a page stops at {@code limit} matching entries.
 */
final class CollectionQueries {

    /** Where the stores are: one per partition (KafkaStreams interactive queries, or a test driver). */
    interface Stores {
        List<ReadOnlyKeyValueStore<Bytes, byte[]>> objects();

        List<ReadOnlyKeyValueStore<Bytes, byte[]>> index();
    }

    /** One version of an object, for the versions endpoint. */
    record Version(String version, long dateAdded) {
    }

    private final Stores stores;

    CollectionQueries(Stores stores) {
        this.stores = stores;
    }

    Page<CollectionRecords.Stored> objects(String party, ObjectQuery query) {
        List<CollectionRecords.Stored> items = new ArrayList<>();
        if (!query.specVersionMatches()) {
            return new Page<>(items, false, null, null, null);
        }
        List<KeyValueIterator<Bytes, byte[]>> parts = new ArrayList<>();
        Map<String, Optional<History>> histories = new HashMap<>();
        boolean more = false;
        try {
            for (ReadOnlyKeyValueStore<Bytes, byte[]> store : stores.objects()) {
                parts.add(store.range(ObjectKeys.objectsAfter(party, query.after()), ObjectKeys.lastObject(party)));
            }
            Iterator<KeyValue<Bytes, byte[]>> merged = Iterators.mergeSorted(parts, Comparator.comparing(kv -> kv.key));
            while (merged.hasNext()) {
                KeyValue<Bytes, byte[]> entry = merged.next();
                CollectionRecords.Stored stored = CollectionRecords.decode(entry.value, CollectionRecords.Stored.class);
                if (!matches(party, stored, query, histories)) {
                    continue;
                }
                if (items.size() == query.limit()) {
                    more = true;
                    break;
                }
                items.add(stored);
            }
        } finally {
            parts.forEach(KeyValueIterator::close);
        }
        return page(items, more, CollectionRecords.Stored::dateAdded);
    }

    /** Every version of one object ({@code versions} endpoint), in date-added order; empty when the object is not in the collection. */
    Optional<Page<Version>> versions(String party, String id, ObjectQuery query) {
        List<Version> all = allVersions(party, id);
        if (all.isEmpty()) {
            return Optional.empty();
        }
        if (!query.specVersionMatches()) {
            return Optional.of(new Page<>(List.of(), false, null, null, null));
        }
        long after = query.after();
        List<Version> items = new ArrayList<>();
        boolean more = false;
        for (Version v : all) {
            if (v.dateAdded() <= after) {
                continue;
            }
            if (items.size() == query.limit()) {
                more = true;
                break;
            }
            items.add(v);
        }
        return Optional.of(page(items, more, Version::dateAdded));
    }

    /** Whether any version of the object is in the collection. */
    boolean contains(String party, String id) {
        return !allVersions(party, id).isEmpty();
    }

    private boolean matches(String party, CollectionRecords.Stored stored, ObjectQuery query,
                            Map<String, Optional<History>> histories) {
        if (!query.types().isEmpty() && !query.types().contains(stored.type())) {
            return false;
        }
        if (!query.ids().isEmpty() && !query.ids().contains(stored.id())) {
            return false;
        }
        ObjectQuery.VersionFilter versions = query.versions();
        if (versions.all()) {
            return true;
        }
        if (!versions.exact().isEmpty() && versions.exact().contains(Instant.parse(stored.version()))) {
            return true;
        }
        if (versions.needsHistory()) {
            Optional<History> history = histories.computeIfAbsent(stored.id(), id -> history(party, id));
            if (history.isPresent()) {
                return (versions.first() && history.get().first().equals(stored.version()))
                        || (versions.last() && history.get().last().equals(stored.version()));
            }
        }
        return false;
    }

    private record History(String first, String last) {
    }

    private Optional<History> history(String party, String id) {
        for (ReadOnlyKeyValueStore<Bytes, byte[]> index : stores.index()) {
            String first = null;
            String last = null;
            try (KeyValueIterator<Bytes, byte[]> it = index.range(ObjectKeys.versionsFrom(party, id), ObjectKeys.versionsTo(party, id))) {
                if (it.hasNext()) {
                    first = ObjectKeys.versionOf(it.next().key);
                }
            }
            if (first == null) {
                continue;
            }
            try (KeyValueIterator<Bytes, byte[]> it = index.reverseRange(ObjectKeys.versionsFrom(party, id), ObjectKeys.versionsTo(party, id))) {
                last = ObjectKeys.versionOf(it.next().key);
            }
            return Optional.of(new History(first, last));
        }
        return Optional.empty();
    }

    private List<Version> allVersions(String party, String id) {
        List<Version> versions = new ArrayList<>();
        for (ReadOnlyKeyValueStore<Bytes, byte[]> index : stores.index()) {
            try (KeyValueIterator<Bytes, byte[]> it = index.range(ObjectKeys.versionsFrom(party, id), ObjectKeys.versionsTo(party, id))) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = it.next();
                    CollectionRecords.IndexEntry e = CollectionRecords.decode(entry.value, CollectionRecords.IndexEntry.class);
                    versions.add(new Version(ObjectKeys.versionOf(entry.key), e.dateAdded()));
                }
            }
        }
        versions.sort(Comparator.comparingLong(Version::dateAdded));
        return versions;
    }

    private static <T> Page<T> page(List<T> items, boolean more, java.util.function.ToLongFunction<T> dateAdded) {
        if (items.isEmpty()) {
            return new Page<>(items, false, null, null, null);
        }
        long first = dateAdded.applyAsLong(items.get(0));
        long last = dateAdded.applyAsLong(items.get(items.size() - 1));
        return new Page<>(items, more, more ? last : null, first, last);
    }
}
