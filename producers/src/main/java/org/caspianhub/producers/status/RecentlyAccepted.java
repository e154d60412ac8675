package org.caspianhub.producers.status;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.Optional;
import org.caspianhub.parties.PartyId;

/**
 * Read-your-writes for status look-ups: submissions this gateway just had acknowledged, for the
 * second or so before the status table has read them back from Kafka. Bounded in entries and time;
 * the table stays the record.
 */
public final class RecentlyAccepted {

    private final Cache<String, SubmissionStatus> recent;

    public RecentlyAccepted(int entries, Duration ttl) {
        this.recent = CacheBuilder.newBuilder().maximumSize(entries).expireAfterWrite(ttl).build();
    }

    public void add(SubmissionStatus status) {
        recent.put(status.party() + "/" + status.submissionId(), status);
    }

    public Optional<SubmissionStatus> find(PartyId party, String submissionId) {
        return Optional.ofNullable(recent.getIfPresent(party.value() + "/" + submissionId));
    }
}
