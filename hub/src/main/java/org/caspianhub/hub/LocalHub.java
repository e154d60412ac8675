package org.caspianhub.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.caspianhub.consumers.dispatch.AlertDispatcherService;
import org.caspianhub.consumers.dispatch.DispatcherSettings;
import org.caspianhub.consumers.taxii.TaxiiService;
import org.caspianhub.consumers.taxii.TaxiiSettings;
import org.caspianhub.embedded.BrokerSettings;
import org.caspianhub.embedded.EmbeddedPlatform;
import org.caspianhub.producers.feeds.FeedPollerService;
import org.caspianhub.producers.feeds.FeedPollerSettings;
import org.caspianhub.producers.gateway.GatewayService;
import org.caspianhub.producers.gateway.GatewaySettings;
import org.caspianhub.registry.server.RegistrySettings;
import org.caspianhub.runtime.HubService;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.streams.StreamsService;
import org.caspianhub.streams.StreamsSettings;

/**
 * The whole hub in one process: the embedded KRaft broker, the schema registry, every topic and
 * schema of the configured parties, then the gateway, the feed poller, alert dispatch, the TAXII
 * server and the topology. State lives under one data directory (Kafka's log, the Streams and
 * TAXII stores), so a restart carries on where the last run stopped.
 *
 * <p>No service waits for one it does not need: only Kafka and the registry come first. The
 * topology starts last, because its start waits until it is RUNNING (after a crash, possibly the
 * old members' session timeout): meanwhile the gateway already accepts submissions, which Kafka
 * holds until the topology processes them, and the dispatcher and TAXII serve what is on the
 * alert topics.
 */
public final class LocalHub implements AutoCloseable {

    private final Settings settings;
    private final ServiceRunner runner = new ServiceRunner();
    private final UnaryOperator<HubService> streamsStart;
    private volatile EmbeddedPlatform platform;
    private volatile GatewayService gateway;
    private volatile TaxiiService taxii;
    private volatile AlertDispatcherService dispatcher;
    private volatile StreamsService streams;

    /**
     * @param settings the operator's settings (environment); anything unset gets the local default
     * @param dataDirectory where the broker and the stores keep their state
     */
    public LocalHub(Settings settings, Path dataDirectory) {
        this(settings, dataDirectory, UnaryOperator.identity());
    }

    /** @param streamsStart wraps the topology's service as it is started (tests: a topology that is slow to come up) */
    LocalHub(Settings settings, Path dataDirectory, UnaryOperator<HubService> streamsStart) {
        this.streamsStart = streamsStart;
        Path data = dataDirectory.toAbsolutePath();
        this.settings = settings.withDefaults(Map.of(
                PlatformSettings.DATA_DIR.name(), data.toString(),
                BrokerSettings.DATA.name(), data.resolve("kafka").toString(),
                StreamsSettings.STATE_DIR.name(), data.resolve("streams").toString()));
    }

    /** Removes what an earlier local run stored. */
    public static void forget(Path dataDirectory) {
        if (!Files.exists(dataDirectory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dataDirectory, e);
        }
    }

    public void start() {
        platform = runner.start(new EmbeddedPlatform(BrokerSettings.from(settings),
                RegistrySettings.PORT.read(settings), settings));
        Settings connected = platform.connectedSettings();
        // nothing below needs the topology running: the gateway accepts while it comes up (or is down)
        gateway = runner.start(new GatewayService(GatewaySettings.from(connected)));
        runner.start(new FeedPollerService(FeedPollerSettings.from(connected)));
        dispatcher = runner.start(new AlertDispatcherService(DispatcherSettings.from(connected)));
        taxii = runner.start(new TaxiiService(TaxiiSettings.from(connected)));
        streams = new StreamsService(StreamsSettings.from(connected));
        runner.start(streamsStart.apply(streams));
    }

    /** What the operator reads at start-up: where everything listens, and how to try it. */
    public List<String> banner() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Caspian Hub is running locally (" + platform.platformSettings().parties() + ")");
        lines.add("");
        for (HubService service : runner.services()) {
            service.endpoints().forEach(endpoint -> lines.add("  " + endpoint));
        }
        lines.add("");
        lines.add("/health and /metrics are for operators: the gateway and TAXII serve them on their management");
        lines.add("listeners above, never on the ports the parties use (those answer 404).");
        lines.add("");
        lines.add("Try it:");
        lines.add("  curl -s -H 'Authorization: Bearer demo-ir-analyst' -H 'Content-Type: application/json' \\");
        lines.add("       -d '{\"value\": \"hxxp://evil[.]example/payload\", \"tlp\": \"green\", \"confidence\": 80}' \\");
        lines.add("       " + gateway.url() + "/api/v1/indicators");
        lines.add("  curl -s -u :demo-az-soc " + taxii.discoveryUrl());
        lines.add("  the console: " + gateway.url() + "/   (demo keys are for local use only)");
        lines.add("");
        lines.add("Ctrl-C stops the hub; its state stays in the data directory (--fresh forgets it).");
        return lines;
    }

    public EmbeddedPlatform platform() {
        return platform;
    }

    public GatewayService gateway() {
        return gateway;
    }

    public TaxiiService taxii() {
        return taxii;
    }

    public AlertDispatcherService dispatcher() {
        return dispatcher;
    }

    public StreamsService streams() {
        return streams;
    }

    void runUntilStopped() throws InterruptedException {
        runner.runUntilStopped();
    }

    @Override
    public void close() {
        runner.close();
    }
}
