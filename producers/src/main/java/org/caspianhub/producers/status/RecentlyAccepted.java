package org.caspianhub.producers.status;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.caspianhub.parties.PartyId;

/**
 * Read-your-writes for status look-ups: submissions this gateway just had acknowledged, for the
 * second or so before the status table has read them back from Kafka. Bounded in entries and time;
 * the table stays the record. Each party has a cache of its own, so another party's volume never
 * evicts a party's entries (its fresh submission would then read "unknown" for a moment, and the
 * moment would tell it how busy the other party was).
 */
public final class RecentlyAccepted {

    private final int entries;
    private final Duration ttl;
    private final Map<String, Cache<String, SubmissionStatus>> byParty = new ConcurrentHashMap<>();

    /** @param entries submissions remembered per party */
    public RecentlyAccepted(int entries, Duration ttl) {
        this.entries = entries;
        this.ttl = ttl;
    }

    public void add(SubmissionStatus status) {
        of(status.party()).put(status.submissionId(), status);
    }

    public Optional<SubmissionStatus> find(PartyId party, String submissionId) {
        return Optional.ofNullable(of(party.value()).getIfPresent(submissionId));
    }

    private Cache<String, SubmissionStatus> of(String party) {
        return byParty.computeIfAbsent(party, p -> CacheBuilder.newBuilder().maximumSize(entries).expireAfterWrite(ttl).build());
    }
}
