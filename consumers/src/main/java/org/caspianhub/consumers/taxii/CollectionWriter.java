package org.caspianhub.consumers.taxii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the STIX objects of one alert to its party's collection index, in a batch that the
 * materializer writes with its progress:
 * <ul>
 * <li>a version already present is not added again (the same alert on the topic twice, or a
 * fixed object such as a marking definition that many alerts carry);</li>
 * <li>two different alerts yielding the same object in the same millisecond get distinct
 * versions ({@code modified} one millisecond later): STIX identifies a version by id and
 * {@code modified};</li>
 * <li>every version keeps the {@code created} of the object's first version, as STIX requires.</li>
 * </ul>
 * Reads see what the pass wrote as well as the index, so alerts of one batch that touch one object follow each other.
 * One {@link Pass} per batch: its iterator over the index is opened once (opening one per object
 * cost more than the rest of the work).
 */
final class CollectionWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionWriter.class);

    private final CollectionIndex index;
    private final KnownObjects known;
    /** Fixed objects (markings, identities: a handful) known to be in the index, so they cost no look-up per alert. */
    private final Set<ByteBuffer> fixedHeld = new HashSet<>();
    private final ReadOptions read = new ReadOptions();
    /** Seeks within one object's versions: the prefix Bloom filters skip every file that has none. */
    private final ReadOptions oneObject = new ReadOptions().setPrefixSameAsStart(true);

    CollectionWriter(CollectionIndex index) {
        this.index = index;
        this.known = new KnownObjects(index);
    }

    /** Adds to one batch; the index does not change while a pass is open (the batch is written after it). */
    final class Pass implements AutoCloseable {
        private final WriteBatch batch;
        private final RocksIterator indexed = index.db().newIterator(oneObject);
        /** What this pass wrote, for reads: version entries in key order, first {@code created} by date added. */
        private final java.util.TreeMap<byte[], byte[]> versions = new java.util.TreeMap<>(Arrays::compareUnsigned);
        private final Map<Long, Long> createdByDateAdded = new java.util.HashMap<>();

        private Pass(WriteBatch batch) {
            this.batch = batch;
        }

        /**
         * @param dateAdded the date of the alert's first object; object {@code i} is added at {@code dateAdded + i * stride}
         */
        void add(String party, String alertId, List<ObjectNode> objects, long dateAdded, int stride, int partition, long offset)
                throws RocksDBException {
            CollectionWriter.this.add(this, party, alertId, objects, dateAdded, stride, partition, offset);
        }

        @Override
        public void close() {
            indexed.close();
        }
    }

    Pass pass(WriteBatch batch) {
        return new Pass(batch);
    }

    private void add(Pass pass, String party, String alertId, List<ObjectNode> objects, long dateAdded, int stride,
                     int partition, long offset) throws RocksDBException {
        WriteBatch batch = pass.batch;
        int alertHash = Hashing.murmur3_32_fixed().hashString(alertId, StandardCharsets.UTF_8).asInt();
        for (int i = 0; i < objects.size(); i++) {
            ObjectNode object = objects.get(i);
            Optional<StixId> parsed = StixId.parse(object.path("id").asText());
            if (parsed.isEmpty()) {
                LOG.error("TAXII: alert {} yields an object with an id this index cannot hold: {}", alertId, object.path("id"));
                continue;
            }
            StixId id = parsed.get();
            // objects made from an alert carry its id and are versioned; the others (identities, markings) are fixed
            boolean versioned = object.has("x_caspian_alert_id") && object.has("modified");
            long created = millis(object.path("created").asText());
            byte[] objectPrefix = ObjectKeys.versionsOf(party, id);
            if (!versioned && fixedHeld.contains(ByteBuffer.wrap(objectPrefix))) {
                continue; // a marking definition or identity every alert carries, already in the collection
            }
            boolean maybeHeld = known.mayHold(objectPrefix);
            if (versioned && maybeHeld) {
                Optional<Long> first = firstCreated(pass, party, id);
                if (first.isPresent()) {
                    created = first.get();
                }
            }
            long version = versioned ? Math.max(created, millis(object.get("modified").asText())) : created;
            boolean present = false;
            while (maybeHeld) {
                byte[] key = ObjectKeys.version(party, id, version);
                byte[] existing = pass.versions.containsKey(key) ? pass.versions.get(key) : index.db().get(read, key);
                if (existing == null) {
                    break;
                }
                if (!versioned || CollectionIndex.versionRow(ObjectKeys.version(party, id, version), existing).alertHash() == alertHash) {
                    present = true; // already in the collection
                    break;
                }
                version++;
            }
            if (present) {
                if (!versioned) {
                    fixedHeld.add(ByteBuffer.wrap(objectPrefix));
                }
                continue;
            }
            long added = dateAdded + (long) i * stride;
            batch.put(ObjectKeys.listing(party, added),
                    new ListedObject(added, id, version, created, !versioned, partition, offset, i).encode());
            byte[] versionKey = ObjectKeys.version(party, id, version);
            byte[] versionValue = CollectionIndex.versionValue(added, alertHash);
            batch.put(versionKey, versionValue);
            pass.versions.put(versionKey, versionValue);
            pass.createdByDateAdded.put(added, created);
            known.add(objectPrefix);
            if (!versioned) {
                fixedHeld.add(ByteBuffer.wrap(objectPrefix));
            }
        }
    }

    /** After objects left the index (retention): the fixed ones are added again with the next alert that carries them. */
    void forgetFixed() {
        fixedHeld.clear();
    }

    /** The {@code created} of the oldest version still in the collection, which carries the first version's. */
    private Optional<Long> firstCreated(Pass pass, String party, StixId id) throws RocksDBException {
        byte[] prefix = ObjectKeys.versionsOf(party, id);
        Map.Entry<byte[], byte[]> first = pass.versions.ceilingEntry(prefix);
        if (first != null && !ObjectKeys.startsWith(first.getKey(), prefix)) {
            first = null;
        }
        pass.indexed.seek(prefix);
        if (pass.indexed.isValid() && ObjectKeys.startsWith(pass.indexed.key(), prefix)
                && (first == null || Arrays.compareUnsigned(pass.indexed.key(), first.getKey()) < 0)) {
            first = Map.entry(pass.indexed.key(), pass.indexed.value());
        }
        if (first == null) {
            return Optional.empty();
        }
        long dateAdded = CollectionIndex.versionRow(first.getKey(), first.getValue()).dateAdded();
        Long pending = pass.createdByDateAdded.get(dateAdded);
        if (pending != null) {
            return Optional.of(pending);
        }
        byte[] listed = index.db().get(read, ObjectKeys.listing(party, dateAdded));
        return listed == null ? Optional.empty() : Optional.of(ListedObject.decode(dateAdded, listed).created());
    }

    private static long millis(String timestamp) {
        return Instant.parse(timestamp).toEpochMilli();
    }
}
