package org.caspianhub.hub;

import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    @Override
    public Integer call() throws Exception {
        if (fresh) {
            LocalHub.forget(data);
        }
        LocalHub hub = new LocalHub(Settings.fromEnvironment(), data);
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
