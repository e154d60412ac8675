package org.caspianhub.streams.route;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.caspianhub.avro.AlertKind;

/**
 * Deterministic alert ids: the same change told to the same recipient always has the same id,
 * however often the topology re-runs it (after a crash, a rebalance), so delivery downstream
 * can drop duplicates by id. A name-based UUID over SHA-256, so that no party can craft a value
 * whose alert id collides with another alert's.
 */
public final class AlertIds {

    private AlertIds() {
    }

    /** An alert about the indicator's change to {@code version}. */
    public static String forChange(String recipient, String indicatorKey, long version, AlertKind kind) {
        return uuid("change|" + recipient + "|" + indicatorKey + "|" + version + "|" + kind.name());
    }

    /** An alert about a correlation; each recipient is told of a correlation once. */
    public static String forRelation(String recipient, String correlationId) {
        return uuid("relation|" + recipient + "|" + correlationId);
    }

    /** A deterministic id for anything else the topology names (correlations). */
    public static String uuid(String name) {
        HashCode hash = Hashing.sha256().hashString(name, StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.wrap(hash.asBytes());
        long msb = bytes.getLong();
        long lsb = bytes.getLong();
        // RFC 9562 layout of a name-based UUID: version 8 (custom hash), IETF variant
        msb = (msb & ~0xF000L) | 0x8000L;
        lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
