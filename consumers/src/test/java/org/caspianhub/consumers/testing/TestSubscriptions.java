package org.caspianhub.consumers.testing;

import java.net.URI;
import java.time.Duration;
import org.caspianhub.consumers.subscription.AlertFilter;
import org.caspianhub.consumers.subscription.DeliveryPolicy;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.subscription.WebhookFormat;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.Secret;

/** Subscriptions for tests: short backoffs so retries take milliseconds, not minutes. */
public final class TestSubscriptions {

    public static final Secret SECRET = new Secret("test-webhook-hmac-key-0123456789abcdef");
    public static final DeliveryPolicy FAST = new DeliveryPolicy(4, Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofSeconds(2), 16, Duration.ofSeconds(5), "earliest", Duration.ofMinutes(1));

    private TestSubscriptions() {
    }

    public static Subscription webhook(String id, PartyId party, URI url) {
        return webhook(id, party, url, WebhookFormat.JSON, AlertFilter.all(), FAST);
    }

    public static Subscription webhook(String id, PartyId party, URI url, DeliveryPolicy policy) {
        return webhook(id, party, url, WebhookFormat.JSON, AlertFilter.all(), policy);
    }

    public static Subscription webhook(String id, PartyId party, URI url, WebhookFormat format, AlertFilter filter,
                                       DeliveryPolicy policy) {
        return new Subscription(id, party, new Destination.Webhook(url, format, SECRET, true), filter, policy);
    }
}
