package org.caspianhub.testkit;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;

/**
 * Party ids unique to one test ({@code ir-3fa2c1}), so tests sharing a broker never read each
 * other's topics, while names still say which country a party plays.
 */
public final class TestParties {

    private TestParties() {
    }

    /** Unique ids for the given roles, every pair of them with an AMBER agreement. */
    public static Parties unique(String... roles) {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
        List<String> ids = java.util.Arrays.stream(roles).map(role -> role + "-" + suffix).toList();
        StringBuilder agreements = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                agreements.append(agreements.length() == 0 ? "" : ",").append(ids.get(i)).append(':').append(ids.get(j));
            }
        }
        return Parties.parse(String.join(",", ids), agreements.toString());
    }

    /** The party in {@code parties} playing {@code role} ({@code ir} finds {@code ir-3fa2c1}). */
    public static PartyId role(Parties parties, String role) {
        return parties.all().stream().filter(p -> p.value().startsWith(role + "-") || p.value().equals(role))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no party plays " + role + " in " + parties));
    }

    static String agreements(Parties parties) {
        List<PartyId> all = List.copyOf(parties.all());
        String pairs = all.stream().flatMap(a -> all.stream().filter(b -> a.compareTo(b) < 0 && parties.shareAmber(a, b))
                .map(b -> a.value() + ":" + b.value())).collect(Collectors.joining(","));
        return pairs.isEmpty() ? "none" : pairs;
    }
}
