package org.caspianhub.consumers.webhook;

import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;

/** Webhook delivery through the embedded KRaft broker. */
class WebhookDeliveryTest extends WebhookDeliveryContract {

    @Override
    protected TestPlatform platform() {
        return TestPlatforms.embedded();
    }
}
