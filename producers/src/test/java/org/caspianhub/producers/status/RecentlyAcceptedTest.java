package org.caspianhub.producers.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.caspianhub.parties.PartyId;
import org.junit.jupiter.api.Test;

/** Read-your-writes for status look-ups, bounded per party. */
class RecentlyAcceptedTest {

    @Test
    void anotherPartysVolumeNeverEvictsAPartysFreshSubmission() {
        RecentlyAccepted recent = new RecentlyAccepted(10, Duration.ofMinutes(1));
        recent.add(accepted("az-1", "az"));
        for (int i = 0; i < 1_000; i++) {
            recent.add(accepted("ir-" + i, "ir")); // ir's burst, far over the bound
        }
        assertThat(recent.find(PartyId.of("az"), "az-1")).as("az's own submission, after ir's burst").isPresent();
        assertThat(recent.find(PartyId.of("ir"), "ir-999")).isPresent();
        assertThat(recent.find(PartyId.of("ir"), "ir-0")).as("ir's oldest, past ir's own bound").isEmpty();
        assertThat(recent.find(PartyId.of("ir"), "az-1")).as("one party never finds another's").isEmpty();
    }

    private static SubmissionStatus accepted(String id, String party) {
        return new SubmissionStatus(id, party, "submit", "198.51.100.7", "IPV4", "analyst", Instant.now(), null, List.of());
    }
}
