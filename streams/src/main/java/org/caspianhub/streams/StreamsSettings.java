package org.caspianhub.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.InstanceId;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.Settings;
import org.caspianhub.streams.intake.SourceDefaults;
import org.caspianhub.streams.lifecycle.Lifetimes;

/**
 * Everything the Streams service is configured with, read once from {@link Settings}
 * (environment variable {@code CASPIAN_X_Y} or system property {@code caspian.x.y}) through the
 * declarations in {@link #ALL}, plus the platform settings ({@link PlatformSettings}: Kafka,
 * registry, parties and AMBER agreements).
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

    public static final Setting<String> APPLICATION_ID = Setting.string("CASPIAN_STREAMS_APPLICATION_ID", "caspian-hub",
            "Kafka Streams application id: consumer group, transactional ids and internal topic names derive from it");
    public static final Setting<Optional<String>> INSTANCE_ID = Setting.optionalString("CASPIAN_STREAMS_INSTANCE_ID",
            "static group membership: a restarted instance takes its partitions back at once; unset, generated once as"
                    + " <application id>-<host name>-<random> and kept in <state dir>/instance-id, unique per state directory")
            .defaultFrom(settings -> Optional.empty(), "generated once");
    public static final Setting<Duration> SESSION_TIMEOUT = Setting.duration("CASPIAN_STREAMS_SESSION_TIMEOUT", "10s",
            "how long the group waits for an instance that stopped heartbeating before its partitions move to the others")
            // the brokers' group.min.session.timeout.ms (6 s by default) refuses anything shorter
            .atLeast(Duration.ofSeconds(6));
    public static final Setting<Path> STATE_DIR = Setting.path("CASPIAN_STREAMS_STATE_DIR", "./data/streams",
            "RocksDB stores, kept across restarts so a restart does not replay the changelogs");
    public static final Setting<Integer> THREADS = Setting.integer("CASPIAN_STREAMS_THREADS", 2, "stream threads")
            .atLeast(1);
    public static final Setting<String> HOST = Setting.string("CASPIAN_STREAMS_HOST", "localhost",
            "the address /health and /metrics listen on (0.0.0.0 in a container)");
    public static final Setting<Integer> PORT = Setting.port("CASPIAN_STREAMS_PORT", 8082,
            "/health (UP only when RUNNING) and /metrics; 0 picks a free port");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.positiveDuration("CASPIAN_STREAMS_COMMIT_INTERVAL",
            "50ms", "exactly-once transaction length: a record crosses one transaction from submission to alert"
                    + " (two when repartitioned), so this bounds latency");
    public static final Setting<Long> CACHE_BYTES = Setting.longValue("CASPIAN_STREAMS_CACHE_BYTES", 16L * 1024 * 1024,
            "record cache of the state stores").atLeast(0L);
    public static final Setting<Long> ROCKSDB_MEMORY = Setting.longValue("CASPIAN_STREAMS_ROCKSDB_MEMORY", 256L << 20,
            "off-heap memory of all the topology's RocksDB stores: one block cache, memtables charged to it").atLeast(16L << 20);
    public static final Setting<Integer> DEFAULT_CONFIDENCE = Setting.integer("CASPIAN_STREAMS_DEFAULT_CONFIDENCE", 50,
            "confidence of a submission that gives none").between(0, 100);
    public static final Setting<Integer> DEFAULT_RELIABILITY = Setting.integer("CASPIAN_STREAMS_DEFAULT_RELIABILITY", 70,
            "source reliability of a party not listed in CASPIAN_STREAMS_RELIABILITY").between(0, 100);
    public static final Setting<Map<String, Integer>> RELIABILITY = Setting.of("CASPIAN_STREAMS_RELIABILITY",
            StreamsSettings::reliabilities, "party:reliability pairs, each 0..100, such as ir:80,az:75", Map.of(), "unset",
            "source reliability per party");
    public static final Setting<Tlp> SIGHTINGS_TLP = Setting.of("CASPIAN_STREAMS_SIGHTINGS_TLP", StreamsSettings::tlp,
            "one of CLEAR, GREEN, AMBER, AMBER_STRICT, RED", Tlp.AMBER, "AMBER", "how far one party's SOC feedback may travel");
    public static final Setting<Integer> CORRELATION_FANOUT = Setting.integer("CASPIAN_STREAMS_CORRELATION_FANOUT", 50,
            "relations one recipient is told of per change (20 times as many are examined)").atLeast(1);
    public static final Setting<Duration> EXPIRY_INTERVAL = Setting.duration("CASPIAN_STREAMS_EXPIRY_INTERVAL", "1s",
            "how often each task takes one step of its expiry sweep (a full pass takes about ten minutes)");
    /** {@code CASPIAN_LIFETIME_<TYPE>}, one per indicator type. */
    public static final Map<IndicatorType, Setting<Optional<Duration>>> LIFETIMES = lifetimeSettings();

    public static final List<Setting<?>> ALL = all();

    public static StreamsSettings from(Settings settings) {
        PlatformSettings platform = PlatformSettings.from(settings);
        String applicationId = APPLICATION_ID.read(settings);
        Path stateDir = STATE_DIR.read(settings);
        return new StreamsSettings(
                platform,
                applicationId,
                InstanceId.from(settings, INSTANCE_ID, stateDir, applicationId),
                SESSION_TIMEOUT.read(settings),
                stateDir,
                THREADS.read(settings),
                HOST.read(settings),
                PORT.read(settings),
                COMMIT_INTERVAL.read(settings),
                CACHE_BYTES.read(settings),
                ROCKSDB_MEMORY.read(settings),
                sourceDefaults(settings, platform.parties()),
                SIGHTINGS_TLP.read(settings),
                CORRELATION_FANOUT.read(settings),
                EXPIRY_INTERVAL.read(settings),
                lifetimes(settings));
    }

    private static SourceDefaults sourceDefaults(Settings settings, Parties parties) {
        Map<String, Integer> byParty = RELIABILITY.read(settings);
        for (String party : byParty.keySet()) {
            if (!parties.contains(PartyId.of(party))) {
                throw new IllegalArgumentException("setting " + RELIABILITY.name() + " names '" + party
                        + "', which is not a configured party " + parties.all());
            }
        }
        return new SourceDefaults(DEFAULT_CONFIDENCE.read(settings), DEFAULT_RELIABILITY.read(settings), byParty);
    }

    private static Lifetimes lifetimes(Settings settings) {
        Map<IndicatorType, Duration> map = new EnumMap<>(IndicatorType.class);
        LIFETIMES.forEach((type, setting) -> setting.read(settings).ifPresent(lifetime -> map.put(type, lifetime)));
        return new Lifetimes(map);
    }

    /** The static-membership id of this instance: the setting, or the one kept in the state directory (created there on first use). */
    public String instanceId() {
        return instance.value();
    }

    private static Tlp tlp(String value) {
        return Tlp.valueOf(value.trim().toUpperCase(Locale.ROOT).replace("TLP:", "").replace('+', '_'));
    }

    private static Map<String, Integer> reliabilities(String value) {
        Map<String, Integer> byParty = new HashMap<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] sides = entry.split(":");
            if (sides.length != 2) {
                throw new IllegalArgumentException("not party:reliability: " + entry);
            }
            int reliability = Integer.parseInt(sides[1].trim());
            if (reliability < 0 || reliability > 100) {
                throw new IllegalArgumentException("out of 0..100: " + entry);
            }
            byParty.put(PartyId.of(sides[0]).value(), reliability);
        }
        return Map.copyOf(byParty);
    }

    /** A lifetime: {@code never} (also {@code none}, {@code 0}) for no expiry, else a positive duration. */
    private static Optional<Duration> lifetime(String value) {
        if (value.toLowerCase(Locale.ROOT).matches("never|none|0")) {
            return Optional.empty();
        }
        Duration lifetime = Settings.parseDuration(value);
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("not positive: " + value);
        }
        return Optional.of(lifetime);
    }

    private static Map<IndicatorType, Setting<Optional<Duration>>> lifetimeSettings() {
        Lifetimes defaults = Lifetimes.defaultLifetimes();
        Map<IndicatorType, Setting<Optional<Duration>>> settings = new EnumMap<>(IndicatorType.class);
        for (IndicatorType type : IndicatorType.values()) {
            Optional<Duration> lifetime = defaults.of(type);
            settings.put(type, Setting.of("CASPIAN_LIFETIME_" + type.name(), StreamsSettings::lifetime,
                    "a positive duration or 'never'", lifetime, lifetime.map(Settings::formatDuration).orElse("never"),
                    "how long an indicator of type " + type.name().toLowerCase(Locale.ROOT)
                            + " stays actionable after it was last reported"));
        }
        return Collections.unmodifiableMap(settings);
    }

    private static List<Setting<?>> all() {
        List<Setting<?>> all = new ArrayList<>(List.of(APPLICATION_ID, INSTANCE_ID, SESSION_TIMEOUT, STATE_DIR, THREADS, HOST,
                PORT, COMMIT_INTERVAL, CACHE_BYTES, ROCKSDB_MEMORY, DEFAULT_CONFIDENCE, DEFAULT_RELIABILITY, RELIABILITY, SIGHTINGS_TLP,
                CORRELATION_FANOUT, EXPIRY_INTERVAL));
        all.addAll(LIFETIMES.values());
        return List.copyOf(all);
    }
}
