package org.caspianhub.topics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertDeliveryFailure;
import org.caspianhub.avro.Correlation;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.Sighting;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.registry.client.SchemaRegistry;
import org.caspianhub.serde.AvroSerde;

/**
 * The {@link TopicCatalogue}'s topics bound to serdes from a schema registry: {@code topics.of(ALERTS, party)}
 * is the alert topic's name with its key and value serdes, so a name cannot meet the wrong serde. One
 * value serde per record type, made on first use.
 */
public final class Topics {

    private final Serde<String> keys = Serdes.String();
    private final CachingSchemaRegistry registry;
    private final boolean autoRegister;
    private final Map<Class<?>, AvroSerde<?>> serdes = new ConcurrentHashMap<>();

    public Topics(SchemaRegistry registry) {
        this(registry, true);
    }

    /**
     * @param autoRegister register schemas on first use; false expects them registered already
     */
    public Topics(SchemaRegistry registry, boolean autoRegister) {
        this.registry = registry instanceof CachingSchemaRegistry c ? c : new CachingSchemaRegistry(registry);
        this.autoRegister = autoRegister;
    }

    /** A party's copy of a per-party topic. */
    public <V extends SpecificRecord> TypedTopic<String, V> of(PartyTopic<V> topic, PartyId party) {
        return new TypedTopic<>(topic.name(party), keys, valueSerde(topic));
    }

    /** A hub-wide topic. */
    public <V extends SpecificRecord> TypedTopic<String, V> of(HubWideTopic<V> topic) {
        return new TypedTopic<>(topic.name(), keys, valueSerde(topic));
    }

    /** The serde of a topic's values, shared by every party's copy of it. */
    @SuppressWarnings("unchecked") // the map holds, per class, a serde of that class: see computeIfAbsent
    public <V extends SpecificRecord> AvroSerde<V> valueSerde(TopicEntry<V> topic) {
        return (AvroSerde<V>) serdes.computeIfAbsent(topic.valueType(),
                type -> AvroSerde.forValues(topic.valueType(), registry, autoRegister));
    }

    public TypedTopic<String, IndicatorSubmission> submissions(PartyId party) {
        return of(TopicCatalogue.SUBMISSIONS, party);
    }

    public TypedTopic<String, Sighting> sightings(PartyId party) {
        return of(TopicCatalogue.SIGHTINGS, party);
    }

    public TypedTopic<String, Rejection> rejected(PartyId party) {
        return of(TopicCatalogue.REJECTED, party);
    }

    public TypedTopic<String, Alert> alerts(PartyId party) {
        return of(TopicCatalogue.ALERTS, party);
    }

    public TypedTopic<String, AlertDeliveryFailure> alertsDeadLetter(PartyId party) {
        return of(TopicCatalogue.ALERTS_DEAD_LETTER, party);
    }

    public TypedTopic<String, Indicator> indicators() {
        return of(TopicCatalogue.INDICATORS);
    }

    public TypedTopic<String, Correlation> correlations() {
        return of(TopicCatalogue.CORRELATIONS);
    }

    /** The alert topics' value serde; TAXII takes it until its rewrite reads {@link #valueSerde} itself. */
    public AvroSerde<Alert> alertSerde() {
        return valueSerde(TopicCatalogue.ALERTS);
    }
}
