package org.caspianhub.consumers.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.delivery.AttemptResult;
import org.caspianhub.consumers.delivery.PreparedDelivery;
import org.caspianhub.consumers.subscription.AlertFilter;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.SyslogListener;
import org.caspianhub.consumers.testing.TestCertificates;
import org.caspianhub.consumers.testing.TestSubscriptions;
import org.caspianhub.parties.PartyId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syslog over TLS (RFC 5425) against real TLS listeners with keytool-made certificates (a stalled one: {@link SyslogSenderTest}). */
class SyslogTlsTest {

    private static final PartyId IR = PartyId.of("ir");
    /** Long: nothing here tests the timeout, and a cold TLS handshake on a loaded machine takes a while. */
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static TestCertificates loopback;

    @BeforeAll
    static void certificates() {
        loopback = TestCertificates.create(dir, "ip:127.0.0.1,dns:localhost");
    }

    @Test
    void framesArriveInsideTlsOverOneKeptConnection() throws Exception {
        try (SyslogListener siem = SyslogListener.startTls(loopback.serverContext())) {
            SyslogSender sender = sender(siem.port(), Optional.of(loopback.caFile()));
            try {
                List<Alert> alerts = List.of(Alerts.alert(IR, "203.0.113.30").build(), Alerts.alert(IR, "203.0.113.31").build(),
                        Alerts.alert(IR, "203.0.113.32").build());
                for (Alert alert : alerts) {
                    assertThat(attempt(sender, alert, 1)).isInstanceOf(AttemptResult.Delivered.class);
                    Thread.sleep(50); // the listener's TLS session tickets arrive meanwhile; the next write must not mind them
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> siem.messages().size() == 3);
                assertThat(siem.errors()).isEmpty();
                for (Alert alert : alerts) {
                    assertThat(siem.messages()).anyMatch(m -> m.startsWith("<") && m.contains("externalId=" + alert.getAlertId()));
                }
                assertThat(siem.connections()).as("one connection, kept between alerts").isEqualTo(1);
            } finally {
                sender.close();
            }
        }
    }

    @Test
    void anAlertIsNotWrittenIntoAConnectionTheListenerClosedAndGoesOutWhenItIsBack() throws Exception {
        try (SyslogListener siem = SyslogListener.startTls(loopback.serverContext())) {
            SyslogSender sender = sender(siem.port(), Optional.of(loopback.caFile()));
            try {
                assertThat(attempt(sender, Alerts.alert(IR, "203.0.113.35").build(), 1)).isInstanceOf(AttemptResult.Delivered.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> siem.messages().size() == 1);
                siem.stop(); // closes its connections with a TLS close_notify

                // the sender sees the closed connection before writing: the attempt fails (nobody listens)
                // instead of counting a frame written into a dead connection as delivered
                PreparedDelivery next = sender.prepare(Alerts.alert(IR, "203.0.113.36").build()).orElseThrow();
                assertThat(next.attempt(1).get(20, TimeUnit.SECONDS)).isInstanceOf(AttemptResult.Retryable.class);

                siem.resume();
                assertThat(next.attempt(2).get(20, TimeUnit.SECONDS)).isInstanceOf(AttemptResult.Delivered.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> siem.messages().size() == 2);
                assertThat(siem.messages().get(1)).contains("203.0.113.36");
            } finally {
                sender.close();
            }
        }
    }

    @Test
    void aListenerWhoseCertificateIsNotTrustedGetsNoAlert() throws Exception {
        try (SyslogListener siem = SyslogListener.startTls(loopback.serverContext())) {
            // no CA file: the JVM's trust store, which does not know this self-signed certificate
            SyslogSender sender = sender(siem.port(), Optional.empty());
            try {
                AttemptResult result = attempt(sender, Alerts.alert(IR, "203.0.113.33").build(), 1);
                assertThat(result).isInstanceOf(AttemptResult.Retryable.class);
                assertThat(((AttemptResult.Retryable) result).error()).startsWith("syslog+tls 127.0.0.1:" + siem.port() + ": ")
                        .contains("SSLHandshakeException").contains("certification path");
                assertThat(siem.messages()).isEmpty();
            } finally {
                sender.close();
            }
        }
    }

    @Test
    void aCertificateForAnotherNameIsRefusedEvenWhenItsIssuerIsTrusted() throws Exception {
        TestCertificates elsewhere = TestCertificates.create(dir, "dns:siem.example.az");
        try (SyslogListener siem = SyslogListener.startTls(elsewhere.serverContext())) {
            SyslogSender sender = sender(siem.port(), Optional.of(elsewhere.caFile()));
            try {
                AttemptResult result = attempt(sender, Alerts.alert(IR, "203.0.113.34").build(), 1);
                assertThat(result).isInstanceOf(AttemptResult.Retryable.class);
                assertThat(((AttemptResult.Retryable) result).error()).contains("No subject alternative names matching IP address 127.0.0.1");
                assertThat(siem.messages()).isEmpty();
            } finally {
                sender.close();
            }
        }
    }

    private static SyslogSender sender(int port, Optional<Path> caFile) {
        Destination.Syslog destination = new Destination.Syslog("127.0.0.1", port, "hub-test", 16, "caspian-hub",
                Optional.of(new Destination.Syslog.Tls(caFile)));
        Subscription subscription = new Subscription("ir-siem", IR, destination, AlertFilter.all(),
                TestSubscriptions.FAST.withTimeout(TIMEOUT));
        return new SyslogSender(subscription, destination);
    }

    private static AttemptResult attempt(SyslogSender sender, Alert alert, int attempt) throws Exception {
        return sender.prepare(alert).orElseThrow().attempt(attempt).get(TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    }
}
