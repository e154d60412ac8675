package org.caspianhub.embedded;

import java.nio.file.Path;
import java.util.Optional;
import org.caspianhub.runtime.Settings;

/**
 * The embedded broker's settings: CASPIAN_BROKER_HOST (localhost), CASPIAN_BROKER_PORT (9092;
 * 0 picks a free one), CASPIAN_CONTROLLER_PORT (9093; 0 picks a free one), CASPIAN_BROKER_DATA
 * (a directory that keeps topics across restarts; unset for a temporary one removed on close).
 */
public record BrokerSettings(String host, int brokerPort, int controllerPort, Optional<Path> dataDirectory) {

    public static BrokerSettings from(Settings settings) {
        return new BrokerSettings(
                settings.string("CASPIAN_BROKER_HOST", "localhost"),
                settings.integer("CASPIAN_BROKER_PORT", 9092),
                settings.integer("CASPIAN_CONTROLLER_PORT", 9093),
                settings.optional("CASPIAN_BROKER_DATA").map(Path::of));
    }

    /** Free ports and a temporary directory: what tests want. */
    public static BrokerSettings ephemeral() {
        return new BrokerSettings("localhost", 0, 0, Optional.empty());
    }
}
