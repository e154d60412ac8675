package org.caspianhub.consumers.dispatch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.consumers.subscription.AlertFilter;
import org.caspianhub.consumers.subscription.DeliveryPolicy;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.subscription.SubscriptionsFile;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Setting;
import org.caspianhub.runtime.Settings;

/**
 * The alert dispatcher's configuration, read once at start-up through the declarations in
 * {@link #ALL}. Each subscription may override the delivery defaults ({@code CASPIAN_DELIVERY_*})
 * in the subscriptions file.
 */
public record DispatcherSettings(PlatformSettings platform, String host, int port, Optional<Path> subscriptionsFile,
                                 List<Subscription> subscriptions, DeliveryPolicy defaults, String groupPrefix,
                                 Duration shutdownGrace, Duration sessionTimeout, Duration stallAfter) {

    public static final Setting<String> HOST = Setting.string("CASPIAN_DISPATCHER_HOST", "localhost",
            "the address /health, /metrics and /subscriptions listen on (no authentication: keep it on loopback or a"
                    + " management network)");
    public static final Setting<Integer> PORT = Setting.port("CASPIAN_DISPATCHER_PORT", 8083,
            "/health, /metrics, /subscriptions");
    public static final Setting<Optional<Path>> SUBSCRIPTIONS_FILE = Setting.optionalPath("CASPIAN_SUBSCRIPTIONS_FILE",
            "the subscriptions (JSON); unset: one demo subscription per party logging what it would deliver");
    public static final Setting<String> GROUP_PREFIX = Setting.string("CASPIAN_DISPATCHER_GROUP_PREFIX", "caspian-dispatcher",
            "consumer group of a subscription: <prefix>.<party>.<subscription id>");
    // the delivery defaults' ranges are DeliveryPolicy's, which holds a subscriptions file's overrides to them too
    public static final Setting<Duration> DELIVERY_MAX_AGE = Setting.duration("CASPIAN_DELIVERY_MAX_AGE", "24h",
            "the retry budget: how long after its first attempt an alert is still retried before the dead-letter topic");
    public static final Setting<Integer> DELIVERY_MAX_ATTEMPTS = Setting.integer("CASPIAN_DELIVERY_MAX_ATTEMPTS",
            DeliveryPolicy.NO_ATTEMPT_LIMIT, "failed attempts per alert before the dead-letter topic as well (0: no limit)");
    public static final Setting<Duration> DELIVERY_INITIAL_BACKOFF = Setting.duration("CASPIAN_DELIVERY_INITIAL_BACKOFF",
            "1s", "wait before the first retry, doubling after");
    public static final Setting<Duration> DELIVERY_MAX_BACKOFF = Setting.duration("CASPIAN_DELIVERY_MAX_BACKOFF", "5m",
            "longest wait between attempts");
    public static final Setting<Duration> DELIVERY_TIMEOUT = Setting.duration("CASPIAN_DELIVERY_TIMEOUT", "10s",
            "time one attempt may take");
    public static final Setting<Integer> DELIVERY_MAX_IN_FLIGHT = Setting.integer("CASPIAN_DELIVERY_MAX_IN_FLIGHT", 64,
            "concurrent deliveries per subscription");
    public static final Setting<Duration> DELIVERY_MAX_RETRY_AFTER = Setting.duration("CASPIAN_DELIVERY_MAX_RETRY_AFTER",
            "24h", "longest single Retry-After honoured; a longer one dead-letters the alert")
            .defaultFrom(DELIVERY_MAX_AGE::read, "the maximum age");
    public static final Setting<String> DELIVERY_START_FROM = Setting.string("CASPIAN_DELIVERY_START_FROM", "earliest",
            "where a new subscription starts: earliest or latest");
    public static final Setting<Duration> SHUTDOWN_GRACE = Setting.duration("CASPIAN_DISPATCHER_SHUTDOWN_GRACE", "5s",
            "how long stopping waits for attempts in flight");
    public static final Setting<Duration> SESSION_TIMEOUT = Setting.duration("CASPIAN_DISPATCHER_SESSION_TIMEOUT", "10s",
            "how soon a crashed dispatcher's subscriptions are taken over by a restarted or standby one");
    public static final Setting<Duration> STALL_AFTER = Setting.positiveDuration("CASPIAN_DISPATCHER_STALL_AFTER", "1m",
            "a subscription with alerts waiting that finishes none for this long is reported stalled");

    public static final List<Setting<?>> ALL = List.of(HOST, PORT, SUBSCRIPTIONS_FILE, GROUP_PREFIX, DELIVERY_MAX_AGE,
            DELIVERY_MAX_ATTEMPTS, DELIVERY_INITIAL_BACKOFF, DELIVERY_MAX_BACKOFF, DELIVERY_TIMEOUT, DELIVERY_MAX_IN_FLIGHT,
            DELIVERY_MAX_RETRY_AFTER, DELIVERY_START_FROM, SHUTDOWN_GRACE, SESSION_TIMEOUT, STALL_AFTER);

    public DispatcherSettings {
        subscriptions = List.copyOf(subscriptions);
    }

    public static DispatcherSettings from(Settings settings) {
        PlatformSettings platform = PlatformSettings.from(settings);
        DeliveryPolicy defaults = deliveryDefaults(settings);
        Optional<Path> file = SUBSCRIPTIONS_FILE.read(settings);
        List<Subscription> subscriptions = file
                .map(f -> SubscriptionsFile.load(f, platform.parties(), defaults, settings))
                .orElseGet(() -> demoSubscriptions(platform, defaults));
        return new DispatcherSettings(platform, HOST.read(settings), PORT.read(settings), file, subscriptions,
                defaults, GROUP_PREFIX.read(settings), SHUTDOWN_GRACE.read(settings), SESSION_TIMEOUT.read(settings),
                STALL_AFTER.read(settings));
    }

    /** The {@code CASPIAN_DELIVERY_*} defaults; a bad value is reported by its setting's name. */
    private static DeliveryPolicy deliveryDefaults(Settings settings) {
        Duration maxAge = DELIVERY_MAX_AGE.read(settings);
        try {
            return new DeliveryPolicy(
                    DELIVERY_MAX_ATTEMPTS.read(settings),
                    DELIVERY_INITIAL_BACKOFF.read(settings),
                    DELIVERY_MAX_BACKOFF.read(settings),
                    DELIVERY_TIMEOUT.read(settings),
                    DELIVERY_MAX_IN_FLIGHT.read(settings),
                    DELIVERY_MAX_RETRY_AFTER.read(settings),
                    DELIVERY_START_FROM.read(settings), maxAge);
        } catch (IllegalArgumentException e) {
            // DeliveryPolicy names its fields as a subscriptions file spells them; here they come from the environment
            String message = e.getMessage();
            for (Map.Entry<String, String> field : SETTING_OF_FIELD.entrySet()) {
                if (message.startsWith(field.getKey() + " ")) {
                    message = "setting " + field.getValue() + message.substring(field.getKey().length());
                }
            }
            throw new IllegalArgumentException(message, e);
        }
    }

    private static final Map<String, String> SETTING_OF_FIELD = Map.of(
            "maxAttempts", DELIVERY_MAX_ATTEMPTS.name(), "maxAge", DELIVERY_MAX_AGE.name(),
            "maxInFlight", DELIVERY_MAX_IN_FLIGHT.name(), "timeout", DELIVERY_TIMEOUT.name(),
            "startFrom", DELIVERY_START_FROM.name(),
            "backoff", DELIVERY_INITIAL_BACKOFF.name() + " / " + DELIVERY_MAX_BACKOFF.name());

    /** The local default: every party's alerts written to the dispatcher's log. */
    static List<Subscription> demoSubscriptions(PlatformSettings platform, DeliveryPolicy defaults) {
        List<Subscription> demo = new ArrayList<>();
        for (PartyId party : platform.parties().all()) {
            demo.add(new Subscription("demo-log-" + party.value(), party, new Destination.Log(), AlertFilter.all(), defaults));
        }
        return demo;
    }

    /** The same settings with other subscriptions (tests, the launcher). */
    public DispatcherSettings withSubscriptions(List<Subscription> replaced) {
        return new DispatcherSettings(platform, host, port, subscriptionsFile, replaced, defaults, groupPrefix, shutdownGrace,
                sessionTimeout, stallAfter);
    }

    public DispatcherSettings withPort(int newPort) {
        return new DispatcherSettings(platform, host, newPort, subscriptionsFile, subscriptions, defaults, groupPrefix, shutdownGrace,
                sessionTimeout, stallAfter);
    }

    /** The consumer group of one subscription. */
    public String groupId(Subscription subscription) {
        return groupPrefix + "." + subscription.party().value() + "." + subscription.id();
    }
}
