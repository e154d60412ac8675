package org.caspianhub.streams.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.RecipientView;
import org.caspianhub.streams.sharing.RecipientViews;
import org.caspianhub.streams.sharing.View;
import org.caspianhub.streams.sharing.ViewChange;

/**
 * Stage 7: after an indicator changed, decides per recipient party whether its own view changed
 * materially and, if so, builds its alert. Each party hears about everything it may see (its own
 * contributions included) and nothing it may not. A warninglisted indicator is kept but never
 * alerted. The indicator's version moves once per routed change, so alert ids (which include it)
 * differ between changes and repeat exactly when a change is re-run.
 */
public final class AlertRouter {

    /** The alerts to write, and when the earliest visible evidence ages out (for the expiry index). */
    public record Routed(List<Alert> alerts, Instant nextExpiry) {
    }

    private final RecipientViews views;

    public AlertRouter(RecipientViews views) {
        this.views = views;
    }

    public RecipientViews views() {
        return views;
    }

    /**
     * @param material        the merged state changed materially (the version moves even if no view did)
     * @param sourceTimestamp when the triggering submission was accepted (alert latency is measured from it)
     */
    public Routed route(IndicatorState state, boolean material, long nowMillis, Instant sourceTimestamp) {
        return route(state, material, nowMillis, sourceTimestamp, false);
    }

    /**
     * Like {@link #route(IndicatorState, boolean, long, Instant)}, but for the expiry punctuator:
     * only views that expired are told (and remembered). A score that decayed into another band is
     * left for the next real event, so no alert depends on when the punctuator happened to run.
     */
    public Routed routeExpiries(IndicatorState state, boolean material, long nowMillis) {
        return route(state, material, nowMillis, Instant.ofEpochMilli(nowMillis), true);
    }

    private Routed route(IndicatorState state, boolean material, long nowMillis, Instant sourceTimestamp,
                         boolean expiriesOnly) {
        Indicator indicator = state.getIndicator();
        Instant globalExpiry = indicator.getStatus() == IndicatorStatus.ACTIVE ? indicator.getExpiresAt() : null;
        if (!indicator.getWarninglists().isEmpty()) {
            if (material) {
                indicator.setVersion(indicator.getVersion() + 1);
            }
            return new Routed(List.of(), globalExpiry);
        }
        List<String> recipients = views.policy().recipients();
        View[] now = new View[recipients.size()];
        AlertKind[] kinds = new AlertKind[recipients.size()];
        boolean any = false;
        Instant nextExpiry = globalExpiry;
        for (int i = 0; i < recipients.size(); i++) {
            String recipient = recipients.get(i);
            View view = views.viewFor(state, recipient, nowMillis);
            AlertKind kind = ViewChange.kindOf(state.getViews().get(recipient), view);
            if (expiriesOnly && kind != AlertKind.EXPIRED) {
                kind = null;
                now[i] = null; // not remembered either: the next event compares with what was last told
            } else {
                now[i] = view;
            }
            kinds[i] = kind;
            any |= kind != null;
            if (view != null && view.status() == IndicatorStatus.ACTIVE && view.expiresAt() != null
                    && (nextExpiry == null || view.expiresAt().isBefore(nextExpiry))) {
                nextExpiry = view.expiresAt();
            }
        }
        if (material || any) {
            indicator.setVersion(indicator.getVersion() + 1);
        }
        if (!any) {
            refreshDigests(state, recipients, now);
            return new Routed(List.of(), nextExpiry);
        }
        Instant createdAt = Instant.now();
        List<Alert> alerts = new ArrayList<>(recipients.size());
        for (int i = 0; i < recipients.size(); i++) {
            String recipient = recipients.get(i);
            if (kinds[i] == null) {
                continue;
            }
            if (now[i] == null) {
                RecipientView last = state.getViews().get(recipient);
                alerts.add(AlertFactory.withdrawn(indicator, recipient, last, sourceTimestamp, createdAt));
                state.getViews().put(recipient, ViewChange.withdrawn(last));
            } else {
                alerts.add(AlertFactory.change(indicator, now[i], kinds[i], sourceTimestamp, createdAt));
            }
        }
        refreshDigests(state, recipients, now);
        return new Routed(alerts, nextExpiry);
    }

    /** Remembers each visible view as what its recipient now knows (score moves inside a band included). */
    private static void refreshDigests(IndicatorState state, List<String> recipients, View[] now) {
        for (int i = 0; i < recipients.size(); i++) {
            if (now[i] != null) {
                state.getViews().put(recipients.get(i), ViewChange.digest(now[i]));
            }
        }
    }
}
