package org.caspianhub.consumers.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.parties.Parties;
import org.caspianhub.runtime.Settings;
import org.junit.jupiter.api.Test;

/**
 * Attack (review of the strict JSON reader, commit a8579d4): a subscription's {@code maxTlp} is the
 * one thing that keeps another party's AMBER contribution, which az may see, away from a destination
 * az's operator trusts less (an MSSP's SIEM, a GREEN-only community feed). Before the change,
 * {@code "maxTlp": ""} and {@code "maxTlp": null} were refused at start-up ("must be a non-empty
 * string"). Through {@link org.caspianhub.runtime.json.StrictJsonObject#text} a blank or null string
 * now counts as absent, and an absent {@code maxTlp} means "no ceiling": the subscription starts,
 * and ir's AMBER content flows to that destination. The gateway refuses {@code "tlp": ""} for the
 * same reason (docs/security.md: "tlp takes the default only when absent"); the feeds file reads
 * its {@code tlp} with {@code strictLabel}; the subscriptions file does not.
 */
class SubscriptionMaxTlpLeakTest {

    private static final DeliveryPolicy DEFAULTS = new DeliveryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofSeconds(10), 64, Duration.ofMinutes(15), "earliest", Duration.ofHours(24));

    /** az's alert about a value ir reported as AMBER (under the ir:az agreement): marked AMBER. */
    private static Alert irAmberAsAzSeesIt() {
        Instant now = Instant.now();
        return Alerts.alert("az", IndicatorType.DOMAIN, "ir-amber-c2.example")
                .setTlp(Tlp.AMBER)
                .setParties(List.of("ir"))
                .setContributions(List.of(Alerts.contribution("ir", Tlp.AMBER, 80, now)))
                .build();
    }

    @Test
    void aBlankMaxTlpIsRefusedNotReadAsNoCeiling() {
        assertRefusedOrCeilingKept("\"\"");
    }

    @Test
    void aWhitespaceMaxTlpIsRefusedNotReadAsNoCeiling() {
        assertRefusedOrCeilingKept("\"   \"");
    }

    @Test
    void aNullMaxTlpIsRefusedNotReadAsNoCeiling() {
        assertRefusedOrCeilingKept("null");
    }

    private static void assertRefusedOrCeilingKept(String maxTlp) {
        String file = """
                {"subscriptions": [
                  {"id": "az-mssp", "party": "az",
                   "destination": {"type": "log"},
                   "filter": {"maxTlp": %s}}
                ]}
                """.formatted(maxTlp);
        List<Subscription> subscriptions;
        try {
            subscriptions = SubscriptionsFile.parse(file, "test", Parties.defaults(), DEFAULTS, Settings.of(Map.of()), null);
        } catch (IllegalArgumentException refused) {
            assertThat(refused).hasMessageContaining("maxTlp");
            return; // refused at start-up, as before the change: nothing reaches the destination
        }
        Subscription mssp = subscriptions.get(0);
        assertThat(mssp.filter().matches(irAmberAsAzSeesIt()))
                .as("\"maxTlp\": %s was accepted as %s (no ceiling), so az's alert carrying ir's AMBER contribution "
                        + "is delivered to the destination the operator meant to cap", maxTlp, mssp.filter().describe())
                .isFalse();
    }
}
