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
import org.caspianhub.runtime.Settings;

/**
 * The alert dispatcher's configuration, read once at start-up:
 *
 * <table>
 * <caption>settings</caption>
 * <tr><td>CASPIAN_DISPATCHER_HOST</td><td>localhost</td><td>the address /health, /metrics and /subscriptions listen on (no authentication: keep it on
 *     loopback or a management network)</td></tr>
 * <tr><td>CASPIAN_DISPATCHER_PORT</td><td>8083</td><td>/health, /metrics, /subscriptions</td></tr>
 * <tr><td>CASPIAN_SUBSCRIPTIONS_FILE</td><td>unset</td><td>the subscriptions (JSON); unset: one demo subscription per party logging what it would deliver</td></tr>
 * <tr><td>CASPIAN_DISPATCHER_GROUP_PREFIX</td><td>caspian-dispatcher</td><td>consumer group of a subscription: prefix.party.subscription-id</td></tr>
 * <tr><td>CASPIAN_DELIVERY_MAX_AGE</td><td>24h</td><td>the retry budget: how long after its first attempt an alert is still retried before the dead-letter topic</td></tr>
 * <tr><td>CASPIAN_DELIVERY_MAX_ATTEMPTS</td><td>0 (no limit)</td><td>optionally, failed attempts per alert before the dead-letter topic as well</td></tr>
 * <tr><td>CASPIAN_DELIVERY_INITIAL_BACKOFF</td><td>1s</td><td>default wait before the first retry, doubling after</td></tr>
 * <tr><td>CASPIAN_DELIVERY_MAX_BACKOFF</td><td>5m</td><td>default longest wait between attempts</td></tr>
 * <tr><td>CASPIAN_DELIVERY_TIMEOUT</td><td>10s</td><td>default time one attempt may take</td></tr>
 * <tr><td>CASPIAN_DELIVERY_MAX_IN_FLIGHT</td><td>64</td><td>default concurrent deliveries per subscription</td></tr>
 * <tr><td>CASPIAN_DELIVERY_MAX_RETRY_AFTER</td><td>the maximum age</td><td>longest single Retry-After honoured; longer dead-letters the alert</td></tr>
 * <tr><td>CASPIAN_DELIVERY_START_FROM</td><td>earliest</td><td>where a new subscription starts: earliest or latest</td></tr>
 * <tr><td>CASPIAN_DISPATCHER_SHUTDOWN_GRACE</td><td>5s</td><td>how long stopping waits for attempts in flight</td></tr>
 * <tr><td>CASPIAN_DISPATCHER_SESSION_TIMEOUT</td><td>10s</td><td>how soon a crashed dispatcher's subscriptions are taken over by a restarted or standby one</td></tr>
 * <tr><td>CASPIAN_DISPATCHER_STALL_AFTER</td><td>1m</td><td>a subscription with alerts waiting that finishes none for this long is reported stalled</td></tr>
 * </table>
 * Each subscription may override the delivery defaults in the file.
 */
public record DispatcherSettings(PlatformSettings platform, String host, int port, Optional<Path> subscriptionsFile,
                                 List<Subscription> subscriptions, DeliveryPolicy defaults, String groupPrefix,
                                 Duration shutdownGrace, Duration sessionTimeout, Duration stallAfter) {

    public DispatcherSettings {
        subscriptions = List.copyOf(subscriptions);
        if (stallAfter.isNegative() || stallAfter.isZero()) {
            throw new IllegalArgumentException("CASPIAN_DISPATCHER_STALL_AFTER must be positive, got " + stallAfter);
        }
    }

    public static DispatcherSettings from(Settings settings) {
        PlatformSettings platform = PlatformSettings.from(settings);
        Duration maxAge = settings.duration("CASPIAN_DELIVERY_MAX_AGE", Duration.ofHours(24));
        DeliveryPolicy defaults = deliveryDefaults(settings, maxAge);
        Optional<Path> file = settings.optional("CASPIAN_SUBSCRIPTIONS_FILE").map(Path::of);
        List<Subscription> subscriptions = file
                .map(f -> SubscriptionsFile.load(f, platform.parties(), defaults, settings))
                .orElseGet(() -> demoSubscriptions(platform, defaults));
        return new DispatcherSettings(platform, settings.string("CASPIAN_DISPATCHER_HOST", "localhost"),
                settings.integer("CASPIAN_DISPATCHER_PORT", 8083), file, subscriptions,
                defaults, settings.string("CASPIAN_DISPATCHER_GROUP_PREFIX", "caspian-dispatcher"),
                settings.duration("CASPIAN_DISPATCHER_SHUTDOWN_GRACE", Duration.ofSeconds(5)),
                settings.duration("CASPIAN_DISPATCHER_SESSION_TIMEOUT", Duration.ofSeconds(10)),
                settings.duration("CASPIAN_DISPATCHER_STALL_AFTER", Duration.ofMinutes(1)));
    }

    /** The {@code CASPIAN_DELIVERY_*} defaults; a bad value is reported by its setting's name. */
    private static DeliveryPolicy deliveryDefaults(Settings settings, Duration maxAge) {
        try {
            return new DeliveryPolicy(
                    settings.integer("CASPIAN_DELIVERY_MAX_ATTEMPTS", DeliveryPolicy.NO_ATTEMPT_LIMIT),
                    settings.duration("CASPIAN_DELIVERY_INITIAL_BACKOFF", Duration.ofSeconds(1)),
                    settings.duration("CASPIAN_DELIVERY_MAX_BACKOFF", Duration.ofMinutes(5)),
                    settings.duration("CASPIAN_DELIVERY_TIMEOUT", Duration.ofSeconds(10)),
                    settings.integer("CASPIAN_DELIVERY_MAX_IN_FLIGHT", 64),
                    settings.duration("CASPIAN_DELIVERY_MAX_RETRY_AFTER", maxAge),
                    settings.string("CASPIAN_DELIVERY_START_FROM", "earliest"), maxAge);
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
            "maxAttempts", "CASPIAN_DELIVERY_MAX_ATTEMPTS", "maxAge", "CASPIAN_DELIVERY_MAX_AGE",
            "maxInFlight", "CASPIAN_DELIVERY_MAX_IN_FLIGHT", "timeout", "CASPIAN_DELIVERY_TIMEOUT",
            "startFrom", "CASPIAN_DELIVERY_START_FROM",
            "backoff", "CASPIAN_DELIVERY_INITIAL_BACKOFF / CASPIAN_DELIVERY_MAX_BACKOFF");

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
