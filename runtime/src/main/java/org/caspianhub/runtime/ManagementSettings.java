package org.caspianhub.runtime;

import java.util.List;

/**
 * Where a party-facing service (gateway, TAXII) serves {@code /health} and {@code /metrics}: its
 * management listener, a port of its own bound to loopback unless the operator says otherwise,
 * never the port the parties reach ({@code CASPIAN_<SERVICE>_MANAGEMENT_HOST},
 * {@code CASPIAN_<SERVICE>_MANAGEMENT_PORT}).
 */
public record ManagementSettings(String host, int port) {

    /** One service's two management settings, declared by {@link #declare}. */
    public record Declared(Setting<String> host, Setting<Integer> port) {

        public List<Setting<?>> all() {
            return List.of(host, port);
        }

        public ManagementSettings read(Settings settings) {
            return new ManagementSettings(host.read(settings), port.read(settings));
        }
    }

    /**
     * @param service     the settings' infix: {@code GATEWAY}, {@code TAXII}
     * @param defaultPort the management port when none is set
     * @param servicePort the service's own port: when it is 0 (a free port, as in tests), so is the default here
     */
    public static Declared declare(String service, int defaultPort, Setting<Integer> servicePort) {
        String prefix = "CASPIAN_" + service + "_MANAGEMENT_";
        return new Declared(
                Setting.string(prefix + "HOST", "localhost", "where /health and /metrics listen"),
                Setting.port(prefix + "PORT", defaultPort, "/health and /metrics, never on the port the parties reach"
                                + " (0, a free port, when " + servicePort.name() + " is 0)")
                        .defaultFrom(settings -> servicePort.read(settings) == 0 ? 0 : defaultPort, Integer.toString(defaultPort)));
    }
}
