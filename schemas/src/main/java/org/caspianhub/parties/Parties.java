package org.caspianhub.parties;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parties sharing through this hub and the AMBER sharing agreements between them.
 * A third Caspian state joins by configuration: add its id here, no code changes.
 *
 * <p>Agreements are symmetric pairs: {@code ir:az} lets AMBER contributions of {@code ir}
 * reach {@code az} and the other way round.
 */
public final class Parties {

    private final SortedSet<PartyId> members;
    private final Set<Set<PartyId>> amberAgreements;

    private Parties(SortedSet<PartyId> members, Set<Set<PartyId>> amberAgreements) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("at least one party must be configured");
        }
        for (Set<PartyId> pair : amberAgreements) {
            for (PartyId party : pair) {
                if (!members.contains(party)) {
                    throw new IllegalArgumentException("sharing agreement names '" + party
                            + "', which is not a configured party " + members);
                }
            }
        }
        this.members = Collections.unmodifiableSortedSet(members);
        this.amberAgreements = Set.copyOf(amberAgreements);
    }

    /** The local default: Iran and Azerbaijan with an AMBER agreement between them. */
    public static Parties defaults() {
        return parse("ir,az", "ir:az");
    }

    /**
     * Parses {@code "ir,az,kz"} and {@code "ir:az,az:kz"} ({@code "none"} for no agreements).
     *
     * @throws IllegalArgumentException naming the offending entry
     */
    public static Parties parse(String partyList, String agreementList) {
        SortedSet<PartyId> members = new TreeSet<>();
        for (String id : split(partyList)) {
            members.add(PartyId.of(id));
        }
        Set<Set<PartyId>> agreements = new LinkedHashSet<>();
        for (String pair : split(agreementList)) {
            String[] sides = pair.split(":");
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw new IllegalArgumentException("sharing agreement must look like 'ir:az', got '" + pair + "'");
            }
            PartyId a = PartyId.of(sides[0]);
            PartyId b = PartyId.of(sides[1]);
            if (a.equals(b)) {
                throw new IllegalArgumentException("sharing agreement needs two different parties, got '" + pair + "'");
            }
            agreements.add(Set.of(a, b));
        }
        return new Parties(members, agreements);
    }

    private static String[] split(String list) {
        if (list == null || list.isBlank() || list.trim().equalsIgnoreCase("none")) {
            return new String[0];
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    public SortedSet<PartyId> all() {
        return members;
    }

    public boolean contains(PartyId party) {
        return members.contains(party);
    }

    /** True when {@code a} and {@code b} have agreed to share TLP:AMBER (always true for a party with itself). */
    public boolean shareAmber(PartyId a, PartyId b) {
        return a.equals(b) || amberAgreements.contains(Set.of(a, b));
    }

    @Override
    public String toString() {
        String agreements = amberAgreements.stream()
                .map(pair -> pair.stream().map(PartyId::value).sorted().collect(Collectors.joining(":")))
                .sorted()
                .collect(Collectors.joining(","));
        return "parties " + members + ", AMBER agreements [" + agreements + "]";
    }
}
