package org.caspianhub.producers.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.caspianhub.avro.Tlp;
import org.caspianhub.producers.inbox.AlertStreamSettings;
import org.caspianhub.producers.knowledge.KnowledgeSettings;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.runtime.InstanceId;
import org.caspianhub.runtime.ManagementSettings;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.auth.ApiKeySource;

/**
 * The gateway's configuration, read once from {@link Settings} (env var {@code CASPIAN_X} or system
 * property {@code caspian.x}), with defaults that run locally:
 *
 * <table>
 * <caption>settings</caption>
 * <tr><td>CASPIAN_GATEWAY_HOST</td><td>localhost</td></tr>
 * <tr><td>CASPIAN_GATEWAY_PORT</td><td>8080 (0 picks a free port): the API and the console, the port the parties reach</td></tr>
 * <tr><td>CASPIAN_GATEWAY_MANAGEMENT_HOST</td><td>localhost: where /health and /metrics listen</td></tr>
 * <tr><td>CASPIAN_GATEWAY_MANAGEMENT_PORT</td><td>9080 (0, a free port, when CASPIAN_GATEWAY_PORT is 0)</td></tr>
 * <tr><td>CASPIAN_API_KEYS_FILE</td><td>unset: the well-known demo keys, for local use only, and only while the
 *     gateway listens on a loopback address</td></tr>
 * <tr><td>CASPIAN_ALLOW_DEMO_KEYS</td><td>false: true lets the demo keys serve beyond loopback (a closed test network)</td></tr>
 * <tr><td>CASPIAN_GATEWAY_MAX_BODY_BYTES</td><td>4194304 (4 MiB) for JSON requests</td></tr>
 * <tr><td>CASPIAN_GATEWAY_MAX_BATCH</td><td>1000 items per request</td></tr>
 * <tr><td>CASPIAN_GATEWAY_MAX_IMPORT_BYTES</td><td>268435456 (256 MiB) per imported file</td></tr>
 * <tr><td>CASPIAN_GATEWAY_DEFAULT_TLP</td><td>amber: the TLP of an indicator or file that states none</td></tr>
 * <tr><td>CASPIAN_GATEWAY_IDEMPOTENCY_ENTRIES</td><td>10000 remembered answers</td></tr>
 * <tr><td>CASPIAN_GATEWAY_IDEMPOTENCY_TTL</td><td>24h</td></tr>
 * <tr><td>CASPIAN_GATEWAY_PRODUCERS</td><td>4 transactional producers (parallel batches)</td></tr>
 * <tr><td>CASPIAN_GATEWAY_ATOMIC_BATCHES</td><td>true: one Kafka transaction per request (all or nothing)</td></tr>
 * <tr><td>CASPIAN_GATEWAY_SEND_TIMEOUT</td><td>30s for the broker to acknowledge a batch</td></tr>
 * <tr><td>CASPIAN_GATEWAY_IMPORT_CHUNK</td><td>500 submissions per transaction during an import</td></tr>
 * <tr><td>CASPIAN_GATEWAY_STATUS_INSTANCE_ID</td><td>generated once and kept in the state directory (file {@code instance-id}):
 *     names this replica, stable across its restarts, unique per state directory</td></tr>
 * <tr><td>CASPIAN_GATEWAY_STATUS_APP_ID</td><td>caspian-gateway-status-&lt;instance id&gt;: one per replica, so each
 *     replica's status table reads every partition</td></tr>
 * <tr><td>CASPIAN_GATEWAY_STATUS_MEMORY</td><td>67108864 (64 MiB): off-heap memory of the status table's RocksDB stores, block cache and memtables together</td></tr>
 * <tr><td>CASPIAN_GATEWAY_STATE_DIR</td><td>&lt;CASPIAN_DATA_DIR&gt;/gateway</td></tr>
 * </table>
 * plus the live alert stream's limits ({@link AlertStreamSettings}), the read model's ({@link KnowledgeSettings})
 * and everything of {@link PlatformSettings} (Kafka, registry, parties).
 */
public record GatewaySettings(String host, int port, ManagementSettings management, ApiKeySource.Resolved apiKeys, long maxBodyBytes, int maxBatchItems,
                              long maxImportBytes, Tlp defaultTlp, int idempotencyEntries, Duration idempotencyTtl,
                              int producers, boolean atomicBatches, Duration sendTimeout, int importChunk,
                              Optional<String> configuredStatusApplicationId, InstanceId statusInstance, long statusMemoryBytes, Path stateDir,
                              PlatformSettings platform, KnowledgeSettings knowledge, AlertStreamSettings alertStream) {

    /**
     * @throws IllegalStateException when no key file is configured and the gateway would listen beyond
     *                               loopback with the guessable demo keys (see {@link ApiKeySource})
     */
    public static GatewaySettings from(Settings settings) {
        PlatformSettings platform = PlatformSettings.from(settings);
        String tlp = settings.string("CASPIAN_GATEWAY_DEFAULT_TLP", "amber");
        String host = settings.string("CASPIAN_GATEWAY_HOST", "localhost");
        Path stateDir = settings.optional("CASPIAN_GATEWAY_STATE_DIR").map(Path::of)
                .orElseGet(() -> platform.stateDirectory("gateway"));
        int port = settings.integer("CASPIAN_GATEWAY_PORT", 8080);
        return new GatewaySettings(
                host,
                port,
                ManagementSettings.from(settings, "GATEWAY", 9080, port),
                ApiKeySource.resolve(settings, platform.parties(), "gateway", host),
                settings.longValue("CASPIAN_GATEWAY_MAX_BODY_BYTES", 4L * 1024 * 1024),
                positive("CASPIAN_GATEWAY_MAX_BATCH", settings.integer("CASPIAN_GATEWAY_MAX_BATCH", 1_000)),
                settings.longValue("CASPIAN_GATEWAY_MAX_IMPORT_BYTES", 256L * 1024 * 1024),
                Labels.tlp(tlp).orElseThrow(() -> new IllegalArgumentException(
                        "setting CASPIAN_GATEWAY_DEFAULT_TLP must be clear, green, amber, amber+strict or red, got '" + tlp + "'")),
                positive("CASPIAN_GATEWAY_IDEMPOTENCY_ENTRIES", settings.integer("CASPIAN_GATEWAY_IDEMPOTENCY_ENTRIES", 10_000)),
                settings.duration("CASPIAN_GATEWAY_IDEMPOTENCY_TTL", Duration.ofHours(24)),
                positive("CASPIAN_GATEWAY_PRODUCERS", settings.integer("CASPIAN_GATEWAY_PRODUCERS", 4)),
                settings.bool("CASPIAN_GATEWAY_ATOMIC_BATCHES", true),
                settings.duration("CASPIAN_GATEWAY_SEND_TIMEOUT", Duration.ofSeconds(30)),
                positive("CASPIAN_GATEWAY_IMPORT_CHUNK", settings.integer("CASPIAN_GATEWAY_IMPORT_CHUNK", 500)),
                settings.optional("CASPIAN_GATEWAY_STATUS_APP_ID"),
                InstanceId.from(settings, "CASPIAN_GATEWAY_STATUS_INSTANCE_ID", stateDir, "gateway"),
                atLeast16MiB("CASPIAN_GATEWAY_STATUS_MEMORY", settings.longValue("CASPIAN_GATEWAY_STATUS_MEMORY", 64L * 1024 * 1024)),
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

    private static long atLeast16MiB(String name, long value) {
        if (value < 16L << 20) {
            throw new IllegalArgumentException("setting " + name + " must be at least 16777216 (16 MiB), got " + value);
        }
        return value;
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("setting " + name + " must be at least 1, got " + value);
        }
        return value;
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
