package org.caspianhub.consumers.siem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.caspianhub.consumers.delivery.AttemptResult;
import org.caspianhub.consumers.delivery.PreparedDelivery;
import org.caspianhub.consumers.subscription.AlertFilter;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.SilentListener;
import org.caspianhub.consumers.testing.TestSubscriptions;
import org.caspianhub.parties.PartyId;
import org.junit.jupiter.api.Test;

/** The syslog sender against a real TCP listener that accepts and then never reads. */
class SyslogSenderTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Test
    void aListenerThatStopsReadingFailsTheAttemptWithinItsTimeoutAndTheRetryGoesOutOnANewConnection() throws Exception {
        PartyId ir = PartyId.of("ir");
        try (SilentListener siem = SilentListener.start()) {
            Destination.Syslog destination = new Destination.Syslog("127.0.0.1", siem.port(), "hub-test", 16, "caspian-hub");
            Subscription subscription = new Subscription("ir-siem", ir, destination, AlertFilter.all(),
                    TestSubscriptions.FAST.withTimeout(TIMEOUT));
            SyslogSender sender = new SyslogSender(subscription, destination);
            try {
                PreparedDelivery frame = sender.prepare(Alerts.large(ir)).orElseThrow();
                // the listener's window and our send buffer take a few MB; then a write finds no room.
                // Every attempt must end on its own: get() fails the test for one that hangs
                AttemptResult result = null;
                int delivered = 0;
                while (delivered < 5_000) {
                    result = frame.attempt(1).get(TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                    if (!(result instanceof AttemptResult.Delivered)) {
                        break;
                    }
                    delivered++;
                }
                assertThat(result).isInstanceOf(AttemptResult.Retryable.class);
                assertThat(((AttemptResult.Retryable) result).error())
                        .startsWith("syslog 127.0.0.1:" + siem.port() + ": write timed out")
                        .contains("within 500 ms").contains("connection closed");
                assertThat(delivered).as("frames the buffers took before the window closed").isGreaterThan(10);

                // the timed-out connection was closed; the retry writes the frame whole on a new one
                assertThat(frame.attempt(2).get(TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS))
                        .isInstanceOf(AttemptResult.Delivered.class);
                assertThat(siem.connections()).isEqualTo(2);
            } finally {
                sender.close();
            }
        }
    }
}
