package org.caspianhub.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.Settings;

/**
 * The embedded broker's settings, declared in {@link #ALL}. With three brokers it runs a KRaft
 * cluster of three combined broker-controller nodes, see {@link EmbeddedKafkaCluster}: node
 * {@code n} listens on the broker and controller ports plus {@code 2(n-1)}, and keeps its data in
 * {@code node-n} of the data directory.
 *
 * <p>{@code saslUsers} (user to password), when not empty, adds a second listener with SASL/PLAIN
 * and turns on Kafka's {@code StandardAuthorizer}: those users get only what ACLs grant them, as
 * the parties' principals do in a deployment, while the plain listener stays a super user for the
 * hub's own services.
 */
public record BrokerSettings(String host, int brokerPort, int controllerPort, Optional<Path> dataDirectory,
                             Map<String, String> saslUsers, int brokers) {

    public static final Setting<String> HOST = Setting.string("CASPIAN_BROKER_HOST", "localhost",
            "the address the embedded broker listens on");
    public static final Setting<Integer> BROKER_PORT = Setting.port("CASPIAN_BROKER_PORT", 9092,
            "the embedded broker's Kafka port; 0 picks a free one");
    public static final Setting<Integer> CONTROLLER_PORT = Setting.port("CASPIAN_CONTROLLER_PORT", 9093,
            "the embedded KRaft controller's port; 0 picks a free one");
    public static final Setting<Optional<Path>> DATA = Setting.optionalPath("CASPIAN_BROKER_DATA",
            "a directory that keeps topics across restarts; unset: a temporary one, removed on close");
    public static final Setting<Integer> BROKERS = Setting.integer("CASPIAN_BROKERS", 1,
            "embedded brokers: 1, or 3 for a KRaft cluster (ports 9092/9093, 9094/9095, 9096/9097)")
            .check(n -> n == 1 || n == 3, "1 or 3");

    public static final List<Setting<?>> ALL = List.of(HOST, BROKER_PORT, CONTROLLER_PORT, DATA, BROKERS);

    public BrokerSettings {
        saslUsers = Map.copyOf(saslUsers);
        if (brokers != 1 && brokers != 3) {
            throw new IllegalArgumentException("an embedded platform runs 1 or 3 brokers, got " + brokers);
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
        return new BrokerSettings(HOST.read(settings), BROKER_PORT.read(settings), CONTROLLER_PORT.read(settings),
                DATA.read(settings), Map.of(), BROKERS.read(settings));
    }

    /** Free ports and a temporary directory: what tests want. */
    public static BrokerSettings ephemeral() {
        return new BrokerSettings("localhost", 0, 0, Optional.empty());
    }
}
