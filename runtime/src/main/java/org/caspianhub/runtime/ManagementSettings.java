package org.caspianhub.runtime;

/**
 * Where a party-facing service (gateway, TAXII) serves {@code /health} and {@code /metrics}: its
 * management listener, a port of its own bound to loopback unless the operator says otherwise,
 * never the port the parties reach ({@code CASPIAN_<SERVICE>_MANAGEMENT_HOST},
 * {@code CASPIAN_<SERVICE>_MANAGEMENT_PORT}).
 */
public record ManagementSettings(String host, int port) {

    /**
     * @param service     the settings' infix: {@code GATEWAY}, {@code TAXII}
     * @param defaultPort the management port when none is set
     * @param servicePort the service's own port: when it is 0 (a free port, as in tests), so is the default here
     */
    public static ManagementSettings from(Settings settings, String service, int defaultPort, int servicePort) {
        String prefix = "CASPIAN_" + service + "_MANAGEMENT_";
        int port = settings.integer(prefix + "PORT", servicePort == 0 ? 0 : defaultPort);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("setting " + prefix + "PORT must be a port from 0 to 65535, got " + port);
        }
        return new ManagementSettings(settings.string(prefix + "HOST", "localhost"), port);
    }
}
