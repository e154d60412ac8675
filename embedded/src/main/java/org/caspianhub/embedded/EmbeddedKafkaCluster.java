package org.caspianhub.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.caspianhub.runtime.Health;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft cluster in this process: three nodes, each broker and controller (a quorum of three
 * controllers, so it survives one node down), every topic replicated three times and acknowledged
 * by two ({@code min.insync.replicas} 2, the internal topics too). One node can be stopped and
 * started again with its data ({@link #stopNode}, {@link #startNode}), as an operator's broker
 * restart or crash would, while clients keep working against the other two.
 */
public final class EmbeddedKafkaCluster implements EmbeddedKafka {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);

    private final BrokerSettings settings;
    private final List<EmbeddedKafkaBroker> nodes = new ArrayList<>();
    private final List<Integer> brokerPorts = new ArrayList<>();
    private Path dataDirectory;
    private boolean temporaryDirectory;

    public EmbeddedKafkaCluster(BrokerSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public int replication() {
        return settings.brokers();
    }

    @Override
    public synchronized void start() throws Exception {
        long begin = System.nanoTime();
        if (settings.dataDirectory().isPresent()) {
            dataDirectory = settings.dataDirectory().get().toAbsolutePath();
            Files.createDirectories(dataDirectory);
        } else {
            dataDirectory = Files.createTempDirectory("caspian-kafka-cluster-");
            temporaryDirectory = true;
        }
        int count = settings.brokers();
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            brokerPorts.add(settings.brokerPort() == 0 ? FreePorts.find() : settings.brokerPort() + 2 * i);
            controllerPorts.add(settings.controllerPort() == 0 ? FreePorts.find() : settings.controllerPort() + 2 * i);
        }
        String voters = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> (i + 1) + "@" + settings.host() + ":" + controllerPorts.get(i)).collect(Collectors.joining(","));
        String clusterId = clusterId();
        for (int i = 0; i < count; i++) {
            BrokerSettings node = new BrokerSettings(settings.host(), brokerPorts.get(i), controllerPorts.get(i),
                    Optional.of(dataDirectory.resolve("node-" + (i + 1))));
            nodes.add(new EmbeddedKafkaBroker(node, new EmbeddedKafkaBroker.ClusterNode(i + 1, voters, clusterId,
                    brokerPorts.get(i), controllerPorts.get(i), count)));
        }
        // together: a node's broker waits for a controller quorum, which needs the other nodes up
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (EmbeddedKafkaBroker node : nodes) {
            starting.add(CompletableFuture.runAsync(() -> {
                try {
                    node.start();
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }));
        }
        try {
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            awaitBrokers(count);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the embedded Kafka cluster did not start: " + e, e);
        }
        LOG.info("Kafka cluster (KRaft, {} nodes) ready at {} in {} ms, data in {}", count, bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin), dataDirectory);
    }

    /** The cluster id kept with the data (so a restarted local cluster is formatted the same), or a new one. */
    private String clusterId() throws IOException {
        Path file = dataDirectory.resolve("cluster-id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String id = Uuid.randomUuid().toString();
        Files.writeString(file, id + "\n");
        return id;
    }

    private void awaitBrokers(int count) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + count + " brokers registered after 60 s");
                }
                Thread.sleep(100);
            }
        }
    }

    /** Every node's broker listener. */
    @Override
    public String bootstrapServers() {
        return brokerPorts.stream().map(port -> settings.host() + ":" + port).collect(Collectors.joining(","));
    }

    /** Stops node {@code n} (1, 2 or 3), keeping its data, as a broker shut down for maintenance. */
    public void stopNode(int n) {
        nodes.get(n - 1).close(); // its data directory is the cluster's, so it stays
    }

    /** Starts node {@code n} again on its ports and data; it catches up from the others. */
    public void startNode(int n) throws Exception {
        nodes.get(n - 1).start();
    }

    @Override
    public Health health() {
        long up = nodes.stream().filter(node -> node.health().up()).count();
        return up == nodes.size() && !nodes.isEmpty() ? Health.up(Map.of("bootstrap", bootstrapServers(), "nodes", up))
                : Health.down(Map.of("nodes", up));
    }

    @Override
    public List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        nodes.forEach(node -> endpoints.addAll(node.endpoints()));
        endpoints.add("kafka cluster    " + nodes.size() + " nodes, replication " + replication() + ", min.insync.replicas 2");
        return endpoints;
    }

    @Override
    public synchronized void close() {
        nodes.parallelStream().forEach(EmbeddedKafkaBroker::close);
        nodes.clear();
        if (temporaryDirectory && dataDirectory != null) {
            EmbeddedKafkaBroker.deleteRecursively(dataDirectory);
            dataDirectory = null;
        }
    }
}
