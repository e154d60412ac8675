package org.caspianhub.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The Testcontainers side of {@link TestPlatform}: Kafka in the {@code apache/kafka} image with the
 * embedded registry in front of it, for the variant of an integration test that runs where a
 * Docker engine exists. Register it on a class that also carries
 * {@code @Testcontainers(disabledWithoutDocker = true)}, so the class is skipped cleanly elsewhere:
 * <pre>
 * &#64;Testcontainers(disabledWithoutDocker = true)
 * class GatewayOnContainerTest extends GatewayContract {
 *     &#64;RegisterExtension
 *     static final KafkaContainerPlatform KAFKA = new KafkaContainerPlatform();
 *
 *     &#64;Override
 *     protected TestPlatform platform() {
 *         return KAFKA;
 *     }
 * }
 * </pre>
 */
public final class KafkaContainerPlatform implements TestPlatform, BeforeAllCallback, AfterAllCallback {

    /** The broker image: the same Kafka line as the embedded broker. */
    public static final String IMAGE = "apache/kafka:4.1.1";

    private KafkaContainer kafka;
    private TestPlatforms.ExternalKafkaPlatform platform;

    @Override
    public void beforeAll(ExtensionContext context) {
        kafka = new KafkaContainer(IMAGE);
        kafka.start();
        platform = TestPlatforms.onKafka(kafka.getBootstrapServers());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (platform != null) {
            platform.close();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    @Override
    public String bootstrapServers() {
        return platform.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return platform.schemaRegistryUrl();
    }
}
