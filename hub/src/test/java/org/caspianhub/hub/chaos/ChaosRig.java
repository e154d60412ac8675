package org.caspianhub.hub.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caspianhub.embedded.FreePorts;

/**
 * The hub's services as separate processes on one platform (a broker or a cluster and a registry
 * started elsewhere, e.g. by the chaos command): each {@code caspian-hub <service>} in a child JVM
 * on free loopback ports, with its own state directory under {@code work}. The dispatcher delivers
 * the watched party's alerts to a {@link CountingReceiver}.
 */
public final class ChaosRig implements AutoCloseable {

    /** The HMAC key the chaos subscriptions sign with (a test secret, never a real one). */
    static final String WEBHOOK_SECRET = "chaos-webhook-secret-0123456789";

    private final Path work;
    private final Map<String, String> platform;
    private final List<ChildJvm> children = new ArrayList<>();

    /**
     * @param platform the settings every service needs to reach the platform (bootstrap, registry,
     *                 topic layout), as environment variables
     */
    public ChaosRig(Path work, Map<String, String> platform) {
        this.work = work;
        this.platform = Map.copyOf(platform);
    }

    /** A gateway replica on its own ports and state directory. */
    public Gateway gateway(String name) {
        int port = FreePorts.find();
        int management = FreePorts.find();
        Map<String, String> env = environment(Map.of(
                "CASPIAN_GATEWAY_PORT", Integer.toString(port),
                "CASPIAN_GATEWAY_MANAGEMENT_PORT", Integer.toString(management),
                "CASPIAN_DATA_DIR", work.resolve(name).toString()));
        return new Gateway(child(name, "384m", env, "http://localhost:" + management + "/health", "gateway"),
                "http://localhost:" + port);
    }

    /** A streams instance: {@code /health} is UP once it is RUNNING. */
    public ChildJvm streams(String name, Map<String, String> extra) {
        int port = FreePorts.find();
        Map<String, String> env = new HashMap<>(Map.of(
                "CASPIAN_STREAMS_PORT", Integer.toString(port),
                "CASPIAN_STREAMS_STATE_DIR", work.resolve(name).toString(),
                "CASPIAN_STREAMS_THREADS", "1"));
        env.putAll(extra);
        return child(name, "512m", environment(env), "http://localhost:" + port + "/health", "streams");
    }

    /** A dispatcher with one subscription of the watched party, to the receiver. */
    public ChildJvm dispatcher(String name, String watchedParty, String receiverUrl) {
        int port = FreePorts.find();
        Map<String, String> env = new HashMap<>(subscription(work.resolve(name + "-subscriptions.json"), watchedParty,
                receiverUrl));
        env.put("CASPIAN_DISPATCHER_PORT", Integer.toString(port));
        return child(name, "384m", environment(env), "http://localhost:" + port + "/health", "dispatcher");
    }

    /**
     * Writes a subscriptions file with one webhook subscription taking every alert of {@code party}
     * (the delivery defaults: a 24-hour maximum age), and returns the settings that use it.
     */
    public static Map<String, String> subscription(Path file, String party, String receiverUrl) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, """
                    {"subscriptions": [{"id": "%s-chaos", "party": "%s",
                      "destination": {"type": "webhook", "url": "%s", "secretEnv": "CHAOS_WEBHOOK_SECRET",
                                      "allowPrivateNetwork": true}}]}
                    """.formatted(party, party, receiverUrl));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("CASPIAN_SUBSCRIPTIONS_FILE", file.toString(), "CHAOS_WEBHOOK_SECRET", WEBHOOK_SECRET);
    }

    private Map<String, String> environment(Map<String, String> service) {
        Map<String, String> env = new HashMap<>(platform);
        env.putAll(service);
        return env;
    }

    private ChildJvm child(String name, String heap, Map<String, String> env, String health, String... args) {
        ChildJvm child = new ChildJvm(name, heap, env, work.resolve("logs").resolve(name + ".log"), health, args);
        children.add(child);
        return child;
    }

    /** Starts them all at once (JVM start-ups overlap) and waits until each is up. */
    public static void startAll(Duration timeout, ChildJvm... services) {
        for (ChildJvm service : services) {
            service.start();
        }
        for (ChildJvm service : services) {
            service.awaitUp(timeout);
        }
    }

    /** A gateway process and the base URL of its API. */
    public record Gateway(ChildJvm jvm, String url) {
    }

    @Override
    public void close() {
        children.forEach(ChildJvm::kill);
    }
}
