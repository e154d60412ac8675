package org.caspianhub.topics;

import java.time.Duration;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertDeliveryFailure;
import org.caspianhub.avro.Correlation;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.Sighting;

/**
 * Every topic of the hub, one entry each: the answer to "what topics exist". Each entry says whether
 * there is one per party ({@code cti.<party>.<purpose>}) or one for the hub ({@code cti.hub.<purpose>}),
 * its value type (keys are strings: submission id, indicator key, alert id), how the broker keeps it,
 * and what a party's own principal may do with it. Provisioning ({@link TopicLayout}), schemas
 * ({@link SchemaProvisioner}), ACLs ({@link PartyAcls}) and serdes ({@link Topics}) all read these
 * entries, so a topic's name cannot drift from its serde, schema, retention or ACL.
 *
 * <p>Retention: state lives in compacted topics; submissions are kept a week, alerts, rejections and
 * correlations a month, dead letters a quarter.
 */
public final class TopicCatalogue {

    /** What a party submits, with its own client or through the gateway, importer or feed poller. */
    public static final PartyTopic<IndicatorSubmission> SUBMISSIONS = new PartyTopic<>("submissions",
            IndicatorSubmission.class, Storage.inbound(Duration.ofDays(7)), PartyAccess.WRITE);
    /** What a party reports having seen. */
    public static final PartyTopic<Sighting> SIGHTINGS = new PartyTopic<>("sightings",
            Sighting.class, Storage.inbound(Duration.ofDays(7)), PartyAccess.WRITE);
    /** Why the pipeline refused one of the party's records. */
    public static final PartyTopic<Rejection> REJECTED = new PartyTopic<>("rejected",
            Rejection.class, Storage.retained(Duration.ofDays(30)).inPartyCodec(), PartyAccess.READ);
    /**
     * What the party may learn: its alerts, as TLP allows. Also the log the TAXII server serves the
     * party's collection from: kept as long as TAXII's documented retention (90 days), and stamped
     * with the broker's append time, on which TAXII's date_added and added_after paging rest.
     */
    public static final PartyTopic<Alert> ALERTS = new PartyTopic<>("alerts",
            Alert.class, Storage.retained(Duration.ofDays(90)).withBrokerTimestamps().inPartyCodec(), PartyAccess.READ);
    /** Alerts the dispatcher could not deliver to one of the party's subscriptions. */
    public static final PartyTopic<AlertDeliveryFailure> ALERTS_DEAD_LETTER = new PartyTopic<>("alerts.dlq",
            AlertDeliveryFailure.class, Storage.retained(Duration.ofDays(90)).inPartyCodec(), PartyAccess.NONE);

    /** The merged indicators, latest state per indicator key. */
    public static final HubWideTopic<Indicator> INDICATORS = new HubWideTopic<>("indicators",
            Indicator.class, Storage.compacted());
    /** Every correlation found between indicators. */
    public static final HubWideTopic<Correlation> CORRELATIONS = new HubWideTopic<>("correlations",
            Correlation.class, Storage.retained(Duration.ofDays(30)));

    /**
     * Where the embedded schema registry keeps its schemas: compacted, one partition, JSON records (so no
     * entry of its own); its name is a setting, CASPIAN_REGISTRY_TOPIC, with this default.
     */
    public static final String SCHEMAS = "_caspian_schemas";

    /** Every per-party topic, in provisioning order. */
    public static final List<PartyTopic<?>> PER_PARTY = List.of(SUBMISSIONS, SIGHTINGS, REJECTED, ALERTS,
            ALERTS_DEAD_LETTER);
    /** Every hub-wide topic (besides {@link #SCHEMAS}), in provisioning order. */
    public static final List<HubWideTopic<?>> HUB_WIDE = List.of(INDICATORS, CORRELATIONS);

    /** The pipeline's application, in {@link InternalTopic#application}. */
    public static final String STREAMS = "streams (CASPIAN_STREAMS_APPLICATION_ID, default caspian-hub)";
    /** The TAXII server's application, in {@link InternalTopic#application}. */
    public static final String TAXII = "taxii (CASPIAN_TAXII_APPLICATION_ID, default caspian-taxii)";

    /**
     * The topics Kafka Streams creates for the hub's applications. The gateway's status table has none:
     * it restores its stores from the submissions and rejected topics themselves.
     */
    public static final List<InternalTopic> INTERNAL = List.of(
            new InternalTopic(STREAMS, "indicator-events", InternalTopic.REPARTITION,
                    "submissions and sightings that arrived outside their locality's partition"),
            new InternalTopic(STREAMS, "reference-members", InternalTopic.REPARTITION,
                    "indicators keyed by the reference or group they name"),
            new InternalTopic(STREAMS, "indicators", InternalTopic.CHANGELOG, "the merge stage's indicator states"),
            new InternalTopic(STREAMS, "correlations", InternalTopic.CHANGELOG, "the correlations each indicator is in"),
            new InternalTopic(STREAMS, "reference-members", InternalTopic.CHANGELOG, "the members of each reference"),
            new InternalTopic(STREAMS, "reference-sizes", InternalTopic.CHANGELOG, "how many members each reference has"),
            new InternalTopic(TAXII, "stix-objects", InternalTopic.REPARTITION, "STIX objects keyed by collection"),
            new InternalTopic(TAXII, "taxii-objects", InternalTopic.CHANGELOG, "the collections' objects"),
            new InternalTopic(TAXII, "taxii-object-versions", InternalTopic.CHANGELOG, "the collections' version index"));

    private TopicCatalogue() {
    }
}
