package org.caspianhub.topics;

import org.caspianhub.parties.PartyId;

/**
 * Topic names as strings, for code that needs only a name (a log line, a consumer's subscription).
 * Each is the {@link TopicCatalogue}'s entry's name; to read or write records, take the serdes with
 * the name from {@link Topics} instead.
 */
public final class HubTopics {

    public static final String INDICATORS = TopicCatalogue.INDICATORS.name();
    public static final String CORRELATIONS = TopicCatalogue.CORRELATIONS.name();
    /** Where the embedded schema registry keeps its schemas (compacted, one partition). */
    public static final String SCHEMAS = TopicCatalogue.SCHEMAS;

    private HubTopics() {
    }

    public static String submissions(PartyId party) {
        return TopicCatalogue.SUBMISSIONS.name(party);
    }

    public static String sightings(PartyId party) {
        return TopicCatalogue.SIGHTINGS.name(party);
    }

    public static String rejected(PartyId party) {
        return TopicCatalogue.REJECTED.name(party);
    }

    public static String alerts(PartyId party) {
        return TopicCatalogue.ALERTS.name(party);
    }

    public static String alertsDeadLetter(PartyId party) {
        return TopicCatalogue.ALERTS_DEAD_LETTER.name(party);
    }

    /**
     * The party a per-party topic belongs to: provenance comes from here, never from a payload.
     *
     * @throws IllegalArgumentException when the topic is not a per-party topic
     */
    public static PartyId partyOf(String topic) {
        return PartyTopic.partyOf(topic);
    }
}
