package org.caspianhub.producers.submit;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.caspianhub.parties.PartyId;

/**
 * Submission ids. Without an idempotency key each item gets a random UUID. With one, ids are
 * derived from the party, the caller, the key, the operation, the SHA-256 of the request's body
 * and the item's position, so a retried request (same key, same body) names the same submissions
 * even after a gateway restart or after its answer left the cache, and the status table (or the
 * topology's dedup) can tell it has seen them. The body's hash is part of the name so that a key
 * reused with a different body can never map to the ids of the earlier request: its items would
 * otherwise be taken for already written and silently dropped.
 */
public final class SubmissionIds {

    private SubmissionIds() {
    }

    /**
     * A random (version 4) UUID from {@link UUID#randomUUID()}: 122 random bits from the platform's
     * SecureRandom, so ids do not collide at any volume the hub will see.
     */
    public static String random() {
        return UUID.randomUUID().toString();
    }

    /** A name-based UUID (version 3) of everything that makes a retried item the same item. */
    public static String derived(PartyId party, String caller, String idempotencyKey, String operation, String bodySha256,
                                 long index) {
        String name = party.value() + '\n' + caller + '\n' + idempotencyKey + '\n' + operation + '\n' + bodySha256
                + '\n' + index;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Ids for one request: derived when an idempotency key was given, random otherwise. */
    public interface Source {
        String next(long index);
    }

    /**
     * @param bodySha256 the hash of the request's body as received (for an import, of the file and
     *                   its query parameters); only used with an idempotency key
     */
    public static Source forRequest(PartyId party, String caller, String idempotencyKey, String operation,
                                    String bodySha256) {
        if (idempotencyKey == null) {
            return index -> random();
        }
        return index -> derived(party, caller, idempotencyKey, operation, bodySha256, index);
    }
}
