package org.caspianhub.serde;

import org.caspianhub.testkit.KafkaContainerPlatform;
import org.caspianhub.testkit.TestPlatform;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same round trip against Testcontainers' apache/kafka; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class SerdeRoundTripOnContainerTest extends SerdeRoundTripContract {

    @RegisterExtension
    static final KafkaContainerPlatform KAFKA = new KafkaContainerPlatform();

    @Override
    protected TestPlatform platform() {
        return KAFKA;
    }
}
