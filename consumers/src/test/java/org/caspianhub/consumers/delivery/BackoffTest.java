package org.caspianhub.consumers.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

    @Test
    void theCeilingDoublesPerAttemptUpToTheMaximum() {
        assertThat(backoff.ceilingMillis(2)).isEqualTo(1_000);
        assertThat(backoff.ceilingMillis(3)).isEqualTo(2_000);
        assertThat(backoff.ceilingMillis(4)).isEqualTo(4_000);
        assertThat(backoff.ceilingMillis(10)).isEqualTo(256_000);
        assertThat(backoff.ceilingMillis(11)).isEqualTo(300_000);
        assertThat(backoff.ceilingMillis(100)).isEqualTo(300_000);
    }

    @Test
    void jitterStaysInTheUpperHalfAndActuallyVaries() {
        Random random = new Random(42);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            long wait = backoff.before(4, random).toMillis();
            assertThat(wait).isBetween(2_000L, 4_000L);
            seen.add(wait);
        }
        assertThat(seen).hasSizeGreaterThan(50);
    }
}
