package org.caspianhub.producers.inbox;

import java.time.Duration;
import org.caspianhub.runtime.Settings;

/**
 * The live alert stream's limits, part of the gateway's settings:
 *
 * <table>
 * <caption>settings</caption>
 * <tr><td>CASPIAN_GATEWAY_ALERTS_RECENT</td><td>1000: alerts kept per party for the backlog on connect and for resuming</td></tr>
 * <tr><td>CASPIAN_GATEWAY_ALERTS_CLIENT_QUEUE</td><td>1000: alerts queued for one client before the gateway gives up on it</td></tr>
 * <tr><td>CASPIAN_GATEWAY_ALERTS_MAX_CLIENTS</td><td>64: streams one party may have open at once on this replica (503 beyond)</td></tr>
 * <tr><td>CASPIAN_GATEWAY_ALERTS_MAX_STREAM</td><td>10m: a stream then ends and the client reconnects where it was</td></tr>
 * <tr><td>CASPIAN_GATEWAY_ALERTS_HEARTBEAT</td><td>15s: a comment line on a quiet stream, so proxies keep it open</td></tr>
 * </table>
 */
public record AlertStreamSettings(int recentAlerts, int clientQueue, int maxClients, Duration maxStream, Duration heartbeat) {

    public static AlertStreamSettings from(Settings settings) {
        return new AlertStreamSettings(
                atLeastOne("CASPIAN_GATEWAY_ALERTS_RECENT", settings.integer("CASPIAN_GATEWAY_ALERTS_RECENT", 1_000)),
                atLeastOne("CASPIAN_GATEWAY_ALERTS_CLIENT_QUEUE", settings.integer("CASPIAN_GATEWAY_ALERTS_CLIENT_QUEUE", 1_000)),
                atLeastOne("CASPIAN_GATEWAY_ALERTS_MAX_CLIENTS", settings.integer("CASPIAN_GATEWAY_ALERTS_MAX_CLIENTS", 64)),
                settings.duration("CASPIAN_GATEWAY_ALERTS_MAX_STREAM", Duration.ofMinutes(10)),
                settings.duration("CASPIAN_GATEWAY_ALERTS_HEARTBEAT", Duration.ofSeconds(15)));
    }

    private static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("setting " + name + " must be at least 1, got " + value);
        }
        return value;
    }
}
