package org.caspianhub.producers.feeds;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.Settings;

/**
 * The feed poller's configuration, declared in {@link #ALL}, plus {@link PlatformSettings}.
 * {@code host} and {@code port} are where a standalone poller ({@code caspian-hub feeds}) serves
 * {@code /health} and {@code /metrics}; the local hub has no such listener for it.
 */
public record FeedPollerSettings(Optional<Path> feedsFile, Duration httpTimeout, Duration initialDelay,
                                 Duration sendTimeout, int importChunk, long maxBytes, PlatformSettings platform,
                                 String host, int port) {

    public static final Setting<Optional<Path>> FILE = Setting.optionalPath("CASPIAN_FEEDS_FILE",
            "the feeds to poll (JSON); unset: no feeds, the poller idles");
    public static final Setting<Duration> HTTP_TIMEOUT = Setting.duration("CASPIAN_FEEDS_HTTP_TIMEOUT", "60s",
            "per request");
    public static final Setting<Duration> INITIAL_DELAY = Setting.duration("CASPIAN_FEEDS_INITIAL_DELAY", "5s",
            "before the first poll of each feed");
    public static final Setting<Duration> SEND_TIMEOUT = Setting.duration("CASPIAN_FEEDS_SEND_TIMEOUT", "30s",
            "for the broker to acknowledge a chunk");
    public static final Setting<Integer> IMPORT_CHUNK = Setting.integer("CASPIAN_FEEDS_IMPORT_CHUNK", 500,
            "submissions per transaction").atLeast(1);
    public static final Setting<Long> MAX_BYTES = Setting.longValue("CASPIAN_FEEDS_MAX_BYTES", 512L * 1024 * 1024,
            "the largest download (a feed file, a MISP event or manifest, a TAXII page), 512 MiB; a larger one is"
                    + " stopped and the poll is an error").atLeast(1L);
    public static final Setting<String> HOST = Setting.string("CASPIAN_FEEDS_HOST", "localhost",
            "where a standalone poller's /health and /metrics listen");
    public static final Setting<Integer> PORT = Setting.port("CASPIAN_FEEDS_PORT", 8085,
            "a standalone poller's /health and /metrics; 0 picks a free port");

    public static final List<Setting<?>> ALL = List.of(FILE, HTTP_TIMEOUT, INITIAL_DELAY, SEND_TIMEOUT, IMPORT_CHUNK,
            MAX_BYTES, HOST, PORT);

    public static FeedPollerSettings from(Settings settings) {
        return new FeedPollerSettings(
                FILE.read(settings),
                HTTP_TIMEOUT.read(settings),
                INITIAL_DELAY.read(settings),
                SEND_TIMEOUT.read(settings),
                IMPORT_CHUNK.read(settings),
                MAX_BYTES.read(settings),
                PlatformSettings.from(settings),
                HOST.read(settings),
                PORT.read(settings));
    }
}
