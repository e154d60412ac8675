package org.caspianhub.consumers.subscription;

import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.tlp.TlpLevels;
import org.caspianhub.tlp.TlpOrder;

/**
 * Which of its party's alerts a subscription wants. Every condition must hold; an empty set or
 * an unset minimum does not filter.
 *
 * <p>The thresholds (score, confidence, severity, tags) do not apply to alerts that end an
 * indicator (REVOKED, EXPIRED, FALSE_POSITIVE): those carry a zero score and no tags when the
 * indicator is withdrawn, and a destination that received the indicator must hear that it should
 * stop acting on it. A destination that never received it ignores the withdrawal. Types, kinds and
 * the TLP ceiling still apply to them.
 *
 * @param types         indicator types to deliver (empty: all)
 * @param minScore      lowest alert score, 0 to 100
 * @param minConfidence lowest confidence of the most confident visible contribution, 0 to 100
 * @param minSeverity   lowest severity (null: any, including UNKNOWN)
 * @param tags          deliver only alerts carrying at least one of these tags, compared without case (empty: all)
 * @param kinds         alert kinds to deliver (empty: all)
 * @param maxTlp        the most restrictive TLP this destination may receive (null: any); an
 *                      alert marked more restrictively is not sent there
 */
public record AlertFilter(Set<IndicatorType> types, int minScore, int minConfidence, Severity minSeverity,
                          Set<String> tags, Set<AlertKind> kinds, Tlp maxTlp) {

    public AlertFilter {
        types = Set.copyOf(types);
        tags = tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        kinds = Set.copyOf(kinds);
        if (minScore < 0 || minScore > 100) {
            throw new IllegalArgumentException("minScore must be between 0 and 100, got " + minScore);
        }
        if (minConfidence < 0 || minConfidence > 100) {
            throw new IllegalArgumentException("minConfidence must be between 0 and 100, got " + minConfidence);
        }
    }

    /** Everything the party may see. */
    public static AlertFilter all() {
        return new AlertFilter(Set.of(), 0, 0, null, Set.of(), Set.of(), null);
    }

    public boolean matches(Alert alert) {
        if (!types.isEmpty() && !types.contains(alert.getType())) {
            return false;
        }
        if (!kinds.isEmpty() && !kinds.contains(alert.getKind())) {
            return false;
        }
        if (maxTlp != null && !TlpOrder.atMost(alert.getTlp(), maxTlp)) {
            return false;
        }
        return endsAnIndicator(alert) || meetsThresholds(alert);
    }

    private boolean meetsThresholds(Alert alert) {
        if (alert.getScore() < minScore) {
            return false;
        }
        if (minConfidence > 0 && highestConfidence(alert) < minConfidence) {
            return false;
        }
        if (minSeverity != null && alert.getSeverity().ordinal() < minSeverity.ordinal()) {
            return false;
        }
        return tags.isEmpty() || alert.getTags().stream().anyMatch(t -> tags.contains(t.toLowerCase(Locale.ROOT)));
    }

    private static boolean endsAnIndicator(Alert alert) {
        return alert.getKind() == AlertKind.REVOKED || alert.getKind() == AlertKind.EXPIRED
                || alert.getKind() == AlertKind.FALSE_POSITIVE;
    }

    private static int highestConfidence(Alert alert) {
        int highest = -1;
        for (Contribution c : alert.getContributions()) {
            highest = Math.max(highest, c.getConfidence());
        }
        return highest;
    }

    /** For the start-up banner and /subscriptions: {@code types=[IPV4] minScore=50 maxTlp=TLP:AMBER}, or {@code all}. */
    public String describe() {
        StringJoiner parts = new StringJoiner(" ");
        if (!types.isEmpty()) {
            parts.add("types=" + types.stream().map(Enum::name).sorted().toList());
        }
        if (minScore > 0) {
            parts.add("minScore=" + minScore);
        }
        if (minConfidence > 0) {
            parts.add("minConfidence=" + minConfidence);
        }
        if (minSeverity != null) {
            parts.add("minSeverity=" + minSeverity);
        }
        if (!tags.isEmpty()) {
            parts.add("tags=" + tags.stream().sorted().toList());
        }
        if (!kinds.isEmpty()) {
            parts.add("kinds=" + kinds.stream().map(Enum::name).sorted().toList());
        }
        if (maxTlp != null) {
            parts.add("maxTlp=" + TlpLevels.label(maxTlp));
        }
        return parts.length() == 0 ? "all" : parts.toString();
    }
}
