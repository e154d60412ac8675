package org.caspianhub.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.caspianhub.consumers.delivery.AttemptResult;
import org.caspianhub.consumers.delivery.PreparedDelivery;
import org.caspianhub.consumers.subscription.AlertFilter;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.subscription.WebhookFormat;
import org.caspianhub.consumers.testing.Alerts;
import org.caspianhub.consumers.testing.TestSubscriptions;
import org.caspianhub.consumers.testing.WebhookReceiver;
import org.caspianhub.parties.PartyId;
import org.junit.jupiter.api.Test;

/**
 * The webhook side of the one outbound rule: a receiver whose name resolves to a loopback address
 * gets nothing unless the subscription allows private networks, and the attempt is refused (not
 * retried), naming the flag.
 */
class WebhookDestinationTest {

    private static final PartyId IR = PartyId.of("ir");

    private static AttemptResult deliver(URI url, boolean allowPrivateNetwork) throws Exception {
        Subscription subscription = new Subscription("ir-soc", IR, new Destination.Webhook(url, WebhookFormat.JSON,
                TestSubscriptions.SECRET, allowPrivateNetwork), AlertFilter.all(), TestSubscriptions.FAST);
        WebhookSender sender = new WebhookSender(subscription, (Destination.Webhook) subscription.destination(), Clock.systemUTC());
        try {
            PreparedDelivery delivery = sender.prepare(Alerts.alert(IR, "203.0.113.77").build()).orElseThrow();
            return delivery.attempt(1).get(10, TimeUnit.SECONDS);
        } finally {
            sender.close();
        }
    }

    @Test
    void aReceiverOnALoopbackAddressGetsNothingUnlessTheSubscriptionAllowsIt() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.accepting()) {
            URI byName = URI.create("http://localhost:" + receiver.url().getPort() + receiver.url().getPath());

            AttemptResult refused = deliver(byName, false);
            assertThat(refused).isInstanceOf(AttemptResult.Refused.class);
            assertThat(((AttemptResult.Refused) refused).error()).contains("a loopback address").contains("allowPrivateNetwork");
            assertThat(receiver.requests()).isEmpty();

            assertThat(deliver(byName, true)).isInstanceOf(AttemptResult.Delivered.class);
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void aRedirectIsNotFollowedSoASignedAlertGoesOnlyWhereTheSubscriptionSays() throws Exception {
        try (WebhookReceiver elsewhere = WebhookReceiver.accepting();
             WebhookReceiver redirecting = WebhookReceiver.start((key, attempt) -> WebhookReceiver.Answer.status(307)
                     .withHeader("Location", elsewhere.url().toString()))) {
            AttemptResult result = deliver(redirecting.url(), true);

            assertThat(result).isInstanceOf(AttemptResult.Refused.class);
            assertThat(((AttemptResult.Refused) result).error()).contains("redirects are not followed");
            assertThat(redirecting.requests()).hasSize(1);
            assertThat(elsewhere.requests()).isEmpty();
        }
    }
}
