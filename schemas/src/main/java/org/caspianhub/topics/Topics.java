package org.caspianhub.topics;

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
 * The hub's topics with their serdes, built once from a schema registry. Keys are strings
 * (submission id, indicator key, alert id); values are the Avro records of {@code schemas/}.
 */
public final class Topics {

    private final Serde<String> keys = Serdes.String();
    private final AvroSerde<IndicatorSubmission> submissionSerde;
    private final AvroSerde<Sighting> sightingSerde;
    private final AvroSerde<Rejection> rejectionSerde;
    private final AvroSerde<Indicator> indicatorSerde;
    private final AvroSerde<Correlation> correlationSerde;
    private final AvroSerde<Alert> alertSerde;
    private final AvroSerde<AlertDeliveryFailure> deliveryFailureSerde;

    public Topics(SchemaRegistry registry) {
        this(registry, true);
    }

    /**
     * @param autoRegister register schemas on first use; false expects them registered already
     */
    public Topics(SchemaRegistry registry, boolean autoRegister) {
        CachingSchemaRegistry cached = registry instanceof CachingSchemaRegistry c ? c : new CachingSchemaRegistry(registry);
        this.submissionSerde = AvroSerde.forValues(IndicatorSubmission.class, cached, autoRegister);
        this.sightingSerde = AvroSerde.forValues(Sighting.class, cached, autoRegister);
        this.rejectionSerde = AvroSerde.forValues(Rejection.class, cached, autoRegister);
        this.indicatorSerde = AvroSerde.forValues(Indicator.class, cached, autoRegister);
        this.correlationSerde = AvroSerde.forValues(Correlation.class, cached, autoRegister);
        this.alertSerde = AvroSerde.forValues(Alert.class, cached, autoRegister);
        this.deliveryFailureSerde = AvroSerde.forValues(AlertDeliveryFailure.class, cached, autoRegister);
    }

    public TypedTopic<String, IndicatorSubmission> submissions(PartyId party) {
        return new TypedTopic<>(HubTopics.submissions(party), keys, submissionSerde);
    }

    public TypedTopic<String, Sighting> sightings(PartyId party) {
        return new TypedTopic<>(HubTopics.sightings(party), keys, sightingSerde);
    }

    public TypedTopic<String, Rejection> rejected(PartyId party) {
        return new TypedTopic<>(HubTopics.rejected(party), keys, rejectionSerde);
    }

    public TypedTopic<String, Alert> alerts(PartyId party) {
        return new TypedTopic<>(HubTopics.alerts(party), keys, alertSerde);
    }

    public TypedTopic<String, AlertDeliveryFailure> alertsDeadLetter(PartyId party) {
        return new TypedTopic<>(HubTopics.alertsDeadLetter(party), keys, deliveryFailureSerde);
    }

    public TypedTopic<String, Indicator> indicators() {
        return new TypedTopic<>(HubTopics.INDICATORS, keys, indicatorSerde);
    }

    public TypedTopic<String, Correlation> correlations() {
        return new TypedTopic<>(HubTopics.CORRELATIONS, keys, correlationSerde);
    }

    public AvroSerde<IndicatorSubmission> submissionSerde() {
        return submissionSerde;
    }

    public AvroSerde<Sighting> sightingSerde() {
        return sightingSerde;
    }

    public AvroSerde<Rejection> rejectionSerde() {
        return rejectionSerde;
    }

    public AvroSerde<Indicator> indicatorSerde() {
        return indicatorSerde;
    }

    public AvroSerde<Correlation> correlationSerde() {
        return correlationSerde;
    }

    public AvroSerde<Alert> alertSerde() {
        return alertSerde;
    }

    public AvroSerde<AlertDeliveryFailure> deliveryFailureSerde() {
        return deliveryFailureSerde;
    }
}
