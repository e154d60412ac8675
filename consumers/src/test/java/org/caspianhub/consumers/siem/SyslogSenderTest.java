package org.caspianhub.consumers.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.caspianhub.consumers.delivery.AttemptResult;
import org.caspianhub.consumers.delivery.PreparedDelivery;
import org.caspianhub.consumers.subscription.AlertFilter;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.SilentListener;
import org.caspianhub.consumers.testing.TestCertificates;
import org.caspianhub.consumers.testing.TestSubscriptions;
import org.caspianhub.parties.PartyId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The syslog sender against a real listener that accepts (and, over TLS, handshakes) and then never reads. */
class SyslogSenderTest {

    private static final PartyId IR = PartyId.of("ir");

    @Test
    void aListenerThatStopsReadingFailsTheAttemptWithinItsTimeoutAndTheRetryGoesOutOnANewConnection() throws Exception {
        try (SilentListener siem = SilentListener.start()) {
            Destination.Syslog destination = new Destination.Syslog("127.0.0.1", siem.port(), "hub-test", 16, "caspian-hub");
            String error = fillTheWindowThenRetry(destination, Duration.ofMillis(500), siem);
            assertThat(error).startsWith("syslog 127.0.0.1:" + siem.port() + ": write timed out")
                    .contains("within 500 ms").contains("connection closed");
        }
    }

    @Test
    void aTlsListenerThatStopsReadingFailsTheAttemptWithinItsTimeoutAndTheRetryGoesOutOnANewConnection(@TempDir Path dir)
            throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "ip:127.0.0.1");
        try (SilentListener siem = SilentListener.startTls(certificates.serverContext())) {
            Destination.Syslog destination = new Destination.Syslog("127.0.0.1", siem.port(), "hub-test", 16, "caspian-hub",
                    Optional.of(new Destination.Syslog.Tls(Optional.of(certificates.caFile()))));
            // 3 s: the first attempt includes a cold TLS handshake
            String error = fillTheWindowThenRetry(destination, Duration.ofSeconds(3), siem);
            assertThat(error).startsWith("syslog+tls 127.0.0.1:" + siem.port() + ": write timed out")
                    .contains("within 3000 ms").contains("connection closed");
        }
    }

    /**
     * Writes a large frame until an attempt is not delivered (the listener's window and our send
     * buffer take a few MB), then retries it once. Every attempt must end on its own: get() fails
     * the test for one that hangs. Returns the failed attempt's error.
     */
    private static String fillTheWindowThenRetry(Destination.Syslog destination, Duration timeout, SilentListener siem)
            throws Exception {
        Subscription subscription = new Subscription("ir-siem", IR, destination, AlertFilter.all(),
                TestSubscriptions.FAST.withTimeout(timeout));
        SyslogSender sender = new SyslogSender(subscription, destination);
        try {
            PreparedDelivery frame = sender.prepare(Alerts.large(IR)).orElseThrow();
            AttemptResult result = null;
            int delivered = 0;
            while (delivered < 5_000) {
                result = frame.attempt(1).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                if (!(result instanceof AttemptResult.Delivered)) {
                    break;
                }
                delivered++;
            }
            assertThat(result).isInstanceOf(AttemptResult.Retryable.class);
            assertThat(delivered).as("frames the buffers took before the window closed").isGreaterThan(10);

            // the timed-out connection was closed; the retry writes the frame whole on a new one
            assertThat(frame.attempt(2).get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS))
                    .isInstanceOf(AttemptResult.Delivered.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> siem.connections() == 2);
            return ((AttemptResult.Retryable) result).error();
        } finally {
            sender.close();
        }
    }
}
