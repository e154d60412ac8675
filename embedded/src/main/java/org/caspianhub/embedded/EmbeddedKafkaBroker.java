package org.caspianhub.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.HubService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in KRaft combined mode (broker and controller in one node), run
 * in-process from Maven Central's Kafka artifacts. It formats its log directory on first start
 * (as {@code kafka-storage format} would) and keeps it across restarts when given a directory.
 * Settings favour a single node: replication 1, small internal topics, no rebalance delay.
 */
public final class EmbeddedKafkaBroker implements EmbeddedKafka {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int START_ATTEMPTS = 3;

    /**
     * This node's place in a cluster of several ({@link EmbeddedKafkaCluster}): its id, the
     * controller quorum, the cluster id every node is formatted with, its fixed ports, and the
     * replication of the internal topics.
     */
    record ClusterNode(int nodeId, String quorumVoters, String clusterId, int brokerPort, int controllerPort,
                       int replication) {
    }

    private final BrokerSettings settings;
    private final ClusterNode node;
    private Path dataDirectory;
    private boolean temporaryDirectory;
    private KafkaRaftServer server;
    private int brokerPort;
    private int saslPort = -1;

    public EmbeddedKafkaBroker(BrokerSettings settings) {
        this(settings, null);
    }

    /** One node of a cluster; {@code settings} gives its host and data directory. */
    EmbeddedKafkaBroker(BrokerSettings settings, ClusterNode node) {
        this.settings = settings;
        this.node = node;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public synchronized void start() throws Exception {
        long started = System.nanoTime();
        prepareDirectory();
        RuntimeException last = null;
        // A port found free may be taken before the broker binds it: try again with others.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int broker = node != null ? node.brokerPort() : settings.brokerPort() == 0 ? FreePorts.find() : settings.brokerPort();
            int controller = node != null ? node.controllerPort()
                    : settings.controllerPort() == 0 ? FreePorts.find() : settings.controllerPort();
            int sasl = settings.saslUsers().isEmpty() ? -1 : FreePorts.find();
            try {
                KafkaConfig config = new KafkaConfig(brokerProperties(broker, controller, sasl), false);
                format(config);
                server = new KafkaRaftServer(config, Time.SYSTEM);
                server.startup();
                brokerPort = broker;
                saslPort = sasl;
                if (node == null) {
                    awaitReady(); // a cluster's node answers only once a quorum of controllers is up: the cluster waits
                }
                LOG.info("Kafka broker (KRaft) ready at {} in {} ms, data in {}", bootstrapServers(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dataDirectory);
                return;
            } catch (RuntimeException e) {
                last = e;
                stopServer();
                boolean portsChosenHere = node == null && (settings.brokerPort() == 0 || settings.controllerPort() == 0);
                if (!portsChosenHere) {
                    break;
                }
                LOG.warn("embedded broker failed to start (attempt {}): {}", attempt, e.toString());
            }
        }
        throw new IllegalStateException("the embedded Kafka broker did not start: " + last, last);
    }

    public String bootstrapServers() {
        return settings.host() + ":" + brokerPort;
    }

    /** The SASL/PLAIN listener where ACLs apply, when {@link BrokerSettings#saslUsers()} were given. */
    public String saslBootstrapServers() {
        if (saslPort < 0) {
            throw new IllegalStateException("this broker has no SASL listener: no SASL users were configured");
        }
        return settings.host() + ":" + saslPort;
    }

    private void prepareDirectory() throws IOException {
        if (settings.dataDirectory().isPresent()) {
            dataDirectory = settings.dataDirectory().get().toAbsolutePath();
            Files.createDirectories(dataDirectory);
            temporaryDirectory = false;
        } else {
            dataDirectory = Files.createTempDirectory("caspian-kafka-");
            temporaryDirectory = true;
        }
    }

    private Map<String, Object> brokerProperties(int broker, int controller, int sasl) {
        Map<String, Object> props = new java.util.HashMap<>();
        String host = settings.host();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node == null ? 1 : node.nodeId()));
        props.put("controller.quorum.voters", node == null ? "1@" + host + ":" + controller : node.quorumVoters());
        String listeners = "PLAINTEXT://" + host + ":" + broker + ",CONTROLLER://" + host + ":" + controller;
        String advertised = "PLAINTEXT://" + host + ":" + broker;
        String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
        if (sasl > 0) {
            listeners += ",SASL://" + host + ":" + sasl;
            advertised += ",SASL://" + host + ":" + sasl;
            protocols += ",SASL:SASL_PLAINTEXT";
            StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
            settings.saslUsers().forEach((user, password) -> jaas.append(" user_").append(user).append("=\"")
                    .append(password).append('"'));
            props.put("listener.name.sasl.plain.sasl.jaas.config", jaas.append(';').toString());
            props.put("sasl.enabled.mechanisms", "PLAIN");
            props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            // the plain and controller listeners authenticate nobody: they are the hub's own side
            props.put("super.users", "User:ANONYMOUS");
            props.put("allow.everyone.if.no.acl.found", "false");
        }
        props.put("listeners", listeners);
        props.put("advertised.listeners", advertised);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", protocols);
        props.put("log.dirs", dataDirectory.resolve("logs").toString());
        // one node: replication 1; three: every topic, the internal ones too, on three nodes, acknowledged by two
        String replication = Integer.toString(node == null ? 1 : node.replication());
        String minInSync = Integer.toString(node == null || node.replication() < 3 ? 1 : 2);
        props.put("num.partitions", "1");
        props.put("default.replication.factor", replication);
        props.put("min.insync.replicas", minInSync);
        props.put("offsets.topic.replication.factor", replication);
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", replication);
        props.put("transaction.state.log.min.isr", minInSync);
        props.put("transaction.state.log.num.partitions", "6");
        props.put("share.coordinator.state.topic.replication.factor", replication);
        props.put("share.coordinator.state.topic.min.isr", minInSync);
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("log.cleaner.dedupe.buffer.size", Long.toString(16L * 1024 * 1024));
        props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        // Every partition preallocates and maps an offset and a time index of this size. Kafka's
        // 10 MB default made a test run's few hundred partitions claim 14 GB of (sparse) files;
        // 1 MB still indexes a 64 MB segment several times over.
        props.put("log.index.size.max.bytes", Integer.toString(1024 * 1024));
        return props;
    }

    private void format(KafkaConfig config) throws IOException {
        if (Files.exists(dataDirectory.resolve("logs").resolve("meta.properties"))) {
            return; // formatted by an earlier run: keep its topics
        }
        try {
            new Formatter()
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(node != null ? node.clusterId() : Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(dataDirectory.resolve("logs").toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IOException("cannot format the broker's log directory " + dataDirectory + ": " + e, e);
        }
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("broker at " + bootstrapServers() + " did not answer: " + e, e);
        }
    }

    @Override
    public Health health() {
        return server != null ? Health.up(Map.of("bootstrap", bootstrapServers()))
                : Health.down(Map.of("reason", "not running"));
    }

    @Override
    public List<String> endpoints() {
        return List.of("kafka            " + bootstrapServers() + "  (KRaft broker+controller"
                + (node == null ? "" : " " + node.nodeId()) + ", data in " + dataDirectory + ")");
    }

    @Override
    public synchronized void close() {
        stopServer();
        if (temporaryDirectory && dataDirectory != null) {
            deleteRecursively(dataDirectory);
            dataDirectory = null;
        }
    }

    private void stopServer() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.warn("error stopping the embedded broker: {}", e.toString());
            }
            server = null;
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove {}: {}", directory, e.toString());
        }
    }
}
