package org.caspianhub.streams.sharing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.tlp.TlpOrder;

/**
 * TLP 2.0 as the hub enforces it, per recipient party. This is the one place that decides whether
 * a recipient may learn of something another party said:
 *
 * <ul>
 * <li>CLEAR and GREEN: every party;</li>
 * <li>AMBER: the contributor and the parties it has a sharing agreement with
 *     ({@link Parties#shareAmber});</li>
 * <li>AMBER+STRICT and RED: the contributor only;</li>
 * <li>a level this build does not know ({@code null}) reads as RED, by {@link TlpOrder}, the most restrictive.</li>
 * </ul>
 *
 * A party always sees its own contributions, whatever their TLP.
 */
public final class TlpPolicy {

    private final Parties parties;
    private final List<String> recipients;
    /** "a|b" for every ordered pair with an AMBER agreement, precomputed: this runs per record and recipient. */
    private final Set<String> amberPairs = new HashSet<>();
    private final Map<String, PartyId> ids = new HashMap<>();

    public TlpPolicy(Parties parties) {
        this.parties = parties;
        this.recipients = parties.all().stream().map(PartyId::value).toList();
        for (PartyId a : parties.all()) {
            ids.put(a.value(), a);
            for (PartyId b : parties.all()) {
                if (!a.equals(b) && parties.shareAmber(a, b)) {
                    amberPairs.add(a.value() + "|" + b.value());
                }
            }
        }
    }

    /** Every configured party, in id order: the possible recipients of alerts. */
    public List<String> recipients() {
        return recipients;
    }

    public Parties parties() {
        return parties;
    }

    /** Whether {@code recipient} may learn what {@code contributor} said under {@code tlp}. */
    public boolean mayLearn(String recipient, String contributor, Tlp tlp) {
        if (recipient.equals(contributor)) {
            return true;
        }
        return switch (TlpOrder.orRed(tlp)) {
            case CLEAR, GREEN -> true;
            case AMBER -> amberPairs.contains(contributor + "|" + recipient);
            case AMBER_STRICT, RED -> false;
        };
    }
}
