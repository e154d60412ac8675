package org.caspianhub.streams.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorType;

/**
 * How long an indicator of each type stays actionable after it was last reported. Addresses
 * are re-assigned and domains re-registered, so they age out; a file hash or a CVE names the
 * same thing forever, so they do not. {@code CASPIAN_LIFETIME_<TYPE>} overrides a default
 * ({@code 30d}, {@code 12h}, {@code never}; declared in {@code StreamsSettings}).
 *
 * <p>Scores decay with the same clock: a contribution's weight halves every half lifetime, so
 * an address reported once 30 days ago (lifetime 30d) weighs a quarter of a fresh one when it
 * expires. Types without a lifetime do not decay.
 */
public final class Lifetimes {

    private static final Map<IndicatorType, Duration> DEFAULTS = defaults();

    private final Map<IndicatorType, Duration> lifetimes;

    public Lifetimes(Map<IndicatorType, Duration> lifetimes) {
        this.lifetimes = new EnumMap<>(IndicatorType.class);
        this.lifetimes.putAll(lifetimes);
    }

    public static Lifetimes defaultLifetimes() {
        return new Lifetimes(DEFAULTS);
    }

    private static Map<IndicatorType, Duration> defaults() {
        Map<IndicatorType, Duration> map = new EnumMap<>(IndicatorType.class);
        map.put(IndicatorType.IPV4, Duration.ofDays(30));
        map.put(IndicatorType.IPV6, Duration.ofDays(30));
        map.put(IndicatorType.CIDR, Duration.ofDays(60));
        map.put(IndicatorType.URL, Duration.ofDays(60));
        map.put(IndicatorType.DOMAIN, Duration.ofDays(90));
        map.put(IndicatorType.EMAIL, Duration.ofDays(180));
        map.put(IndicatorType.ASN, Duration.ofDays(365));
        return map;
    }

    /** The lifetime of a type; empty when it never ages out (hashes, CVEs). */
    public Optional<Duration> of(IndicatorType type) {
        return Optional.ofNullable(lifetimes.get(type));
    }

    /** Milliseconds after which a contribution's weight has halved; 0 when the type does not decay. */
    public long halfLifeMillis(IndicatorType type) {
        Duration lifetime = lifetimes.get(type);
        return lifetime == null ? 0 : lifetime.toMillis() / 2;
    }

    /**
     * When the given active contributions stop being actionable: their type's lifetime after the
     * latest report, or the latest of their own valid-until dates when every one gave one,
     * whichever comes first. Null when neither applies (a hash without valid-until) or when
     * there are no contributions.
     */
    public Instant expiry(IndicatorType type, Collection<Contribution> active) {
        if (active.isEmpty()) {
            return null;
        }
        Instant lastSeen = Instant.MIN;
        Instant latestValidUntil = Instant.MIN;
        boolean allBounded = true;
        for (Contribution c : active) {
            if (c.getLastSeen().isAfter(lastSeen)) {
                lastSeen = c.getLastSeen();
            }
            if (c.getValidUntil() == null) {
                allBounded = false;
            } else if (c.getValidUntil().isAfter(latestValidUntil)) {
                latestValidUntil = c.getValidUntil();
            }
        }
        Duration lifetime = lifetimes.get(type);
        Instant byLifetime = lifetime == null ? null : lastSeen.plus(lifetime);
        Instant byValidity = allBounded ? latestValidUntil : null;
        if (byLifetime == null) {
            return byValidity;
        }
        if (byValidity == null) {
            return byLifetime;
        }
        return byLifetime.isBefore(byValidity) ? byLifetime : byValidity;
    }

    @Override
    public String toString() {
        return "lifetimes " + lifetimes;
    }
}
