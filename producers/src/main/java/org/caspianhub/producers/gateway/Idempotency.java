package org.caspianhub.producers.gateway;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.Striped;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import org.caspianhub.runtime.auth.Principal;

/**
 * The {@code Idempotency-Key} header: a retried request with the same key gets the first answer
 * again and writes nothing twice. Answers are remembered in a bounded cache (entries and time);
 * beyond it, and across restarts, the submission ids derived from the key let the endpoints find
 * what was already written in the status table. Requests with the same key run one at a time. The
 * same key with a different body is a client error (422), not a replay.
 */
final class Idempotency {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    /** An answer to replay. */
    record Answer(int status, Object body) {
    }

    private record Remembered(String bodySha256, Answer answer) {
    }

    /**
     * One party's remembered answers and locks. Each party has its own: with one cache, another party's
     * requests would evict this party's answers (a retry answering 400 instead of 422 counts them), and
     * with one set of lock stripes a request would wait behind another party's import on the same stripe
     * (its start and end, to the second). A party's answers depend on its own requests only.
     */
    private record PartyAnswers(Cache<String, Remembered> answers, Striped<Lock> locks) {
    }

    private final int entries;
    private final Duration ttl;
    private final Map<String, PartyAnswers> byParty = new ConcurrentHashMap<>();

    /** @param entries answers remembered per party */
    Idempotency(int entries, Duration ttl) {
        this.entries = entries;
        this.ttl = ttl;
    }

    private PartyAnswers of(Principal principal) {
        return byParty.computeIfAbsent(principal.party().value(), party -> new PartyAnswers(
                CacheBuilder.newBuilder().maximumSize(entries).expireAfterWrite(ttl).build(), Striped.lock(64)));
    }

    /** The request's idempotency key, or null; 400 for a key that is not 1 to 200 visible ASCII characters. */
    static String key(Context ctx) {
        String key = ctx.header(HEADER);
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 200 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw ApiException.of(400, "invalid_idempotency_key", HEADER,
                    "Idempotency-Key must be 1 to 200 visible ASCII characters (a UUID is a good key)");
        }
        return key;
    }

    /** Runs {@code work} once per key and body; a retry replays its answer. */
    Answer once(Context ctx, Principal principal, String operation, String key, Supplier<String> bodyFingerprint,
                Supplier<Answer> work) {
        if (key == null) {
            return work.get();
        }
        String bodySha256 = bodyFingerprint.get();
        String cacheKey = principal.name() + '\n' + operation + '\n' + key;
        PartyAnswers party = of(principal);
        Cache<String, Remembered> answers = party.answers();
        Lock lock = party.locks().get(cacheKey);
        lock.lock();
        try {
            Remembered remembered = answers.getIfPresent(cacheKey);
            if (remembered != null) {
                if (!remembered.bodySha256().equals(bodySha256)) {
                    throw ApiException.of(422, "idempotency_key_reused", HEADER, "this Idempotency-Key was used "
                            + "with a different body; use a new key for a new request");
                }
                ctx.header(REPLAYED, "true");
                return remembered.answer();
            }
            Answer answer = work.get();
            if (answer.status() < 500) {
                answers.put(cacheKey, new Remembered(bodySha256, answer));
            }
            return answer;
        } finally {
            lock.unlock();
        }
    }
}
