package org.caspianhub.producers.gateway;

import org.caspianhub.testkit.KafkaContainerPlatform;
import org.caspianhub.testkit.TestPlatform;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same contract against Testcontainers' apache/kafka; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class GatewayOnContainerTest extends GatewayOnKafkaContract {

    @RegisterExtension
    static final KafkaContainerPlatform KAFKA = new KafkaContainerPlatform();

    @Override
    protected TestPlatform platform() {
        return KAFKA;
    }
}
