package org.caspianhub.registry.server;

import java.util.List;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.Settings;
import org.caspianhub.topics.HubTopics;

/** The embedded registry's settings, declared in {@link #ALL}, plus the platform's. */
public record RegistrySettings(String host, int port, String topic, PlatformSettings platform) {

    public static final Setting<String> HOST = Setting.string("CASPIAN_REGISTRY_HOST", "localhost",
            "the address the embedded schema registry listens on");
    public static final Setting<Integer> PORT = Setting.port("CASPIAN_REGISTRY_PORT", 8081,
            "the embedded schema registry's port; 0 picks a free one");
    public static final Setting<String> TOPIC = Setting.string("CASPIAN_REGISTRY_TOPIC", HubTopics.SCHEMAS,
            "the compacted topic the registry keeps its schemas in");

    public static final List<Setting<?>> ALL = List.of(HOST, PORT, TOPIC);

    public static RegistrySettings from(Settings settings) {
        return new RegistrySettings(HOST.read(settings), PORT.read(settings), TOPIC.read(settings),
                PlatformSettings.from(settings));
    }
}
