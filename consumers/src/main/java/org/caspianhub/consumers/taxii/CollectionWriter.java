package org.caspianhub.consumers.taxii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;
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
 * Reads see the batch as well as the index, so alerts of one batch that touch one object follow each other.
 */
final class CollectionWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionWriter.class);

    private final CollectionIndex index;
    private final ReadOptions read = new ReadOptions();

    CollectionWriter(CollectionIndex index) {
        this.index = index;
    }

    /**
     * @param dateAdded the date of the alert's first object; object {@code i} is added at {@code dateAdded + i * stride}
     */
    void add(WriteBatchWithIndex batch, String party, String alertId, List<ObjectNode> objects, long dateAdded, int stride,
             int partition, long offset) throws RocksDBException {
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
            if (versioned) {
                Optional<Long> first = firstCreated(batch, party, id);
                if (first.isPresent()) {
                    created = first.get();
                }
            }
            long version = versioned ? Math.max(created, millis(object.get("modified").asText())) : created;
            boolean present = false;
            while (true) {
                byte[] existing = batch.getFromBatchAndDB(index.db(), read, ObjectKeys.version(party, id, version));
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
                continue;
            }
            long added = dateAdded + (long) i * stride;
            batch.put(ObjectKeys.listing(party, added),
                    new ListedObject(added, id, version, created, !versioned, partition, offset, i).encode());
            batch.put(ObjectKeys.version(party, id, version), CollectionIndex.versionValue(added, alertHash));
        }
    }

    /** The {@code created} of the oldest version still in the collection, which carries the first version's. */
    private Optional<Long> firstCreated(WriteBatchWithIndex batch, String party, StixId id) throws RocksDBException {
        byte[] prefix = ObjectKeys.versionsOf(party, id);
        try (RocksIterator it = batch.newIteratorWithBase(index.db().newIterator(read))) {
            it.seek(prefix);
            if (!it.isValid() || !ObjectKeys.startsWith(it.key(), prefix)) {
                return Optional.empty();
            }
            long dateAdded = CollectionIndex.versionRow(it.key(), it.value()).dateAdded();
            byte[] listed = batch.getFromBatchAndDB(index.db(), read, ObjectKeys.listing(party, dateAdded));
            return listed == null ? Optional.empty() : Optional.of(ListedObject.decode(dateAdded, listed).created());
        }
    }

    private static long millis(String timestamp) {
        return Instant.parse(timestamp).toEpochMilli();
    }
}
