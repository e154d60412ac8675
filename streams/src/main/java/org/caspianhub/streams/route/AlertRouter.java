package org.caspianhub.streams.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.RecipientState;
import org.caspianhub.streams.sharing.RecipientViews;
import org.caspianhub.streams.sharing.View;
import org.caspianhub.streams.sharing.ViewChange;

/**
 * Stage 7: after an indicator changed, decides for each recipient whose own evidence the event
 * changed whether its view changed materially and, if so, builds its alert. A recipient the event
 * did not reach is not even looked at, so nothing it is told (or not told), and no time it is told
 * at, depends on an event it may not see: a score that decayed into another band is reported
 * with the recipient's next own event, never with another's. Each recipient counts the changes
 * it was told of, and its alert ids count those, never the hub's own version. A warninglisted
 * indicator is kept but never alerted.
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
     * @param touched         the recipients whose own evidence the event changed
     * @param material        the hub's evidence changed materially (the hub's version moves)
     * @param nowMillis       the event's time: the alerts' {@code createdAt}
     * @param sourceTimestamp when the triggering submission was accepted (alert latency is measured from it)
     */
    public Routed route(IndicatorState state, List<String> touched, boolean material, long nowMillis,
                        Instant sourceTimestamp) {
        Indicator indicator = state.getIndicator();
        if (material) {
            indicator.setVersion(indicator.getVersion() + 1);
        }
        if (!indicator.getWarninglists().isEmpty()) {
            return new Routed(List.of(), nextExpiry(state));
        }
        List<Alert> alerts = new ArrayList<>(0);
        Instant createdAt = Instant.ofEpochMilli(nowMillis);
        for (String recipient : touched) {
            View view = views.viewFor(state, recipient, nowMillis);
            if (view == null) {
                continue;
            }
            RecipientState own = state.getRecipients().get(recipient);
            AlertKind kind = ViewChange.kindOf(own.getTold(), view);
            if (kind != null) {
                own.setVersion(own.getVersion() + 1);
                alerts.add(AlertFactory.change(indicator, view, kind, own.getVersion(), sourceTimestamp, createdAt));
            }
            own.setTold(ViewChange.digest(view)); // score moves inside a band included
        }
        return new Routed(alerts, nextExpiry(state));
    }

    /**
     * For the expiry sweep: tells each recipient whose own active evidence aged out by
     * {@code nowMillis}. The alert says what its view was at the moment it aged out, and is dated
     * then, so it does not depend on when the sweep happened to look.
     */
    public Routed routeExpiries(IndicatorState state, long nowMillis) {
        Indicator indicator = state.getIndicator();
        if (!indicator.getWarninglists().isEmpty()) {
            return new Routed(List.of(), nextExpiry(state));
        }
        List<Alert> alerts = new ArrayList<>(0);
        for (String recipient : views.policy().recipients()) {
            Instant expiresAt = views.expiresAt(state, recipient);
            if (expiresAt == null || expiresAt.toEpochMilli() > nowMillis) {
                continue;
            }
            View view = views.viewFor(state, recipient, expiresAt.toEpochMilli());
            RecipientState own = state.getRecipients().get(recipient);
            if (ViewChange.kindOf(own.getTold(), view) != AlertKind.EXPIRED) {
                continue;
            }
            own.setVersion(own.getVersion() + 1);
            alerts.add(AlertFactory.change(indicator, view, AlertKind.EXPIRED, own.getVersion(), expiresAt, expiresAt));
            own.setTold(ViewChange.digest(view));
        }
        return new Routed(alerts, nextExpiry(state));
    }

    /** The earliest time anyone's active evidence (the hub's or a recipient's) ages out. */
    private Instant nextExpiry(IndicatorState state) {
        Indicator indicator = state.getIndicator();
        Instant next = indicator.getStatus() == IndicatorStatus.ACTIVE ? indicator.getExpiresAt() : null;
        if (!indicator.getWarninglists().isEmpty()) {
            return next;
        }
        for (String recipient : state.getRecipients().keySet()) {
            RecipientState own = state.getRecipients().get(recipient);
            if (own.getTold() == null || own.getTold().getStatus() != IndicatorStatus.ACTIVE) {
                continue; // nothing active was told: nothing to expire for it
            }
            Instant expiresAt = views.expiresAt(state, recipient);
            if (expiresAt != null && (next == null || expiresAt.isBefore(next))) {
                next = expiresAt;
            }
        }
        return next;
    }
}
