package org.caspianhub.topics;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the broker keeps a topic: compacted (state, the latest value per key) or retained for a time
 * (events); whether its records carry the broker's append time; and whether it is stored in the codec
 * a party's own clients decode ({@link TopicLayout#partyCompression()}). {@link TopicLayout} turns
 * this into topic configs.
 */
public record Storage(boolean compact, Optional<Duration> retention, boolean brokerTimestamps,
                      boolean partyCodec) {

    public Storage {
        Objects.requireNonNull(retention, "retention");
        if (compact == retention.isPresent()) {
            throw new IllegalArgumentException("a topic is either compacted or retained for a time");
        }
    }

    /** The latest value per key, kept for good. */
    public static Storage compacted() {
        return new Storage(true, Optional.empty(), false, false);
    }

    /** Every record, for {@code retention}. */
    public static Storage retained(Duration retention) {
        return new Storage(false, Optional.of(retention), false, false);
    }

    /**
     * A topic a party writes with its own clients: stamped with the broker's own time on append, so the
     * hub's clock for its records is never one a producer chose.
     */
    public static Storage inbound(Duration retention) {
        return new Storage(false, Optional.of(retention), true, false);
    }

    /** The same, stamped with the broker's own time on append (timestamps rise along each partition). */
    public Storage withBrokerTimestamps() {
        return new Storage(compact, retention, true, partyCodec);
    }

    /** The same, stored in the codec every client a party may run decodes. */
    public Storage inPartyCodec() {
        return new Storage(compact, retention, brokerTimestamps, true);
    }
}
