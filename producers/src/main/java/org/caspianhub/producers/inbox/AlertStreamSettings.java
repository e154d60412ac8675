package org.caspianhub.producers.inbox;

import java.time.Duration;
import java.util.List;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.Settings;

/** The live alert stream's limits, part of the gateway's settings, declared in {@link #ALL}. */
public record AlertStreamSettings(int recentAlerts, int clientQueue, int maxClients, Duration maxStream, Duration heartbeat) {

    public static final Setting<Integer> RECENT = Setting.integer("CASPIAN_GATEWAY_ALERTS_RECENT", 1_000,
            "alerts kept per party for the backlog on connect and for resuming").atLeast(1);
    public static final Setting<Integer> CLIENT_QUEUE = Setting.integer("CASPIAN_GATEWAY_ALERTS_CLIENT_QUEUE", 1_000,
            "alerts queued for one client before the gateway gives up on it").atLeast(1);
    public static final Setting<Integer> MAX_CLIENTS = Setting.integer("CASPIAN_GATEWAY_ALERTS_MAX_CLIENTS", 64,
            "streams one party may have open at once on this replica (503 beyond)").atLeast(1);
    public static final Setting<Duration> MAX_STREAM = Setting.duration("CASPIAN_GATEWAY_ALERTS_MAX_STREAM", "10m",
            "a stream then ends and the client reconnects where it was");
    public static final Setting<Duration> HEARTBEAT = Setting.duration("CASPIAN_GATEWAY_ALERTS_HEARTBEAT", "15s",
            "a comment line on a quiet stream, so proxies keep it open");

    public static final List<Setting<?>> ALL = List.of(RECENT, CLIENT_QUEUE, MAX_CLIENTS, MAX_STREAM, HEARTBEAT);

    public static AlertStreamSettings from(Settings settings) {
        return new AlertStreamSettings(RECENT.read(settings), CLIENT_QUEUE.read(settings), MAX_CLIENTS.read(settings),
                MAX_STREAM.read(settings), HEARTBEAT.read(settings));
    }
}
