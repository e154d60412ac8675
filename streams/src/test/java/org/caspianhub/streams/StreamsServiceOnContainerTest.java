package org.caspianhub.streams;

import org.caspianhub.testkit.TestPlatform;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The same service test against Testcontainers' apache/kafka; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class StreamsServiceOnContainerTest extends StreamsServiceContract {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.1");

    private static TestPlatforms.ExternalKafkaPlatform platform;

    @BeforeAll
    static void startRegistry() {
        platform = TestPlatforms.onKafka(KAFKA.getBootstrapServers());
    }

    @AfterAll
    static void stopRegistry() {
        if (platform != null) {
            platform.close();
        }
    }

    @Override
    protected TestPlatform platform() {
        return platform;
    }
}
