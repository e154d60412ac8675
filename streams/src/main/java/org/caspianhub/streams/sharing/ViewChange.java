package org.caspianhub.streams.sharing;

import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.streams.RecipientView;
import org.caspianhub.streams.score.ScoreBand;

/**
 * Whether a recipient's view changed materially since it was last told, and how to call it.
 * Material: first sight, a second (or another) party it may know of, a score band, severity or
 * TLP change, a revocation or expiry, a false-positive report. Anything else (a plain
 * re-submission, a score move inside its band) is silence.
 */
public final class ViewChange {

    private ViewChange() {
    }

    /** The digest stored per recipient to compare the next view with. */
    public static RecipientView digest(View view) {
        return new RecipientView(view.activeParties(), view.revokedParties(), ScoreBand.of(view.score()).ordinal(),
                view.score(), view.severity(), view.tlp(), view.status(), view.falsePositives());
    }

    /**
     * The kind of alert {@code now} deserves after {@code last}, or null for none.
     *
     * @param last what the recipient was last told (null: nothing yet)
     * @param now  its view now (null: it knows nothing of the indicator)
     */
    public static AlertKind kindOf(RecipientView last, View now) {
        boolean wasVisible = last != null && !last.getParties().isEmpty() && last.getStatus() == IndicatorStatus.ACTIVE;
        if (now == null) {
            return null; // it knows nothing of the indicator (a tightening reaches it as a withdrawal, never as this)
        }
        boolean isActive = now.status() == IndicatorStatus.ACTIVE;
        if (!wasVisible) {
            if (!isActive) {
                return null;
            }
            boolean toldBefore = last != null && (!last.getParties().isEmpty() || !last.getRevokedParties().isEmpty());
            if (now.activeParties().size() >= 2 && (last == null || last.getParties().size() < 2)) {
                return AlertKind.CROSS_BORDER_MATCH;
            }
            return toldBefore ? AlertKind.UPDATED : AlertKind.NEW_INDICATOR;
        }
        if (!isActive) {
            return now.status() == IndicatorStatus.REVOKED ? AlertKind.REVOKED : AlertKind.EXPIRED;
        }
        if (now.activeParties().size() >= 2 && last.getParties().size() < 2) {
            return AlertKind.CROSS_BORDER_MATCH;
        }
        if (now.falsePositives() > last.getFalsePositives()) {
            return AlertKind.FALSE_POSITIVE;
        }
        if (!now.activeParties().equals(last.getParties())
                || !now.revokedParties().equals(last.getRevokedParties())
                || ScoreBand.of(now.score()).ordinal() != last.getScoreBand()
                || now.severity() != last.getSeverity()
                || now.tlp() != last.getTlp()) {
            return AlertKind.UPDATED;
        }
        return null;
    }
}
