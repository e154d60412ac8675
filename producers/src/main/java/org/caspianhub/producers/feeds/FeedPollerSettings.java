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
 * </table>
 * plus {@link PlatformSettings}.
 */
public record FeedPollerSettings(Optional<Path> feedsFile, Duration httpTimeout, Duration initialDelay,
                                 Duration sendTimeout, int importChunk, PlatformSettings platform) {

    public static FeedPollerSettings from(Settings settings) {
        return new FeedPollerSettings(
                settings.optional("CASPIAN_FEEDS_FILE").map(Path::of),
                settings.duration("CASPIAN_FEEDS_HTTP_TIMEOUT", Duration.ofSeconds(60)),
                settings.duration("CASPIAN_FEEDS_INITIAL_DELAY", Duration.ofSeconds(5)),
                settings.duration("CASPIAN_FEEDS_SEND_TIMEOUT", Duration.ofSeconds(30)),
                settings.integer("CASPIAN_FEEDS_IMPORT_CHUNK", 500),
                PlatformSettings.from(settings));
    }
}
