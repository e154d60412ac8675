package org.caspianhub.registry.server;

import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.topics.HubTopics;

/**
 * The embedded registry's settings: CASPIAN_REGISTRY_HOST (localhost), CASPIAN_REGISTRY_PORT
 * (8081; 0 picks a free port), CASPIAN_REGISTRY_TOPIC (_caspian_schemas), plus the platform's.
 */
public record RegistrySettings(String host, int port, String topic, PlatformSettings platform) {

    public static RegistrySettings from(Settings settings) {
        return new RegistrySettings(
                settings.string("CASPIAN_REGISTRY_HOST", "localhost"),
                settings.integer("CASPIAN_REGISTRY_PORT", 8081),
                settings.string("CASPIAN_REGISTRY_TOPIC", HubTopics.SCHEMAS),
                PlatformSettings.from(settings));
    }
}
