package org.caspianhub.topics;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes its records use, so code reads {@code topics.submissions(party)} and
 * cannot pair a topic with the wrong serde.
 */
public record TypedTopic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    public TypedTopic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    @Override
    public String toString() {
        return name;
    }
}
