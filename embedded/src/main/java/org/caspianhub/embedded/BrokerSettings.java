package org.caspianhub.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.runtime.Settings;

/**
 * The embedded broker's settings: CASPIAN_BROKER_HOST (localhost), CASPIAN_BROKER_PORT (9092;
 * 0 picks a free one), CASPIAN_CONTROLLER_PORT (9093; 0 picks a free one), CASPIAN_BROKER_DATA
 * (a directory that keeps topics across restarts; unset for a temporary one removed on close),
 * CASPIAN_BROKERS (1; 3 runs a KRaft cluster of three combined broker-controller nodes, see
 * {@link EmbeddedKafkaCluster}: node {@code n} listens on the broker and controller ports plus
 * {@code 2(n-1)}, and keeps its data in {@code node-n} of the data directory).
 *
 * <p>{@code saslUsers} (user to password), when not empty, adds a second listener with SASL/PLAIN
 * and turns on Kafka's {@code StandardAuthorizer}: those users get only what ACLs grant them, as
 * the parties' principals do in a deployment, while the plain listener stays a super user for the
 * hub's own services.
 */
public record BrokerSettings(String host, int brokerPort, int controllerPort, Optional<Path> dataDirectory,
                             Map<String, String> saslUsers, int brokers) {

    public BrokerSettings {
        saslUsers = Map.copyOf(saslUsers);
        if (brokers != 1 && brokers != 3) {
            throw new IllegalArgumentException("setting CASPIAN_BROKERS must be 1 or 3, got " + brokers);
        }
        if (brokers > 1 && !saslUsers.isEmpty()) {
            throw new IllegalArgumentException("SASL users are supported on a single embedded broker only");
        }
    }

    public BrokerSettings(String host, int brokerPort, int controllerPort, Optional<Path> dataDirectory,
                          Map<String, String> saslUsers) {
        this(host, brokerPort, controllerPort, dataDirectory, saslUsers, 1);
    }

    public BrokerSettings(String host, int brokerPort, int controllerPort, Optional<Path> dataDirectory) {
        this(host, brokerPort, controllerPort, dataDirectory, Map.of());
    }

    /** The same with {@code count} brokers. */
    public BrokerSettings withBrokers(int count) {
        return new BrokerSettings(host, brokerPort, controllerPort, dataDirectory, saslUsers, count);
    }

    /** Free ports, temporary storage and an authorizing SASL/PLAIN listener for these users. */
    public static BrokerSettings ephemeralWithAcls(Map<String, String> saslUsers) {
        return new BrokerSettings("localhost", 0, 0, Optional.empty(), saslUsers);
    }

    public static BrokerSettings from(Settings settings) {
        return new BrokerSettings(
                settings.string("CASPIAN_BROKER_HOST", "localhost"),
                settings.integer("CASPIAN_BROKER_PORT", 9092),
                settings.integer("CASPIAN_CONTROLLER_PORT", 9093),
                settings.optional("CASPIAN_BROKER_DATA").map(Path::of), Map.of(),
                settings.integer("CASPIAN_BROKERS", 1));
    }

    /** Free ports and a temporary directory: what tests want. */
    public static BrokerSettings ephemeral() {
        return new BrokerSettings("localhost", 0, 0, Optional.empty());
    }
}
