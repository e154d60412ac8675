package org.caspianhub.streams.intake;

import java.util.Map;

/**
 * What a submission that leaves confidence or source reliability unset is taken to say: the
 * configured default confidence, and the reliability configured for its party (a CERT's own
 * analysts are usually trusted more than the average feed it relays). Read from the settings
 * declared in {@code StreamsSettings}, which hold each value to 0..100.
 *
 * @param defaultConfidence   confidence 0..100 of a submission that gives none
 * @param defaultReliability  reliability 0..100 of a party not listed in {@code reliabilityByParty}
 * @param reliabilityByParty  per party id, 0..100
 */
public record SourceDefaults(int defaultConfidence, int defaultReliability, Map<String, Integer> reliabilityByParty) {

    public SourceDefaults {
        reliabilityByParty = Map.copyOf(reliabilityByParty);
    }

    public static SourceDefaults standard() {
        return new SourceDefaults(50, 70, Map.of());
    }

    public int reliabilityOf(String party) {
        return reliabilityByParty.getOrDefault(party, defaultReliability);
    }
}
