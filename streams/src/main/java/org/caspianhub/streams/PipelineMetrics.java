package org.caspianhub.streams;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.IndicatorType;

/**
 * What every stage of the topology did, as Micrometer meters (exposed by the service at
 * {@code /metrics}). Counters are looked up once per tag combination and cached: these are
 * incremented per record on the hot path. Prometheus names (with {@code _total} for counters):
 *
 * <ul>
 * <li>{@code caspian_submissions_accepted_total{party}}: submissions past validation</li>
 * <li>{@code caspian_submissions_rejected_total{party}}: rejections written (submissions and sightings), and
 *     {@code caspian_rejection_reasons_total{party,reason}}: their reasons by code</li>
 * <li>{@code caspian_sightings_total{party,kind}}: sightings accepted; {@code caspian_sightings_unknown_total{party}}:
 *     sightings of values the hub does not hold</li>
 * <li>{@code caspian_warninglisted_total{list}}: accepted values found on a warninglist (kept, never alerted)</li>
 * <li>{@code caspian_events_placement_total{path}}: accepted events merged in the task that read them
 *     ({@code local}: they arrived in their locality's partition) or sent through the repartition topic first
 *     ({@code repartition})</li>
 * <li>{@code caspian_events_merged_total}: events through the merge stage, whatever they did</li>
 * <li>{@code caspian_indicators_created_total{type}}, {@code caspian_indicators_published_total}</li>
 * <li>{@code caspian_duplicates_suppressed_total{party,reason}}: re-submissions that changed nothing material
 *     ({@code resubmission}) or repeated a submission id ({@code same_submission})</li>
 * <li>{@code caspian_revocations_total{outcome}}: accepted, refused (not the party's), repeated</li>
 * <li>{@code caspian_correlations_total{kind}}, {@code caspian_correlations_capped_total{kind}} (fan-out bound hit)</li>
 * <li>{@code caspian_expired_total{type}}</li>
 * <li>{@code caspian_alerts_total{recipient,kind}} and {@code caspian_alert_latency_seconds} (submission accepted
 *     by the gateway to alert written, wall clock)</li>
 * <li>{@code caspian_processing_errors_total{stage}}: records a stage could not process (written as rejections
 *     where they came from a party)</li>
 * </ul>
 */
public final class PipelineMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Timer alertLatency;
    private final Counter merged;
    private final Counter published;
    private final Counter placedLocally;
    private final Counter repartitioned;
    // hot counters, resolved once (racy first writes are harmless: Micrometer returns the same meter)
    private final Map<String, Counter> acceptedByParty = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> alertsByRecipient = new ConcurrentHashMap<>();
    private final Counter[] createdByType = new Counter[IndicatorType.values().length];

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.alertLatency = Timer.builder("caspian.alert.latency")
                .description("From the submission's acceptance at the gateway to its alert being written")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.merged = Counter.builder("caspian.events.merged")
                .description("Indicator events (submissions, revocations, sightings) through the merge stage")
                .register(registry);
        this.published = Counter.builder("caspian.indicators.published")
                .description("Merged states published to cti.hub.indicators").register(registry);
        this.placedLocally = Counter.builder("caspian.events.placement").tag("path", "local")
                .description("Accepted events merged in the task that read them, or repartitioned first")
                .register(registry);
        this.repartitioned = Counter.builder("caspian.events.placement").tag("path", "repartition")
                .description("Accepted events merged in the task that read them, or repartitioned first")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void accepted(String party) {
        acceptedByParty.computeIfAbsent(party, p -> counter("caspian.submissions.accepted", "party", p)).increment();
    }

    /** One rejection written for {@code party}, counted once, and each of its reasons by code. */
    public void rejected(String party, java.util.List<org.caspianhub.avro.RejectionReason> reasons) {
        counter("caspian.submissions.rejected", "party", party).increment();
        for (org.caspianhub.avro.RejectionReason reason : reasons) {
            counter("caspian.rejection.reasons", "party", party, "reason", reason.getCode()).increment();
        }
    }

    public void sighting(String party, String kind) {
        counter("caspian.sightings", "party", party, "kind", kind).increment();
    }

    public void sightingOfUnknownIndicator(String party) {
        counter("caspian.sightings.unknown", "party", party).increment();
    }

    public void warninglisted(String list) {
        counter("caspian.warninglisted", "list", list).increment();
    }

    /** An accepted event that arrived in its locality's partition ({@code local}), or one that did not. */
    public void placement(boolean local) {
        (local ? placedLocally : repartitioned).increment();
    }

    /** One indicator event (submission, revocation or sighting) through the merge stage, whatever it did. */
    public void merged() {
        merged.increment();
    }

    public double mergedCount() {
        return merged.count();
    }

    public void created(IndicatorType type) {
        Counter c = createdByType[type.ordinal()];
        if (c == null) {
            c = counter("caspian.indicators.created", "type", type.name().toLowerCase());
            createdByType[type.ordinal()] = c;
        }
        c.increment();
    }

    public void published() {
        published.increment();
    }

    public void duplicateSuppressed(String party, String reason) {
        counter("caspian.duplicates.suppressed", "party", party, "reason", reason).increment();
    }

    public void revocation(String outcome) {
        counter("caspian.revocations", "outcome", outcome).increment();
    }

    public void correlation(CorrelationKind kind) {
        counter("caspian.correlations", "kind", kind.name()).increment();
    }

    public void correlationsCapped(CorrelationKind kind) {
        counter("caspian.correlations.capped", "kind", kind.name()).increment();
    }

    public void expired(IndicatorType type) {
        counter("caspian.expired", "type", type.name().toLowerCase()).increment();
    }

    public void alert(String recipient, AlertKind kind, long sourceTimestampMillis) {
        Counter[] byKind = alertsByRecipient.computeIfAbsent(recipient, r -> new Counter[AlertKind.values().length]);
        Counter c = byKind[kind.ordinal()];
        if (c == null) {
            c = counter("caspian.alerts", "recipient", recipient, "kind", kind.name());
            byKind[kind.ordinal()] = c;
        }
        c.increment();
        long latency = System.currentTimeMillis() - sourceTimestampMillis;
        if (latency >= 0 && latency < Duration.ofDays(1).toMillis()) {
            alertLatency.record(Duration.ofMillis(latency));
        }
    }

    public void processingError(String stage) {
        counter("caspian.processing.errors", "stage", stage).increment();
    }

    /** The counter's current value, for tests and the health page. */
    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    private Counter counter(String name, String... tags) {
        String id = tags.length == 0 ? name : name + "|" + String.join("|", tags);
        Counter c = counters.get(id);
        if (c == null) {
            c = counters.computeIfAbsent(id, k -> Counter.builder(name).tags(tags).register(registry));
        }
        return c;
    }
}
