package org.caspianhub.producers.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.caspianhub.avro.Tlp;
import org.caspianhub.producers.inbox.AlertStreamSettings;
import org.caspianhub.producers.knowledge.KnowledgeSettings;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.runtime.InstanceId;
import org.caspianhub.runtime.ManagementSettings;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.auth.ApiKeySource;

/**
 * The gateway's configuration, read once from {@link Settings} (env var {@code CASPIAN_X} or system
 * property {@code caspian.x}) through the declarations in {@link #ALL}, with defaults that run
 * locally; plus the live alert stream's limits ({@link AlertStreamSettings}), the read model's
 * ({@link KnowledgeSettings}), the API keys' ({@link ApiKeySource}) and everything of
 * {@link PlatformSettings} (Kafka, registry, parties).
 */
public record GatewaySettings(String host, int port, ManagementSettings management, ApiKeySource.Resolved apiKeys, long maxBodyBytes, int maxBatchItems,
                              long maxImportBytes, Tlp defaultTlp, int idempotencyEntries, Duration idempotencyTtl,
                              int producers, boolean atomicBatches, Duration sendTimeout, int importChunk,
                              Optional<String> configuredStatusApplicationId, InstanceId statusInstance, long statusMemoryBytes, Path stateDir,
                              PlatformSettings platform, KnowledgeSettings knowledge, AlertStreamSettings alertStream) {

    public static final Setting<String> HOST = Setting.string("CASPIAN_GATEWAY_HOST", "localhost",
            "the address the API and the console listen on");
    public static final Setting<Integer> PORT = Setting.port("CASPIAN_GATEWAY_PORT", 8080,
            "the API and the console, the port the parties reach; 0 picks a free port");
    public static final ManagementSettings.Declared MANAGEMENT = ManagementSettings.declare("GATEWAY", 9080, PORT);
    public static final Setting<Long> MAX_BODY_BYTES = Setting.longValue("CASPIAN_GATEWAY_MAX_BODY_BYTES", 4L * 1024 * 1024,
            "largest JSON request (4 MiB)").atLeast(1L);
    public static final Setting<Integer> MAX_BATCH = Setting.integer("CASPIAN_GATEWAY_MAX_BATCH", 1_000,
            "items per request").atLeast(1);
    public static final Setting<Long> MAX_IMPORT_BYTES = Setting.longValue("CASPIAN_GATEWAY_MAX_IMPORT_BYTES",
            256L * 1024 * 1024, "largest imported file (256 MiB)").atLeast(1L);
    public static final Setting<Tlp> DEFAULT_TLP = Setting.of("CASPIAN_GATEWAY_DEFAULT_TLP",
            text -> Labels.tlp(text).orElseThrow(() -> new IllegalArgumentException("not a TLP level")),
            "clear, green, amber, amber+strict or red", Tlp.AMBER, "amber", "the TLP of an indicator or file that states none");
    public static final Setting<Integer> IDEMPOTENCY_ENTRIES = Setting.integer("CASPIAN_GATEWAY_IDEMPOTENCY_ENTRIES", 10_000,
            "answers remembered for Idempotency-Key, per party").atLeast(1);
    public static final Setting<Duration> IDEMPOTENCY_TTL = Setting.duration("CASPIAN_GATEWAY_IDEMPOTENCY_TTL", "24h",
            "how long an answer is remembered");
    public static final Setting<Integer> PRODUCERS = Setting.integer("CASPIAN_GATEWAY_PRODUCERS", 4,
            "transactional producers, i.e. batches written in parallel").atLeast(1);
    public static final Setting<Boolean> ATOMIC_BATCHES = Setting.bool("CASPIAN_GATEWAY_ATOMIC_BATCHES", true,
            "one Kafka transaction per request (all or nothing); false: the idempotent producer alone");
    public static final Setting<Duration> SEND_TIMEOUT = Setting.duration("CASPIAN_GATEWAY_SEND_TIMEOUT", "30s",
            "how long the broker has to acknowledge a batch");
    public static final Setting<Integer> IMPORT_CHUNK = Setting.integer("CASPIAN_GATEWAY_IMPORT_CHUNK", 500,
            "submissions per transaction during an import").atLeast(1);
    public static final Setting<Optional<String>> STATUS_INSTANCE_ID = Setting.optionalString(
            "CASPIAN_GATEWAY_STATUS_INSTANCE_ID", "names this replica, stable across its restarts; unset: generated once"
                    + " and kept in <state dir>/instance-id, unique per state directory")
            .defaultFrom(settings -> Optional.empty(), "generated once");
    public static final Setting<Optional<String>> STATUS_APP_ID = Setting.optionalString("CASPIAN_GATEWAY_STATUS_APP_ID",
            "the status table's Kafka Streams application id; unset: caspian-gateway-status-<instance id>, one per replica,"
                    + " so each replica's status table reads every partition")
            .defaultFrom(settings -> Optional.empty(), "caspian-gateway-status-<instance id>");
    public static final Setting<Long> STATUS_MEMORY = Setting.longValue("CASPIAN_GATEWAY_STATUS_MEMORY", 64L << 20,
            "off-heap memory of the status table's RocksDB stores, block cache and memtables together").atLeast(16L << 20);
    public static final Setting<Path> STATE_DIR = Setting.path("CASPIAN_GATEWAY_STATE_DIR", "data/gateway",
            "the gateway's RocksDB stores, one directory per application id")
            .defaultFrom(settings -> PlatformSettings.DATA_DIR.read(settings).resolve("gateway"), "<CASPIAN_DATA_DIR>/gateway");

    public static final List<Setting<?>> ALL = List.of(HOST, PORT, MANAGEMENT.host(), MANAGEMENT.port(), MAX_BODY_BYTES,
            MAX_BATCH, MAX_IMPORT_BYTES, DEFAULT_TLP, IDEMPOTENCY_ENTRIES, IDEMPOTENCY_TTL, PRODUCERS, ATOMIC_BATCHES,
            SEND_TIMEOUT, IMPORT_CHUNK, STATUS_INSTANCE_ID, STATUS_APP_ID, STATUS_MEMORY, STATE_DIR);

    /**
     * @throws IllegalStateException when no key file is configured and the gateway would listen beyond
     *                               loopback with the guessable demo keys (see {@link ApiKeySource})
     */
    public static GatewaySettings from(Settings settings) {
        PlatformSettings platform = PlatformSettings.from(settings);
        String host = HOST.read(settings);
        Path stateDir = STATE_DIR.read(settings);
        return new GatewaySettings(
                host,
                PORT.read(settings),
                MANAGEMENT.read(settings),
                ApiKeySource.resolve(settings, platform.parties(), "gateway", host),
                MAX_BODY_BYTES.read(settings),
                MAX_BATCH.read(settings),
                MAX_IMPORT_BYTES.read(settings),
                DEFAULT_TLP.read(settings),
                IDEMPOTENCY_ENTRIES.read(settings),
                IDEMPOTENCY_TTL.read(settings),
                PRODUCERS.read(settings),
                ATOMIC_BATCHES.read(settings),
                SEND_TIMEOUT.read(settings),
                IMPORT_CHUNK.read(settings),
                STATUS_APP_ID.read(settings),
                InstanceId.from(settings, STATUS_INSTANCE_ID, stateDir, "gateway"),
                STATUS_MEMORY.read(settings),
                stateDir,
                platform,
                KnowledgeSettings.from(settings, stateDir),
                AlertStreamSettings.from(settings));
    }

    /** Names this replica: the setting, or the id kept in the state directory (created there on first use). */
    public String statusInstanceId() {
        return statusInstance.value();
    }

    /**
     * The status table's application id: every replica must hold the whole table, so each has its own
     * ({@code caspian-gateway-status-<instance id>}); a shared id would split the partitions between them.
     */
    public String statusApplicationId() {
        return configuredStatusApplicationId.orElseGet(() -> "caspian-gateway-status-" + applicationIdSafe(statusInstanceId()));
    }

    /** Kafka Streams application ids (and the state directory named after them) take letters, digits, '.', '_' and '-'. */
    static String applicationIdSafe(String instanceId) {
        return instanceId.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** The base URL clients use. */
    public String url(int boundPort) {
        return "http://" + host + ":" + boundPort;
    }

    /** The base URL of the management listener (/health, /metrics). */
    public String managementUrl(int boundPort) {
        return "http://" + management.host() + ":" + boundPort;
    }
}
