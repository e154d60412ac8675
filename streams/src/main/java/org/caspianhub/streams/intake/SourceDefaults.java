package org.caspianhub.streams.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.Settings;

/**
 * What a submission that leaves confidence or source reliability unset is taken to say: the
 * configured default confidence, and the reliability configured for its party (a CERT's own
 * analysts are usually trusted more than the average feed it relays).
 *
 * @param defaultConfidence   confidence 0..100 of a submission that gives none
 * @param defaultReliability  reliability 0..100 of a party not listed in {@code reliabilityByParty}
 * @param reliabilityByParty  per party id, 0..100
 */
public record SourceDefaults(int defaultConfidence, int defaultReliability, Map<String, Integer> reliabilityByParty) {

    public SourceDefaults {
        check("CASPIAN_STREAMS_DEFAULT_CONFIDENCE", defaultConfidence);
        check("CASPIAN_STREAMS_DEFAULT_RELIABILITY", defaultReliability);
        reliabilityByParty.forEach((party, value) -> check("CASPIAN_STREAMS_RELIABILITY (" + party + ")", value));
        reliabilityByParty = Map.copyOf(reliabilityByParty);
    }

    public static SourceDefaults standard() {
        return new SourceDefaults(50, 70, Map.of());
    }

    public static SourceDefaults from(Settings settings, Parties parties) {
        Map<String, Integer> byParty = new HashMap<>();
        List<String> entries = settings.list("CASPIAN_STREAMS_RELIABILITY", List.of());
        for (String entry : entries) {
            String[] sides = entry.split(":");
            if (sides.length != 2) {
                throw new IllegalArgumentException("setting CASPIAN_STREAMS_RELIABILITY must look like 'ir:80,az:75', got '"
                        + entry + "'");
            }
            PartyId party = PartyId.of(sides[0]);
            if (!parties.contains(party)) {
                throw new IllegalArgumentException("setting CASPIAN_STREAMS_RELIABILITY names '" + party
                        + "', which is not a configured party " + parties.all());
            }
            try {
                byParty.put(party.value(), Integer.parseInt(sides[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting CASPIAN_STREAMS_RELIABILITY needs a number 0..100 for '"
                        + party + "', got '" + sides[1] + "'", e);
            }
        }
        return new SourceDefaults(settings.integer("CASPIAN_STREAMS_DEFAULT_CONFIDENCE", 50),
                settings.integer("CASPIAN_STREAMS_DEFAULT_RELIABILITY", 70), byParty);
    }

    public int reliabilityOf(String party) {
        return reliabilityByParty.getOrDefault(party, defaultReliability);
    }

    private static void check(String name, int value) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException("setting " + name + " must be 0..100, got " + value);
        }
    }
}
