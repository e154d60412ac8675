package org.caspianhub.consumers.taxii;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.caspianhub.avro.Alert;
import org.caspianhub.parties.PartyId;
import org.caspianhub.topics.HubTopics;

/**
 * The TAXII server's state, as a small Kafka Streams topology: every party's alert topic, turned
 * into STIX objects ({@link AlertToStix}), re-keyed by object so all versions of an object meet
 * in one partition, and written into two persistent stores ({@link CollectionWriter}): the
 * objects in date-added order and the index of their versions. Both stores are backed by
 * changelog topics, so a TAXII server whose disk is gone rebuilds the same collections, with the
 * same date_added values, from Kafka.
 */
public final class CollectionTopology {

    public static final String OBJECTS_STORE = "taxii-objects";
    public static final String INDEX_STORE = "taxii-object-versions";
    /** Name of the repartition step (its topic is {@code <application.id>-stix-objects-repartition}). */
    static final String REPARTITION = "stix-objects";

    private CollectionTopology() {
    }

    public static Topology build(List<PartyId> parties, Deserializer<Alert> alerts, Duration retention, Clock clock) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OBJECTS_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INDEX_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled());
        List<String> topics = parties.stream().map(HubTopics::alerts).toList();
        List<String> partyIds = parties.stream().map(PartyId::value).toList();
        DateAddedClock dateAdded = new DateAddedClock(clock);
        builder.stream(topics, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("alerts"))
                .process(() -> new AlertToStix(alerts), Named.as("alert-to-stix"))
                .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName(REPARTITION))
                .process(() -> new CollectionWriter(dateAdded, partyIds, retention), Named.as("collection-writer"),
                        OBJECTS_STORE, INDEX_STORE);
        return builder.build();
    }
}
