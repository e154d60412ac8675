package org.caspianhub.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.caspianhub.avro.Tlp;
import org.caspianhub.runtime.InstanceId;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.streams.intake.SourceDefaults;
import org.caspianhub.streams.lifecycle.Lifetimes;

/**
 * Everything the Streams service is configured with, read once from {@link Settings}
 * (environment variable {@code CASPIAN_X_Y} or system property {@code caspian.x.y}):
 *
 * <table>
 * <caption>settings</caption>
 * <tr><td>CASPIAN_STREAMS_APPLICATION_ID</td><td>caspian-hub</td><td>Kafka Streams application id: consumer group,
 *     transactional ids and internal topic names derive from it</td></tr>
 * <tr><td>CASPIAN_STREAMS_INSTANCE_ID</td><td>generated once and kept in the state directory (file {@code instance-id}):
 *     &lt;application id&gt;-&lt;host name&gt;-&lt;random&gt;</td><td>static group membership: a restarted instance takes its
 *     partitions back at once instead of after the session timeout. Unique per instance by default: two instances
 *     with their own state directories, on one host or many, never fence each other</td></tr>
 * <tr><td>CASPIAN_STREAMS_SESSION_TIMEOUT</td><td>10s</td><td>how long the group waits for an instance that stopped
 *     heartbeating (killed, or its host gone) before its partitions move to the others; a restart with the kept
 *     instance id within it takes them back without a rebalance (Kafka's own default is 45 s)</td></tr>
 * <tr><td>CASPIAN_STREAMS_STATE_DIR</td><td>./data/streams</td><td>RocksDB stores; kept across restarts so a restart
 *     does not replay the changelogs</td></tr>
 * <tr><td>CASPIAN_STREAMS_THREADS</td><td>2</td><td>stream threads</td></tr>
 * <tr><td>CASPIAN_STREAMS_HOST</td><td>localhost</td><td>interface /health and /metrics listen on ({@code 0.0.0.0}
 *     in a container, for the orchestrator's probes and Prometheus)</td></tr>
 * <tr><td>CASPIAN_STREAMS_PORT</td><td>8082</td><td>/health (UP only when RUNNING) and /metrics; 0 picks a free port</td></tr>
 * <tr><td>CASPIAN_STREAMS_COMMIT_INTERVAL</td><td>50ms</td><td>exactly-once transaction length: a record crosses one
 *     transaction from submission to alert (two when it is repartitioned), so this bounds latency</td></tr>
 * <tr><td>CASPIAN_STREAMS_CACHE_BYTES</td><td>16777216</td><td>record cache of the state stores</td></tr>
 * <tr><td>CASPIAN_STREAMS_ROCKSDB_MEMORY</td><td>268435456 (256 MiB)</td><td>off-heap memory of all the topology's RocksDB stores: one block cache, memtables charged to it</td></tr>
 * <tr><td>CASPIAN_STREAMS_DEFAULT_CONFIDENCE</td><td>50</td><td>confidence of a submission that gives none</td></tr>
 * <tr><td>CASPIAN_STREAMS_DEFAULT_RELIABILITY</td><td>70</td><td>source reliability of a party not listed below</td></tr>
 * <tr><td>CASPIAN_STREAMS_RELIABILITY</td><td>(none)</td><td>per party, e.g. {@code ir:80,az:75}</td></tr>
 * <tr><td>CASPIAN_STREAMS_SIGHTINGS_TLP</td><td>AMBER</td><td>how far one party's SOC feedback may travel</td></tr>
 * <tr><td>CASPIAN_STREAMS_CORRELATION_FANOUT</td><td>50</td><td>most related indicators looked at per change</td></tr>
 * <tr><td>CASPIAN_STREAMS_EXPIRY_INTERVAL</td><td>1s</td><td>how often each task takes one step of its expiry sweep
 *     (a full pass over its store takes about ten minutes)</td></tr>
 * <tr><td>CASPIAN_LIFETIME_&lt;TYPE&gt;</td><td>see {@link Lifetimes}</td><td>e.g. {@code CASPIAN_LIFETIME_IPV4=30d},
 *     {@code never} for no expiry</td></tr>
 * </table>
 *
 * plus the platform settings ({@link PlatformSettings}: Kafka, registry, parties and AMBER agreements).
 */
public record StreamsSettings(
        PlatformSettings platform,
        String applicationId,
        InstanceId instance,
        Duration sessionTimeout,
        Path stateDir,
        int threads,
        String host,
        int port,
        Duration commitInterval,
        long cacheBytes,
        long rocksDbBytes,
        SourceDefaults sourceDefaults,
        Tlp sightingsTlp,
        int correlationFanout,
        Duration expiryInterval,
        Lifetimes lifetimes) {

    public StreamsSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("setting CASPIAN_STREAMS_THREADS must be at least 1, got " + threads);
        }
        if (correlationFanout < 1) {
            throw new IllegalArgumentException("setting CASPIAN_STREAMS_CORRELATION_FANOUT must be at least 1, got "
                    + correlationFanout);
        }
        if (sessionTimeout.toMillis() < 6_000) {
            // the brokers' group.min.session.timeout.ms (6 s by default) refuses anything shorter
            throw new IllegalArgumentException("setting CASPIAN_STREAMS_SESSION_TIMEOUT must be at least 6s, got "
                    + sessionTimeout);
        }
        if (rocksDbBytes < 16L << 20) {
            throw new IllegalArgumentException("setting CASPIAN_STREAMS_ROCKSDB_MEMORY must be at least 16777216 (16 MiB), got "
                    + rocksDbBytes);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("setting CASPIAN_STREAMS_COMMIT_INTERVAL must be positive, got "
                    + commitInterval);
        }
    }

    public static StreamsSettings from(Settings settings) {
        PlatformSettings platform = PlatformSettings.from(settings);
        String applicationId = settings.string("CASPIAN_STREAMS_APPLICATION_ID", "caspian-hub");
        Path stateDir = Path.of(settings.string("CASPIAN_STREAMS_STATE_DIR", "./data/streams"));
        return new StreamsSettings(
                platform,
                applicationId,
                InstanceId.from(settings, "CASPIAN_STREAMS_INSTANCE_ID", stateDir, applicationId),
                settings.duration("CASPIAN_STREAMS_SESSION_TIMEOUT", Duration.ofSeconds(10)),
                stateDir,
                settings.integer("CASPIAN_STREAMS_THREADS", 2),
                settings.string("CASPIAN_STREAMS_HOST", "localhost"),
                settings.integer("CASPIAN_STREAMS_PORT", 8082),
                settings.duration("CASPIAN_STREAMS_COMMIT_INTERVAL", Duration.ofMillis(50)),
                settings.longValue("CASPIAN_STREAMS_CACHE_BYTES", 16L * 1024 * 1024),
                settings.longValue("CASPIAN_STREAMS_ROCKSDB_MEMORY", 256L * 1024 * 1024),
                SourceDefaults.from(settings, platform.parties()),
                tlp(settings.string("CASPIAN_STREAMS_SIGHTINGS_TLP", "AMBER")),
                settings.integer("CASPIAN_STREAMS_CORRELATION_FANOUT", 50),
                settings.duration("CASPIAN_STREAMS_EXPIRY_INTERVAL", Duration.ofSeconds(1)),
                Lifetimes.from(settings));
    }

    /** The static-membership id of this instance: the setting, or the one kept in the state directory (created there on first use). */
    public String instanceId() {
        return instance.value();
    }

    private static Tlp tlp(String value) {
        String normalized = value.trim().toUpperCase(Locale.ROOT).replace("TLP:", "").replace('+', '_');
        try {
            return Tlp.valueOf(normalized);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting CASPIAN_STREAMS_SIGHTINGS_TLP must be one of CLEAR, GREEN, "
                    + "AMBER, AMBER_STRICT, RED; got '" + value + "'", e);
        }
    }
}
