package org.caspianhub.consumers.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.subscription.Subscription;

/**
 * The meters of one subscription, tagged {@code party}, {@code subscription} and
 * {@code destination} (webhook, syslog, log):
 * <ul>
 * <li>{@code caspian.delivery.alerts{outcome}}: alerts finished, by outcome: delivered,
 * dead_lettered, filtered (the subscription's filter), unrepresentable (no STIX form for a STIX
 * webhook), misrouted (recipient not the topic's party), undecodable;</li>
 * <li>{@code caspian.delivery.attempts{result}}: attempts, by result: success, retryable, refused;</li>
 * <li>{@code caspian.delivery.dead.letters}: alerts written to the dead-letter topic;</li>
 * <li>{@code caspian.delivery.latency}: alert creation ({@code Alert.createdAt}) to delivered;</li>
 * <li>{@code caspian.delivery.end.to.end}: submission accepted ({@code Alert.sourceTimestamp}) to delivered;</li>
 * <li>{@code caspian.delivery.in.flight} and {@code caspian.delivery.pending}: gauges of the work under way;</li>
 * <li>{@code caspian.delivery.stalled}: 1 while the subscription is stalled (alerts waiting, none delivered);</li>
 * <li>{@code caspian.delivery.dead.lettering}: 1 from a dead-lettered alert until the next delivered one.</li>
 * </ul>
 * The gauges read a running worker; {@link #close} removes them with it, so a restarted
 * dispatcher's gauges read its new workers rather than the stopped ones.
 */
public final class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter delivered;
    private final Counter deadLettered;
    private final Counter deadLetterRecords;
    private final Counter filtered;
    private final Counter unrepresentable;
    private final Counter misrouted;
    private final Counter undecodable;
    private final Counter attemptSuccess;
    private final Counter attemptRetryable;
    private final Counter attemptRefused;
    private final Timer latency;
    private final Timer endToEnd;
    private final List<Meter> gauges = new ArrayList<>();

    public DeliveryMetrics(MeterRegistry registry, Subscription subscription) {
        this.registry = registry;
        this.tags = Tags.of("party", subscription.party().value(), "subscription", subscription.id(),
                "destination", subscription.destination().kind());
        this.delivered = outcome("delivered");
        this.deadLettered = outcome("dead_lettered");
        this.filtered = outcome("filtered");
        this.unrepresentable = outcome("unrepresentable");
        this.misrouted = outcome("misrouted");
        this.undecodable = outcome("undecodable");
        this.deadLetterRecords = Counter.builder("caspian.delivery.dead.letters")
                .description("Alerts written to the party's dead-letter topic after the last attempt")
                .tags(tags).register(registry);
        this.attemptSuccess = attempt("success");
        this.attemptRetryable = attempt("retryable");
        this.attemptRefused = attempt("refused");
        this.latency = Timer.builder("caspian.delivery.latency")
                .description("From the alert's creation to its delivery")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        this.endToEnd = Timer.builder("caspian.delivery.end.to.end")
                .description("From the submission that caused the alert to the alert's delivery")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
    }

    private Counter outcome(String outcome) {
        return Counter.builder("caspian.delivery.alerts").description("Alerts finished by a subscription, by outcome")
                .tags(tags).tag("outcome", outcome).register(registry);
    }

    private Counter attempt(String result) {
        return Counter.builder("caspian.delivery.attempts").description("Delivery attempts, by result")
                .tags(tags).tag("result", result).register(registry);
    }

    void gauges(Supplier<Number> inFlight, Supplier<Number> pending, Supplier<Number> stalled, Supplier<Number> deadLettering) {
        gauges.add(Gauge.builder("caspian.delivery.in.flight", inFlight).description("Alerts being delivered now")
                .tags(tags).register(registry));
        gauges.add(Gauge.builder("caspian.delivery.pending", pending).description("Alerts polled and waiting for a delivery slot")
                .tags(tags).register(registry));
        gauges.add(Gauge.builder("caspian.delivery.stalled", stalled)
                .description("1 while alerts wait and none has been delivered for CASPIAN_DISPATCHER_STALL_AFTER")
                .tags(tags).register(registry));
        gauges.add(Gauge.builder("caspian.delivery.dead.lettering", deadLettering)
                .description("1 from an alert dead-lettered until the next one delivered")
                .tags(tags).register(registry));
    }

    /** Removes the gauges of a stopped worker (counters and timers stay: they count across restarts). */
    void close() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    void attempt(AttemptResult result) {
        if (result instanceof AttemptResult.Delivered) {
            attemptSuccess.increment();
        } else if (result instanceof AttemptResult.Retryable) {
            attemptRetryable.increment();
        } else {
            attemptRefused.increment();
        }
    }

    void delivered(Alert alert, Instant now) {
        delivered.increment();
        latency.record(Duration.between(alert.getCreatedAt(), now).abs());
        endToEnd.record(Duration.between(alert.getSourceTimestamp(), now).abs());
    }

    void deadLettered() {
        deadLettered.increment();
        deadLetterRecords.increment();
    }

    void filtered() {
        filtered.increment();
    }

    void unrepresentable() {
        unrepresentable.increment();
    }

    void misrouted() {
        misrouted.increment();
    }

    void undecodable() {
        undecodable.increment();
    }

    public long deliveredCount() {
        return (long) delivered.count();
    }

    public long deadLetteredCount() {
        return (long) deadLettered.count();
    }
}
