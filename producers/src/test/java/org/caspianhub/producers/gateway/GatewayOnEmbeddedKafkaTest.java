package org.caspianhub.producers.gateway;

import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;

/** The gateway contract on the embedded KRaft broker. */
class GatewayOnEmbeddedKafkaTest extends GatewayOnKafkaContract {

    @Override
    protected TestPlatform platform() {
        return TestPlatforms.embedded();
    }
}
