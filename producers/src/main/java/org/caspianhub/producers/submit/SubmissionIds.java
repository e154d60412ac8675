package org.caspianhub.producers.submit;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.caspianhub.parties.PartyId;

/**
 * Submission ids. Without an idempotency key each item gets a random UUID. With one, ids are
 * derived from the party, the caller, the key, the operation and the item's position, so a retried
 * request names the same submissions even after a gateway restart, and the status table (or the
 * topology's dedup) can tell it has seen them.
 */
public final class SubmissionIds {

    private SubmissionIds() {
    }

    /**
     * A random (version 4) UUID from {@link java.util.concurrent.ThreadLocalRandom}: ids must be unique,
     * not unguessable (they are never a credential), and {@code UUID.randomUUID()}'s SecureRandom is a
     * contended lock when hundreds of ids are made per request.
     */
    public static String random() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    /** A name-based UUID (version 3) of everything that makes a retried item the same item. */
    public static String derived(PartyId party, String caller, String idempotencyKey, String operation, long index) {
        String name = party.value() + '\n' + caller + '\n' + idempotencyKey + '\n' + operation + '\n' + index;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Ids for one request: derived when an idempotency key was given, random otherwise. */
    public interface Source {
        String next(long index);
    }

    public static Source forRequest(PartyId party, String caller, String idempotencyKey, String operation) {
        if (idempotencyKey == null) {
            return index -> random();
        }
        return index -> derived(party, caller, idempotencyKey, operation, index);
    }
}
