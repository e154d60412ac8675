package org.caspianhub.producers.knowledge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.caspianhub.avro.Alert;

/**
 * Each party's view of every indicator it was alerted about, folded from its own alert records,
 * with the indexes its searches use: the read model behind the gateway's look-ups, searches and
 * exports. Everything it answers a party is a function of that party's alert records alone
 * ({@link ViewFold}), which the topology built from what the party may see.
 *
 * <p>One writer ({@link KnowledgeMaterializer}, or a test) applies alerts in batches that also hold
 * the topic offsets they reach; readers work on consistent snapshots ({@link #read()}).
 */
public final class KnowledgeBase implements AutoCloseable {

    private final ViewStore store;
    private final ViewFold fold;

    public KnowledgeBase(ViewStore store, int historyLimit) {
        this.store = store;
        this.fold = new ViewFold(historyLimit);
    }

    public ViewStore store() {
        return store;
    }

    public int historyLimit() {
        return fold.limit();
    }

    /** A new batch of alerts to apply at once. */
    public Batch batch() {
        return new Batch();
    }

    /** A consistent read of the model; close it when done. */
    public Reader read() {
        return new Reader(store.snapshot());
    }

    /** The party's view of an indicator now (one read, no snapshot), or null when it was never alerted about it. */
    public IndicatorView view(String party, String indicatorKey) {
        byte[] bytes = store.get(StoreKeys.view(party, indicatorKey));
        return bytes == null ? null : ViewCodec.decode(indicatorKey, bytes);
    }

    /** The next offset to read of a topic's partition, or 0 when nothing was read from it. */
    public long offset(String topic, int partition) {
        byte[] value = store.get(StoreKeys.offset(topic, partition));
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    @Override
    public void close() {
        store.close();
    }

    private record Pending(String party, Alert alert) {
        String id() {
            return party + '\0' + alert.getIndicatorKey();
        }
    }

    /** Alerts folded into views, and the offsets they reach, written in one atomic write on {@link #commit()}. */
    public final class Batch {
        private final Map<String, IndicatorView> before = new HashMap<>();
        private final Map<String, IndicatorView> after = new LinkedHashMap<>();
        private final Map<String, Long> offsets = new LinkedHashMap<>();
        private final Map<String, long[]> digests = new LinkedHashMap<>();
        /** Folded on commit, after one read of every view they need. */
        private final List<Pending> pending = new ArrayList<>();
        private int alerts;

        private Batch() {
        }

        public void add(String party, Alert alert) {
            pending.add(new Pending(party, alert));
            alerts++;
        }

        /** Reads the stored views the pending alerts need, in one call, then folds the alerts in order. */
        private void fold() {
            List<String> ids = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            for (Pending p : pending) {
                String id = p.id();
                if (!before.containsKey(id)) {
                    before.put(id, null);
                    ids.add(id);
                    keys.add(StoreKeys.view(p.party(), p.alert().getIndicatorKey()));
                }
            }
            List<byte[]> stored = keys.isEmpty() ? List.of() : store.getAll(keys);
            for (int i = 0; i < ids.size(); i++) {
                byte[] bytes = stored.get(i);
                if (bytes != null) {
                    String id = ids.get(i);
                    before.put(id, ViewCodec.decode(id.substring(id.indexOf('\0') + 1), bytes));
                }
            }
            for (Pending p : pending) {
                String id = p.id();
                IndicatorView previous = after.containsKey(id) ? after.get(id) : before.get(id);
                after.put(id, fold.apply(previous, p.alert()));
                long[] digest = digests.computeIfAbsent(p.party(), x -> new long[2]);
                digest[0]++;
                digest[1] += java.util.UUID.nameUUIDFromBytes(p.alert().getAlertId().getBytes(StandardCharsets.UTF_8))
                        .getMostSignificantBits();
            }
            pending.clear();
        }

        /** After commit, reading resumes at {@code next} on this partition. */
        public void offset(String topic, int partition, long next) {
            offsets.put(topic + '\0' + partition, next);
        }

        public int size() {
            return alerts;
        }

        public void commit() {
            fold();
            ViewStore.Writes writes = new ViewStore.Writes();
            for (Map.Entry<String, IndicatorView> entry : after.entrySet()) {
                String party = entry.getKey().substring(0, entry.getKey().indexOf('\0'));
                IndicatorView view = entry.getValue();
                writes.put(StoreKeys.view(party, view.key()), ViewCodec.encode(view));
                Set<String> old = terms(before.get(entry.getKey()));
                Set<String> now = terms(view);
                for (String term : old) {
                    if (!now.contains(term)) {
                        writes.delete(StoreKeys.index(party, term.charAt(0), term.substring(1), view.key()));
                    }
                }
                for (String term : now) {
                    if (!old.contains(term)) {
                        writes.put(StoreKeys.index(party, term.charAt(0), term.substring(1), view.key()), new byte[0]);
                    }
                }
            }
            for (Map.Entry<String, Long> entry : offsets.entrySet()) {
                int split = entry.getKey().indexOf('\0');
                writes.put(StoreKeys.offset(entry.getKey().substring(0, split), Integer.parseInt(entry.getKey().substring(split + 1))),
                        ByteBuffer.allocate(8).putLong(entry.getValue()).array());
            }
            for (Map.Entry<String, long[]> entry : digests.entrySet()) {
                byte[] key = StoreKeys.meta("digest/" + entry.getKey());
                byte[] stored = store.get(key);
                ByteBuffer old = stored == null ? ByteBuffer.allocate(16) : ByteBuffer.wrap(stored);
                writes.put(key, ByteBuffer.allocate(16).putLong(old.getLong() + entry.getValue()[0])
                        .putLong(old.getLong() + entry.getValue()[1]).array());
            }
            if (!writes.isEmpty()) {
                store.write(writes);
            }
            before.clear();
            after.clear();
            offsets.clear();
            digests.clear();
            alerts = 0;
        }

        /** The index terms of a view: dimension letter + lower-case term. */
        private static Set<String> terms(IndicatorView view) {
            if (view == null) {
                return Set.of();
            }
            Set<String> terms = new HashSet<>();
            view.tags().forEach(t -> terms.add("t" + t.toLowerCase(Locale.ROOT)));
            view.references().forEach(r -> terms.add("r" + r.toLowerCase(Locale.ROOT)));
            view.parties().forEach(p -> terms.add("p" + p.toLowerCase(Locale.ROOT)));
            return terms;
        }
    }

    /** A page of a search: the views, and the key to resume after (null at the end). */
    public record Page(List<IndicatorView> items, String next) {
    }

    /** Reads on one consistent snapshot. */
    public static final class Reader implements AutoCloseable {
        private final ViewStore.Snapshot snapshot;

        private Reader(ViewStore.Snapshot snapshot) {
            this.snapshot = snapshot;
        }

        /** The party's view of an indicator, or null when it was never alerted about it. */
        public IndicatorView view(String party, String indicatorKey) {
            byte[] bytes = snapshot.get(StoreKeys.view(party, indicatorKey));
            return bytes == null ? null : ViewCodec.decode(indicatorKey, bytes);
        }

        /** The party's views of several indicators, in their order (null for each it was never alerted about). */
        public List<IndicatorView> views(String party, List<String> indicatorKeys) {
            if (indicatorKeys.isEmpty()) {
                return List.of(); // RocksDB's MultiGet asserts it is given keys
            }
            List<byte[]> keys = new ArrayList<>(indicatorKeys.size());
            indicatorKeys.forEach(key -> keys.add(StoreKeys.view(party, key)));
            List<byte[]> values = snapshot.getAll(keys);
            List<IndicatorView> views = new ArrayList<>(indicatorKeys.size());
            for (int i = 0; i < indicatorKeys.size(); i++) {
                byte[] bytes = values.get(i);
                views.add(bytes == null ? null : ViewCodec.decode(indicatorKeys.get(i), bytes));
            }
            return views;
        }

        /**
         * Up to {@code limit} matching views in indicator-key order after {@code afterKey}, examining at
         * most {@code budget} candidates: a page may then hold fewer than {@code limit} with a next key.
         */
        public Page search(String party, SearchFilter filter, String afterKey, int limit, int budget) {
            List<IndicatorView> items = new ArrayList<>(Math.min(limit, 1024));
            String[] last = {null};
            int[] examined = {0};
            boolean more = scan(party, filter, afterKey, view -> {
                last[0] = view.key();
                examined[0]++;
                if (filter.matches(view)) {
                    items.add(view);
                }
                return items.size() < limit && examined[0] < budget;
            });
            return new Page(List.copyOf(items), more ? last[0] : null);
        }

        /** A sink that may fail writing (an export's stream). */
        @FunctionalInterface
        public interface ViewWriter {
            void write(IndicatorView view) throws java.io.IOException;
        }

        /** Every matching view in key order, to {@code writer}; stops at the first failure and throws it. */
        public void writeEach(String party, SearchFilter filter, ViewWriter writer) throws java.io.IOException {
            java.io.IOException[] failed = {null};
            forEach(party, filter, view -> {
                try {
                    writer.write(view);
                    return true;
                } catch (java.io.IOException e) {
                    failed[0] = e;
                    return false;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }

        /** Every matching view in key order, to {@code sink}, until it returns false. */
        public void forEach(String party, SearchFilter filter, Predicate<IndicatorView> sink) {
            scan(party, filter, null, view -> !filter.matches(view) || sink.test(view));
        }

        /**
         * Walks the candidates: a term's index when the filter names one (tag, then reference, then
         * party), otherwise the party's views; within the type's key range when a type is given.
         *
         * @return true when stopped by {@code visit} before the candidates ran out
         */
        private boolean scan(String party, SearchFilter filter, String afterKey, Predicate<IndicatorView> visit) {
            byte[] prefix;
            boolean viaIndex = true;
            if (filter.tag() != null) {
                prefix = StoreKeys.indexPrefix(party, 't', filter.tag());
            } else if (filter.reference() != null) {
                prefix = StoreKeys.indexPrefix(party, 'r', filter.reference());
            } else if (filter.party() != null) {
                prefix = StoreKeys.indexPrefix(party, 'p', filter.party());
            } else {
                prefix = StoreKeys.views(party);
                viaIndex = false;
            }
            byte[] range = StoreKeys.concat(prefix, StoreKeys.utf8(filter.keyPrefix()));
            byte[] start = range;
            if (afterKey != null) {
                byte[] resume = StoreKeys.after(StoreKeys.concat(prefix, StoreKeys.utf8(afterKey)));
                start = java.util.Arrays.compareUnsigned(resume, range) > 0 ? resume : range;
            }
            byte[] viewPrefix = StoreKeys.views(party);
            try (ViewStore.Scan scan = snapshot.scan(start)) {
                for (; scan.valid(); scan.next()) {
                    byte[] key = scan.key();
                    if (!StoreKeys.startsWith(key, range)) {
                        return false;
                    }
                    String indicatorKey = StoreKeys.suffix(key, prefix);
                    byte[] bytes = viaIndex ? snapshot.get(StoreKeys.concat(viewPrefix, StoreKeys.utf8(indicatorKey)))
                            : scan.value();
                    if (bytes == null) {
                        continue; // cannot happen: an index entry is written with its view
                    }
                    if (!visit.test(ViewCodec.decode(indicatorKey, bytes))) {
                        scan.next();
                        return scan.valid() && StoreKeys.startsWith(scan.key(), range);
                    }
                }
                return false;
            }
        }

        /**
         * What the party has received in this snapshot, as text: how many alerts and the sum of a hash of
         * their ids. Its answers change only when this does (an export's ETag). It does not depend on
         * the order alerts were read in (the same on every replica) nor on the topic's offsets (which
         * also count transaction markers, whose number depends on when the topology committed).
         */
        public String received(String party) {
            byte[] digest = snapshot.get(StoreKeys.meta("digest/" + party));
            if (digest == null) {
                return "0";
            }
            ByteBuffer b = ByteBuffer.wrap(digest);
            return b.getLong() + "/" + Long.toHexString(b.getLong());
        }

        @Override
        public void close() {
            snapshot.close();
        }
    }
}
