package org.caspianhub.topics;

import org.caspianhub.parties.PartyId;

/**
 * Every topic name of the hub, in one place. Per-party topics are {@code cti.<party>.<purpose>};
 * hub-wide ones are {@code cti.hub.<purpose>}. Kafka ACLs in a deployment follow these names:
 * a party's principal writes only {@code cti.<party>.submissions} and {@code .sightings}, reads
 * only its own {@code .alerts} and {@code .rejected}.
 */
public final class HubTopics {

    public static final String INDICATORS = "cti.hub.indicators";
    public static final String CORRELATIONS = "cti.hub.correlations";
    /** Where the embedded schema registry keeps its schemas (compacted, one partition). */
    public static final String SCHEMAS = "_caspian_schemas";

    private HubTopics() {
    }

    public static String submissions(PartyId party) {
        return "cti." + party.value() + ".submissions";
    }

    public static String sightings(PartyId party) {
        return "cti." + party.value() + ".sightings";
    }

    public static String rejected(PartyId party) {
        return "cti." + party.value() + ".rejected";
    }

    public static String alerts(PartyId party) {
        return "cti." + party.value() + ".alerts";
    }

    public static String alertsDeadLetter(PartyId party) {
        return "cti." + party.value() + ".alerts.dlq";
    }

    /**
     * The party a per-party topic belongs to: provenance comes from here, never from a payload.
     *
     * @throws IllegalArgumentException when the topic is not a per-party topic
     */
    public static PartyId partyOf(String topic) {
        if (topic != null && topic.startsWith("cti.") && !topic.startsWith("cti.hub.")) {
            int end = topic.indexOf('.', 4);
            if (end > 4) {
                return PartyId.of(topic.substring(4, end));
            }
        }
        throw new IllegalArgumentException("'" + topic + "' is not a per-party topic");
    }
}
