package org.caspianhub.parties;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A party's short identifier ({@code ir}, {@code az}, ...). It becomes part of topic names,
 * so it is restricted to what a Kafka topic name and a URL path segment both accept.
 */
public record PartyId(String value) implements Comparable<PartyId> {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{1,31}");

    public PartyId {
        Objects.requireNonNull(value, "party id");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("party id must be 2 to 32 characters of a-z, 0-9 and '-', "
                    + "starting with a letter; got '" + value + "'");
        }
        if (value.equals("hub")) {
            // cti.hub.* holds the hub's own topics (merged indicators, correlations)
            throw new IllegalArgumentException("party id 'hub' is reserved for the hub's own topics");
        }
    }

    public static PartyId of(String value) {
        return new PartyId(value == null ? null : value.trim());
    }

    @Override
    public int compareTo(PartyId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
