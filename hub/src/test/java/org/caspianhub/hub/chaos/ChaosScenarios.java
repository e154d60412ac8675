package org.caspianhub.hub.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caspianhub.embedded.BrokerSettings;
import org.caspianhub.embedded.EmbeddedPlatform;
import org.caspianhub.embedded.FreePorts;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.Settings;

/**
 * The chaos command's scenarios. Each starts a platform of its own (one broker, or a cluster of
 * three), the services it harms as separate processes, a webhook receiver for the party {@code az}
 * and an {@link AlertLedger}; runs a counted {@link SubmissionLoad} from {@code ir} through the
 * real gateway; does its harm mid-load; and counts.
 */
final class ChaosScenarios {

    private static final PartyId IR = PartyId.of("ir");
    private static final PartyId AZ = PartyId.of("az");
    private static final Duration START = Duration.ofSeconds(180);
    private static final Map<String, String> LAYOUT = Map.of("CASPIAN_TOPIC_PARTITIONS", "4");

    private final Path work;
    private final int submissions;
    private final int batch;
    private final Duration pause;
    private final Duration outage;
    private final Duration brokerDown;
    private final Duration drain;
    private final Duration streamsSession;

    ChaosScenarios(Path work, int submissions, int batch, Duration pause, Duration outage, Duration brokerDown,
                   Duration drain, Duration streamsSession) {
        this.streamsSession = streamsSession;
        this.work = work;
        this.submissions = submissions;
        this.batch = batch;
        this.pause = pause;
        this.outage = outage;
        this.brokerDown = brokerDown;
        this.drain = drain;
    }

    /** kill -9 of one of two streams instances mid-load, restarted at once on its state directory. */
    ChaosResult streams() throws Exception {
        Map<String, String> session = Map.of("CASPIAN_STREAMS_SESSION_TIMEOUT", streamsSession.toSeconds() + "s");
        try (OnPlatform p = new OnPlatform("streams", 1); CountingReceiver receiver = new CountingReceiver(Duration.ZERO)) {
            ChaosRig.Gateway gateway = p.rig.gateway("gateway");
            ChildJvm a = p.rig.streams("streams-a", session);
            ChildJvm b = p.rig.streams("streams-b", session);
            ChildJvm dispatcher = p.rig.dispatcher("dispatcher", AZ.value(), receiver.url());
            ChaosRig.startAll(START, gateway.jvm(), a, b, dispatcher);
            try (Run run = new Run(p.bootstrap(), p.registry(), List.of(gateway.url()), receiver)) {
                run.load.awaitAcknowledged(submissions * 2 / 5, run.loader);
                long kill = System.nanoTime();
                Set<String> before = run.load.acknowledged();
                b.kill();
                b.start().awaitUp(START);
                double running = seconds(kill, System.nanoTime());
                List<String> notes = new ArrayList<>();
                notes.add(String.format("streams-b killed (SIGKILL) after %d acknowledged and restarted at once on its state "
                        + "directory (same instance id), session timeout %d s: RUNNING again %.1f s after the kill, of "
                        + "which %s from Kafka Streams' start to RUNNING (joining the group; the rest is the JVM "
                        + "starting on this machine)", before.size(), streamsSession.toSeconds(), running,
                        joining(b.currentLog())));
                return run.finish("kill -9 of a streams instance (one of two, session " + streamsSession.toSeconds()
                        + " s)", before, kill, notes);
            }
        }
    }

    /** One broker of three stopped mid-load for {@code brokerDown}, then started again. */
    ChaosResult broker() throws Exception {
        try (OnPlatform p = new OnPlatform("broker", 3); CountingReceiver receiver = new CountingReceiver(Duration.ZERO)) {
            Hub hub = p.startHub(receiver);
            ChaosRig.Gateway gateway = hub.gateway();
            try (Run run = new Run(p.bootstrap(), p.registry(), List.of(gateway.url()), receiver)) {
                run.load.awaitAcknowledged(submissions * 3 / 10, run.loader);
                int atStop = run.load.acknowledgedCount();
                p.platform.cluster().orElseThrow().stopNode(2);
                ChildJvm.sleep(brokerDown.toMillis());
                int whileDown = run.load.acknowledgedCount() - atStop;
                p.platform.cluster().orElseThrow().startNode(2);
                long back = System.nanoTime();
                List<String> notes = new ArrayList<>();
                notes.add(String.format("node 2 of 3 stopped for %d s (replication 3, min.insync.replicas 2); the gateway "
                        + "acknowledged %d submissions meanwhile", brokerDown.toSeconds(), whileDown));
                return run.finish("one broker of three stopped, restarted", run.load.acknowledged(), back, notes);
            }
        }
    }

    /** The whole local hub (broker included) killed mid-batch and restarted on its data directory. */
    ChaosResult hub() throws Exception {
        try (CountingReceiver receiver = new CountingReceiver(Duration.ZERO)) {
            Map<String, String> ports = new HashMap<>();
            for (String port : List.of("BROKER", "CONTROLLER", "REGISTRY", "STREAMS", "GATEWAY", "GATEWAY_MANAGEMENT",
                    "DISPATCHER", "TAXII", "TAXII_MANAGEMENT")) {
                ports.put("CASPIAN_" + port + "_PORT", Integer.toString(FreePorts.find()));
            }
            Map<String, String> env = new HashMap<>(ports);
            env.putAll(LAYOUT);
            env.put("CASPIAN_STREAMS_THREADS", "1");
            env.putAll(ChaosRig.subscription(work.resolve("hub").resolve("subscriptions.json"), AZ.value(), receiver.url()));
            String gateway = "http://localhost:" + ports.get("CASPIAN_GATEWAY_PORT");
            ChildJvm hub = new ChildJvm("hub", "1g", env, work.resolve("hub").resolve("logs").resolve("hub.log"),
                    "http://localhost:" + ports.get("CASPIAN_GATEWAY_MANAGEMENT_PORT") + "/health",
                    "local", "--data", work.resolve("hub").resolve("data").toString());
            String streamsHealth = "http://localhost:" + ports.get("CASPIAN_STREAMS_PORT") + "/health";
            try (hub) {
                hub.start().awaitUp(START);
                awaitHealthy(streamsHealth, hub);
                try (Run run = new Run("localhost:" + ports.get("CASPIAN_BROKER_PORT"),
                        "http://localhost:" + ports.get("CASPIAN_REGISTRY_PORT"), List.of(gateway), receiver)) {
                    run.load.awaitAcknowledged(submissions * 2 / 5, run.loader);
                    long kill = System.nanoTime();
                    Set<String> before = run.load.acknowledged();
                    hub.kill();
                    hub.start();
                    long accepted = awaitPositive(() -> run.load.firstAcknowledgedAfter(kill));
                    // the first alert of a submission the restarted gateway acknowledged: the pipeline serves again
                    long alert = awaitPositive(() -> run.ledger.firstAlertOf(run.load.acknowledgedAfter(kill)));
                    List<String> notes = new ArrayList<>();
                    notes.add(String.format("the local hub (broker, registry and every service in one JVM) killed (SIGKILL) "
                                    + "after %d acknowledged and restarted at once: first submission accepted %.1f s after "
                                    + "the kill, first alert of a submission acknowledged after the kill %.1f s after it (Kafka Streams' start to RUNNING: %s); %d "
                                    + "requests resent under their Idempotency-Key",
                            before.size(), seconds(kill, accepted), seconds(kill, alert), joining(hub.currentLog()),
                            run.load.resent()));
                    return run.finish("the whole hub killed mid-batch, restarted", before, kill, notes);
                }
            }
        }
    }

    /** The subscription's receiver refuses every connection for {@code outage}, under load. */
    ChaosResult receiver() throws Exception {
        try (OnPlatform p = new OnPlatform("receiver", 1); CountingReceiver receiver = new CountingReceiver(Duration.ZERO)) {
            Hub hub = p.startHub(receiver);
            ChaosRig.Gateway gateway = hub.gateway();
            receiver.down();
            long down = System.nanoTime();
            try (Run run = new Run(p.bootstrap(), p.registry(), List.of(gateway.url()), receiver)) {
                ChildJvm.sleep(Math.max(0, outage.toMillis() - (System.nanoTime() - down) / 1_000_000));
                receiver.up();
                long up = System.nanoTime();
                List<String> notes = new ArrayList<>();
                notes.add(String.format("the receiver refused connections for %s while %d submissions were acknowledged; "
                        + "the delivery defaults (24 h maximum age, backoff doubling from 1 s to 5 min)", outage,
                        run.load.acknowledgedCount()));
                return run.finish("webhook receiver down " + outage.toMinutes() + " min", run.load.acknowledged(), up, notes);
            }
        }
    }

    /** The dispatcher killed while deliveries are in flight (the receiver takes 200 ms each), then restarted. */
    ChaosResult dispatcher() throws Exception {
        try (OnPlatform p = new OnPlatform("dispatcher", 1);
             CountingReceiver receiver = new CountingReceiver(Duration.ofMillis(200))) {
            Hub hub = p.startHub(receiver);
            ChaosRig.Gateway gateway = hub.gateway();
            ChildJvm dispatcher = hub.dispatcher();
            try (Run run = new Run(p.bootstrap(), p.registry(), List.of(gateway.url()), receiver)) {
                while (receiver.delivered().size() < submissions * 3 / 10 && run.loader.isAlive()) {
                    ChildJvm.sleep(20);
                }
                long kill = System.nanoTime();
                int delivered = receiver.delivered().size();
                Set<String> before = run.load.acknowledged();
                dispatcher.kill();
                dispatcher.start().awaitUp(START);
                List<String> notes = new ArrayList<>();
                notes.add(String.format("the dispatcher killed (SIGKILL) after %d deliveries, with up to 64 in flight, and "
                        + "restarted at once (up %.1f s after the kill); duplicates at the receiver are the "
                        + "deliveries in flight or not yet committed, which it deduplicates on Idempotency-Key",
                        delivered, seconds(kill, System.nanoTime())));
                return run.finish("dispatcher killed mid-delivery, restarted", before, kill, notes);
            }
        }
    }

    /** From the log: Kafka Streams' first CREATED -> REBALANCING to its first RUNNING, e.g. "4.7 s". */
    static String joining(List<String> log) {
        java.time.LocalTime created = null;
        for (String line : log) {
            if (created == null && line.contains("streams: CREATED -> REBALANCING")) {
                created = java.time.LocalTime.parse(line.substring(0, 12));
            } else if (created != null && line.contains("-> RUNNING")) {
                return String.format("%.1f s", java.time.Duration.between(created,
                        java.time.LocalTime.parse(line.substring(0, 12))).toMillis() / 1e3);
            }
        }
        return "(not in its log)";
    }

    /** Waits for the local hub's topology to be RUNNING (it starts after the gateway). */
    private static void awaitHealthy(String health, ChildJvm owner) {
        long deadline = System.nanoTime() + START.toNanos();
        while (!ChildJvm.answersOk(health)) {
            if (System.nanoTime() > deadline || !owner.alive()) {
                throw new IllegalStateException("the local hub's streams did not come up:\n" + owner.logTail());
            }
            ChildJvm.sleep(200);
        }
    }

    private long awaitPositive(java.util.function.LongSupplier at) {
        long deadline = System.nanoTime() + drain.toNanos();
        long value;
        while ((value = at.getAsLong()) < 0 && System.nanoTime() < deadline) {
            ChildJvm.sleep(50);
        }
        return value;
    }

    static double seconds(long from, long to) {
        return to < 0 ? Double.NaN : (to - from) / 1e9;
    }

    /** A platform of its own (one broker or three) and the rig of services on it. */
    private final class OnPlatform implements AutoCloseable {
        final EmbeddedPlatform platform;
        final ChaosRig rig;

        OnPlatform(String scenario, int brokers) throws Exception {
            platform = new EmbeddedPlatform(BrokerSettings.ephemeral().withBrokers(brokers), 0, Settings.of(LAYOUT));
            platform.start();
            Map<String, String> env = new HashMap<>(LAYOUT);
            env.put("CASPIAN_KAFKA_BOOTSTRAP", platform.bootstrapServers());
            env.put("CASPIAN_SCHEMA_REGISTRY_URL", platform.schemaRegistryUrl());
            env.put("CASPIAN_TOPIC_REPLICATION", Integer.toString(brokers));
            rig = new ChaosRig(work.resolve(scenario), env);
        }

        String bootstrap() {
            return platform.bootstrapServers();
        }

        /** A gateway, one streams instance and a dispatcher delivering to the receiver, each in its JVM, up. */
        Hub startHub(CountingReceiver receiver) {
            Hub hub = new Hub(rig.gateway("gateway"), rig.streams("streams", Map.of()),
                    rig.dispatcher("dispatcher", AZ.value(), receiver.url()));
            ChaosRig.startAll(START, hub.gateway().jvm(), hub.streams(), hub.dispatcher());
            return hub;
        }

        String registry() {
            return platform.schemaRegistryUrl();
        }

        @Override
        public void close() {
            rig.close();
            platform.close();
        }
    }

    /** The hub's services as separate processes. */
    private record Hub(ChaosRig.Gateway gateway, ChildJvm streams, ChildJvm dispatcher) {
    }

    /** A counted load under way, the ledger of the alert topics and the receiver's count. */
    private final class Run implements AutoCloseable {
        final SubmissionLoad load;
        final Thread loader;
        final AlertLedger ledger;
        final CountingReceiver receiver;

        Run(String bootstrap, String registry, List<String> gateways, CountingReceiver receiver) {
            this.receiver = receiver;
            this.ledger = new AlertLedger(bootstrap, registry, List.of(IR, AZ), AZ);
            this.load = new SubmissionLoad(() -> gateways, "demo-ir-analyst", submissions, batch, pause, drain);
            this.loader = new Thread(load, "chaos-load");
            loader.start();
        }

        /**
         * Measures the recovery (from {@code faultEnd} until everything in {@code before} is alerted
         * and delivered), lets the load finish and the pipeline drain, then counts.
         */
        ChaosResult finish(String scenario, Set<String> before, long faultEnd, List<String> notes) throws Exception {
            long deadline = System.nanoTime() + drain.toNanos();
            long recovered = -1;
            while (System.nanoTime() < deadline) {
                Set<String> ids = ledger.alertIdsOf(before);
                if (ids.size() == before.size() && receiver.delivered().containsAll(ids)) {
                    recovered = System.nanoTime();
                    break;
                }
                ChildJvm.sleep(100);
            }
            loader.join(drain.toMillis());
            load.stop();
            Set<String> acknowledged = load.acknowledged();
            ledger.awaitAlerted(acknowledged, drain);
            long delivered = System.nanoTime() + drain.toNanos();
            while (System.nanoTime() < delivered
                    && ledger.watchedAlertIds().size() - receiver.delivered().size() > ledger.deadLetters()) {
                ChildJvm.sleep(100);
            }
            ChildJvm.sleep(3_000); // anything written twice late shows up too
            int alerted = ledger.alerted(acknowledged).size();
            Set<String> undelivered = new java.util.HashSet<>(ledger.watchedAlertIds());
            undelivered.removeAll(receiver.delivered());
            int lost = acknowledged.size() - alerted + (int) Math.max(0, undelivered.size() - ledger.deadLetters());
            if (load.abandoned() > 0) {
                notes.add(load.abandoned() + " batches never acknowledged (given up after " + drain + "): not counted");
            }
            return new ChaosResult(scenario, acknowledged.size(), alerted, lost, ledger.duplicates(),
                    receiver.delivered().size(), receiver.duplicates(), ledger.deadLetters(), seconds(faultEnd, recovered),
                    notes);
        }

        @Override
        public void close() {
            load.stop();
            ledger.close();
        }
    }
}
