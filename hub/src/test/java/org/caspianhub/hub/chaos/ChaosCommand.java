package org.caspianhub.hub.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.caspianhub.runtime.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bench.sh chaos}: harms the hub as an operator's worst afternoon would (processes killed
 * with SIGKILL, a broker stopped, a receiver gone) under a counted load through the real gateway,
 * and prints what was acknowledged, alerted, lost, duplicated, dead-lettered and how long recovery
 * took. Loopback only; every scenario starts and stops its own platform and processes. Exits 1 if
 * anything acknowledged was lost or an alert was written twice.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = "Kill, stop and cut parts of the hub under a counted load; count what survives.")
public final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--scenarios", split = ",", defaultValue = "streams,broker,hub,receiver,dispatcher",
            description = "which, in order: streams, broker, hub, receiver, dispatcher (default: all)")
    List<String> scenarios;

    @Option(names = "--submissions", defaultValue = "2000", description = "submissions per scenario (default ${DEFAULT-VALUE})")
    int submissions;

    @Option(names = "--batch", defaultValue = "25", description = "items per request (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--pause", defaultValue = "100ms", description = "between requests (default ${DEFAULT-VALUE})")
    String pause;

    @Option(names = "--outage", defaultValue = "10m", description = "how long the receiver is down (default ${DEFAULT-VALUE})")
    String outage;

    @Option(names = "--broker-down", defaultValue = "15s", description = "how long the broker is stopped (default ${DEFAULT-VALUE})")
    String brokerDown;

    @Option(names = "--streams-session", defaultValue = "10s",
            description = "the streams instances' session timeout in the streams scenario (default ${DEFAULT-VALUE}, "
                    + "the hub's; 45s, Kafka's, shows a restart does not wait it out)")
    String streamsSession;

    @Option(names = "--drain", defaultValue = "5m", description = "longest wait for the pipeline to catch up (default ${DEFAULT-VALUE})")
    String drain;

    @Option(names = "--work", description = "where the processes keep state and logs (default: a new temporary directory)")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ChaosCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = work != null ? work : Files.createTempDirectory("caspian-chaos-");
        ChaosScenarios chaos = new ChaosScenarios(dir, submissions, batch, Settings.parseDuration(pause),
                Settings.parseDuration(outage), Settings.parseDuration(brokerDown), Settings.parseDuration(drain),
                Settings.parseDuration(streamsSession));
        Map<String, Callable<ChaosResult>> all = new LinkedHashMap<>();
        all.put("streams", chaos::streams);
        all.put("broker", chaos::broker);
        all.put("hub", chaos::hub);
        all.put("receiver", chaos::receiver);
        all.put("dispatcher", chaos::dispatcher);
        for (String scenario : scenarios) {
            if (!all.containsKey(scenario)) {
                System.err.println("chaos: unknown scenario '" + scenario + "'; known: " + String.join(", ", all.keySet()));
                return 2;
            }
        }
        System.out.printf("chaos: %s, %d submissions per scenario in batches of %d, every %s; %d cores, load average %s; "
                        + "state and logs in %s%n", Instant.now(), submissions, batch, pause,
                Runtime.getRuntime().availableProcessors(), loadAverage(), dir);
        List<ChaosResult> results = new ArrayList<>();
        for (String scenario : scenarios) {
            long begin = System.nanoTime();
            System.out.println("chaos: " + scenario + " ...");
            ChaosResult result = all.get(scenario).call();
            results.add(result);
            System.out.printf("chaos: %s done in %.0f s%n", scenario, (System.nanoTime() - begin) / 1e9);
            ChaosResult.print(List.of(result), System.out);
        }
        System.out.println();
        ChaosResult.print(results, System.out);
        System.out.println("load average at the end: " + loadAverage());
        return results.stream().allMatch(ChaosResult::kept) ? 0 : 1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
