package org.caspianhub.hub;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.caspianhub.embedded.BrokerSettings;
import org.caspianhub.runtime.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caspian-hub local}: the whole hub on this machine, on the embedded platform. */
@Command(name = "local", mixinStandardHelpOptions = true,
        description = {"Runs the whole hub on this machine: embedded Kafka (KRaft), schema registry, topics,",
            "the Streams topology, the REST gateway, feeds, alert dispatch and the TAXII server.",
            "Demo parties ir and az with demo API keys (local use only). Ctrl-C stops it."})
final class LocalCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "data", description = "where state is kept across runs (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--fresh", description = "forget what earlier local runs stored in the data directory")
    boolean fresh;

    @Option(names = "--brokers", paramLabel = "N", description = {"1 (default) or 3: a KRaft cluster of three brokers, every topic",
        "replicated three times with min.insync.replicas 2 (ports 9092/9093, 9094/9095, 9096/9097)"})
    Integer brokers;

    @Override
    public Integer call() throws Exception {
        if (fresh) {
            LocalHub.forget(data);
        }
        Settings settings = Settings.fromEnvironment();
        if (brokers != null) {
            if (brokers != 1 && brokers != 3) {
                System.err.println("caspian-hub: --brokers must be 1 or 3, got " + brokers);
                return 2;
            }
            settings = settings.with(java.util.Map.of(BrokerSettings.BROKERS.name(), brokers.toString()));
        }
        LocalHub hub = new LocalHub(settings, data);
        try {
            hub.start();
        } catch (ServiceRunner.StartupFailure e) {
            System.err.println("caspian-hub: " + e.getMessage());
            return 1;
        }
        hub.banner().forEach(System.out::println);
        System.out.flush();
        hub.runUntilStopped();
        System.out.println("Caspian Hub stopped.");
        return 0;
    }
}
