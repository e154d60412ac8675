package org.caspianhub.consumers.taxii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.caspianhub.consumers.alert.Timestamps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second stage of the TAXII topology: adds each STIX object to its party's collection, that is
 * to the objects store under a fresh date_added, and to the version index.
 * <ul>
 * <li>A version already present is not added again (an alert re-read after a restart, or a
 * fixed object such as a marking definition that every alert carries).</li>
 * <li>Two different alerts yielding the same object in the same millisecond get distinct
 * versions ({@code modified} one millisecond later): STIX identifies a version by id and
 * {@code modified}.</li>
 * <li>Every version keeps the {@code created} of the object's first version, as STIX requires.</li>
 * <li>Objects older than the retention are removed once an hour, so the store stays bounded.</li>
 * </ul>
 */
final class CollectionWriter implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionWriter.class);

    private final DateAddedClock clock;
    private final List<String> parties;
    private final Duration retention;
    private KeyValueStore<Bytes, byte[]> objects;
    private KeyValueStore<Bytes, byte[]> index;

    CollectionWriter(DateAddedClock clock, List<String> parties, Duration retention) {
        this.clock = clock;
        this.parties = parties;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        objects = context.getStateStore(CollectionTopology.OBJECTS_STORE);
        index = context.getStateStore(CollectionTopology.INDEX_STORE);
        for (String party : parties) {
            try (KeyValueIterator<Bytes, byte[]> last = objects.reverseRange(ObjectKeys.object(party, 0), ObjectKeys.lastObject(party))) {
                if (last.hasNext()) {
                    clock.atLeast(ObjectKeys.dateAdded(last.next().key));
                }
            }
        }
        context.schedule(Duration.ofHours(1), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        CollectionRecords.Pending pending;
        try {
            pending = CollectionRecords.decode(record.value(), CollectionRecords.Pending.class);
        } catch (RuntimeException e) {
            LOG.error("TAXII: skipping an unreadable object record {}: {}", record.key(), e.toString());
            return;
        }
        ObjectNode object = pending.object();
        String party = pending.party();
        String id = object.path("id").asText();
        String type = object.path("type").asText();
        // objects made from an alert carry its id and are versioned; the others (identities, markings) are fixed
        boolean versioned = object.has("x_caspian_alert_id") && object.has("modified");
        String created = object.path("created").asText();
        CollectionRecords.IndexEntry first = firstVersion(party, id);
        if (first != null && versioned) {
            created = first.created();
            object.put("created", created);
        }
        String version = versioned ? object.get("modified").asText() : created;
        if (versioned && version.compareTo(created) < 0) {
            version = created;
        }
        while (true) {
            byte[] existing = index.get(ObjectKeys.version(party, id, version));
            if (existing == null) {
                break;
            }
            CollectionRecords.IndexEntry entry = CollectionRecords.decode(existing, CollectionRecords.IndexEntry.class);
            if (!versioned || entry.alertId().equals(pending.alertId())) {
                return; // already in the collection
            }
            version = Timestamps.millis(Instant.parse(version).plusMillis(1));
        }
        if (versioned) {
            object.put("modified", version);
        }
        long dateAdded = clock.next();
        objects.put(ObjectKeys.object(party, dateAdded),
                CollectionRecords.encode(new CollectionRecords.Stored(id, type, version, dateAdded, object)));
        index.put(ObjectKeys.version(party, id, version),
                CollectionRecords.encode(new CollectionRecords.IndexEntry(dateAdded, pending.alertId(), created)));
    }

    private CollectionRecords.IndexEntry firstVersion(String party, String id) {
        try (KeyValueIterator<Bytes, byte[]> versions = index.range(ObjectKeys.versionsFrom(party, id), ObjectKeys.versionsTo(party, id))) {
            return versions.hasNext() ? CollectionRecords.decode(versions.next().value, CollectionRecords.IndexEntry.class) : null;
        }
    }

    private void expire(long now) {
        long cutoff = Timestamps.toMicros(Instant.ofEpochMilli(now).minus(retention));
        int removed = 0;
        for (String party : parties) {
            List<KeyValue<Bytes, byte[]>> expired = new java.util.ArrayList<>();
            try (KeyValueIterator<Bytes, byte[]> old = objects.range(ObjectKeys.object(party, 0), ObjectKeys.object(party, cutoff))) {
                old.forEachRemaining(expired::add);
            }
            for (KeyValue<Bytes, byte[]> entry : expired) {
                CollectionRecords.Stored stored = CollectionRecords.decode(entry.value, CollectionRecords.Stored.class);
                objects.delete(entry.key);
                index.delete(ObjectKeys.version(party, stored.id(), stored.version()));
                removed++;
            }
        }
        if (removed > 0) {
            LOG.info("TAXII: removed {} objects added before {}", removed, Timestamps.micros(cutoff));
        }
    }
}
