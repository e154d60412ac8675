package org.caspianhub.streams.correlate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.CorrelationEvidence;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.RecipientState;

/**
 * The incident, campaign and group references an indicator's active contributions name, each
 * with the contributions that name it. References from any party meet ({@code campaign:APT-X} is
 * the same campaign whoever names it; case and surrounding blanks do not matter); a group
 * reference is one party's source object (one STIX pattern, one MISP object), so it only meets
 * that party's values.
 */
public final class References {

    /** One reference as an indicator's contributions name it. */
    public record Named(String key, String label, CorrelationKind kind, List<CorrelationEvidence> evidence) {
    }

    private References() {
    }

    public static boolean any(Indicator indicator) {
        for (Contribution c : indicator.getContributions().values()) {
            if (!c.getReferences().isEmpty() || !c.getGroupRefs().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Every reference named by an active contribution of the hub's, by key, in key order. */
    public static Map<String, Named> of(Indicator indicator) {
        return of(indicator.getKey(), indicator.getContributions());
    }

    /** Every reference named by one of these active contributions (the hub's or a recipient's), in key order. */
    public static Map<String, Named> of(String indicatorKey, Map<String, Contribution> contributions) {
        Map<String, Named> named = new TreeMap<>();
        // contributions in party order, so evidence lists compare equal across runs
        for (Map.Entry<String, Contribution> entry : new TreeMap<>(contributions).entrySet()) {
            Contribution c = entry.getValue();
            if (c.getRevoked()) {
                continue;
            }
            String party = entry.getKey();
            CorrelationEvidence evidence = CorrelationEvidence.newBuilder().setParty(party)
                    .setIndicatorKey(indicatorKey).setTlp(c.getTlp()).build();
            for (String reference : c.getReferences()) {
                String key = referenceKey(reference);
                named.computeIfAbsent(key, k -> new Named(k, reference.trim(), CorrelationKind.SHARED_REFERENCE,
                        new ArrayList<>(2))).evidence().add(evidence);
            }
            for (String group : c.getGroupRefs()) {
                String key = groupKey(party, group);
                named.computeIfAbsent(key, k -> new Named(k, group, CorrelationKind.CO_SUBMITTED, new ArrayList<>(1)))
                        .evidence().add(evidence);
            }
        }
        return named;
    }

    /**
     * What every fold names: by reference, the hub's evidence ({@code ""}) and each recipient's
     * (where it names it), so that a change in any of them shows as a difference. Empty when no
     * contribution names any reference (a recipient's never names one the hub's does not).
     */
    public static Map<String, Map<String, List<CorrelationEvidence>>> namedByEveryFold(IndicatorState state) {
        Indicator indicator = state.getIndicator();
        if (!any(indicator)) {
            return Map.of();
        }
        Map<String, Named> hub = of(indicator);
        Map<String, Map<String, List<CorrelationEvidence>>> all = new TreeMap<>();
        hub.forEach((key, named) -> all.computeIfAbsent(key, k -> new TreeMap<>()).put("", named.evidence()));
        for (Map.Entry<String, RecipientState> own : state.getRecipients().entrySet()) {
            Map<String, Named> theirs = own.getValue().getMirrorsHub() ? hub
                    : of(indicator.getKey(), own.getValue().getContributions());
            theirs.forEach((key, named) -> all.computeIfAbsent(key, k -> new TreeMap<>())
                    .put(own.getKey(), named.evidence()));
        }
        return all;
    }

    public static String referenceKey(String reference) {
        return "ref:" + reference.trim().toLowerCase(Locale.ROOT);
    }

    public static String groupKey(String party, String group) {
        return "group:" + party + ":" + group;
    }
}
