package org.caspianhub.producers.feeds;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;

/**
 * The feed poller's configuration:
 *
 * <table>
 * <caption>settings</caption>
 * <tr><td>CASPIAN_FEEDS_FILE</td><td>unset: no feeds (the poller idles)</td></tr>
 * <tr><td>CASPIAN_FEEDS_HTTP_TIMEOUT</td><td>60s per request</td></tr>
 * <tr><td>CASPIAN_FEEDS_INITIAL_DELAY</td><td>5s before the first poll of each feed</td></tr>
 * <tr><td>CASPIAN_FEEDS_SEND_TIMEOUT</td><td>30s for the broker to acknowledge a chunk</td></tr>
 * <tr><td>CASPIAN_FEEDS_IMPORT_CHUNK</td><td>500 submissions per transaction</td></tr>
 * <tr><td>CASPIAN_FEEDS_MAX_BYTES</td><td>536870912 (512 MiB): the largest download (a feed file, a MISP
 *     event or manifest, a TAXII page); a larger one is stopped and the poll is an error</td></tr>
 * </table>
 * plus {@link PlatformSettings}.
 */
public record FeedPollerSettings(Optional<Path> feedsFile, Duration httpTimeout, Duration initialDelay,
                                 Duration sendTimeout, int importChunk, long maxBytes, PlatformSettings platform) {

    public static FeedPollerSettings from(Settings settings) {
        return new FeedPollerSettings(
                settings.optional("CASPIAN_FEEDS_FILE").map(Path::of),
                settings.duration("CASPIAN_FEEDS_HTTP_TIMEOUT", Duration.ofSeconds(60)),
                settings.duration("CASPIAN_FEEDS_INITIAL_DELAY", Duration.ofSeconds(5)),
                settings.duration("CASPIAN_FEEDS_SEND_TIMEOUT", Duration.ofSeconds(30)),
                positive("CASPIAN_FEEDS_IMPORT_CHUNK", settings.integer("CASPIAN_FEEDS_IMPORT_CHUNK", 500)),
                positive("CASPIAN_FEEDS_MAX_BYTES", settings.longValue("CASPIAN_FEEDS_MAX_BYTES", 512L * 1024 * 1024)),
                PlatformSettings.from(settings));
    }

    private static <N extends Number> N positive(String name, N value) {
        if (value.longValue() < 1) {
            throw new IllegalArgumentException("setting " + name + " must be at least 1, got " + value);
        }
        return value;
    }
}
