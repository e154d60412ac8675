package org.caspianhub.consumers.subscription;

import java.util.Objects;
import java.util.regex.Pattern;
import org.caspianhub.parties.PartyId;

/**
 * One party's standing order for its alerts: where they go, which ones, and how delivery
 * behaves. A party may have several; each reads the party's alert topic on its own (its own
 * consumer group), so one slow destination never holds up another.
 */
public record Subscription(String id, PartyId party, Destination destination, AlertFilter filter, DeliveryPolicy policy) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(policy, "policy");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("subscription id must be 1 to 64 characters of a-z, 0-9, '.', '_' "
                    + "and '-', starting with a letter or digit; got '" + id + "'");
        }
    }

    /** {@code ir-soc-webhook (ir) -> https://soc.example/hook (json), filter minScore=50}. */
    public String describe() {
        return id + " (" + party + ") -> " + destination.describe() + ", filter " + filter.describe();
    }
}
