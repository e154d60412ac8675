package org.caspianhub.streams.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.RelatedIndicator;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.avro.streams.RecipientView;
import org.caspianhub.streams.sharing.TlpPolicy;
import org.caspianhub.streams.sharing.View;

/**
 * Builds the {@link Alert} one recipient receives from its {@link View}: only visible
 * contributions, another party's submitter removed (who at a CERT submitted something is that
 * CERT's business), and the TLP of the most restrictive thing revealed.
 */
public final class AlertFactory {

    private AlertFactory() {
    }

    /** An alert about a change of the recipient's view of {@code indicator} (at its current version). */
    public static Alert change(Indicator indicator, View view, AlertKind kind, Instant sourceTimestamp, Instant createdAt) {
        Alert alert = base(indicator, view, kind, sourceTimestamp, createdAt);
        alert.setAlertId(AlertIds.forChange(view.recipient(), indicator.getKey(), indicator.getVersion(), kind));
        alert.setSummary(summary(indicator, view, kind));
        if (kind == AlertKind.CROSS_BORDER_MATCH) {
            // the other side of a cross-border match is the same indicator, as reported by the visible parties
            alert.setRelated(new RelatedIndicator(crossPartyId(indicator.getKey()), CorrelationKind.CROSS_PARTY_MATCH,
                    indicator.getKey(), indicator.getType(), indicator.getValue(), null, view.activeParties(),
                    "reported by " + String.join(", ", view.activeParties())));
        }
        return alert;
    }

    /** The id of the cross-party correlation of one indicator (the same in the Correlation record). */
    public static String crossPartyId(String indicatorKey) {
        return AlertIds.uuid("correlation|" + CorrelationKind.CROSS_PARTY_MATCH.name() + "|" + indicatorKey);
    }

    /**
     * A REVOKED alert for a recipient that may no longer see anything of the indicator (the
     * contributors tightened their TLP): it repeats only what the recipient already knew.
     */
    public static Alert withdrawn(Indicator indicator, String recipient, RecipientView last, Instant sourceTimestamp,
                                  Instant createdAt) {
        return Alert.newBuilder()
                .setAlertId(AlertIds.forChange(recipient, indicator.getKey(), indicator.getVersion(), AlertKind.REVOKED))
                .setRecipient(recipient)
                .setKind(AlertKind.REVOKED)
                .setCreatedAt(createdAt)
                .setSourceTimestamp(sourceTimestamp)
                .setIndicatorKey(indicator.getKey())
                .setType(indicator.getType())
                .setValue(indicator.getValue())
                .setTlp(last.getTlp())
                .setScore(0)
                .setSeverity(Severity.UNKNOWN)
                .setStatus(IndicatorStatus.REVOKED)
                .setParties(List.of())
                .setContributions(List.of())
                .setTags(List.of())
                .setFirstSeen(sourceTimestamp)
                .setLastSeen(sourceTimestamp)
                .setSummary(label(indicator) + " is no longer shared with you; stop acting on it.")
                .build();
    }

    /**
     * A RELATED alert: the recipient's view of {@code indicator} plus the other side of a
     * correlation as far as it may see it ({@code relatedTlp}: the strictest level among what
     * {@code related} reveals).
     */
    public static Alert related(Indicator indicator, View view, RelatedIndicator related, Tlp relatedTlp,
                                Instant sourceTimestamp, Instant createdAt) {
        String summary = label(indicator) + " relates to "
                + (related.getValue() != null ? related.getType().name().toLowerCase() + " " + related.getValue()
                : related.getReference())
                + (related.getDetail() != null ? ": " + related.getDetail() : "") + ".";
        Alert alert = base(indicator, view, AlertKind.RELATED, sourceTimestamp, createdAt);
        alert.setAlertId(AlertIds.forRelation(view.recipient(), related.getCorrelationId()));
        alert.setTlp(TlpPolicy.stricter(view.tlp(), relatedTlp));
        alert.setRelated(related);
        alert.setSummary(summary);
        return alert;
    }

    /**
     * A new alert with every field set from the view. Built with setters rather than Avro's builder:
     * the builder deep-copies defaults and values, and this runs for every alert.
     */
    private static Alert base(Indicator indicator, View view, AlertKind kind, Instant sourceTimestamp,
                              Instant createdAt) {
        Alert alert = new Alert();
        alert.setRecipient(view.recipient());
        alert.setKind(kind);
        alert.setCreatedAt(createdAt);
        alert.setSourceTimestamp(sourceTimestamp);
        alert.setIndicatorKey(indicator.getKey());
        alert.setType(indicator.getType());
        alert.setValue(indicator.getValue());
        alert.setTlp(view.tlp());
        alert.setScore(view.score());
        alert.setSeverity(view.severity());
        alert.setStatus(view.status());
        alert.setParties(view.activeParties());
        alert.setContributions(sanitized(view));
        alert.setTags(view.tags());
        alert.setFirstSeen(view.firstSeen());
        alert.setLastSeen(view.lastSeen());
        alert.setValidUntil(view.expiresAt());
        alert.setRelated(null);
        return alert;
    }

    /** Copies of the visible contributions; another party's submitter is that party's internal business. */
    static List<Contribution> sanitized(View view) {
        List<Contribution> out = new ArrayList<>(view.contributions().size());
        for (Contribution c : view.contributions()) {
            if (c.getParty().equals(view.recipient()) || c.getSubmitter() == null) {
                out.add(c);
            } else {
                out.add(new Contribution(c.getParty(), c.getSubmissionCount(), c.getFirstSeen(), c.getLastSeen(), c.getTlp(),
                        c.getConfidence(), c.getSourceReliability(), c.getSeverity(), c.getTags(), c.getReferences(),
                        c.getGroupRefs(), c.getDescription(), null, c.getValidUntil(), c.getRevoked(),
                        c.getLastSubmissionId()));
            }
        }
        return out;
    }

    static String label(Indicator indicator) {
        return indicator.getType().name().toLowerCase() + " " + indicator.getValue();
    }

    private static String summary(Indicator indicator, View view, AlertKind kind) {
        String parties = String.join(", ", view.activeParties());
        return switch (kind) {
            case NEW_INDICATOR -> "New " + label(indicator) + " reported by " + parties + ", score " + view.score() + ".";
            case CROSS_BORDER_MATCH -> label(indicator) + " is reported by " + view.activeParties().size()
                    + " parties (" + parties + "), score " + view.score() + ".";
            case REVOKED -> label(indicator) + " was revoked by " + String.join(", ", view.revokedParties()) + ".";
            case EXPIRED -> label(indicator) + " expired at " + view.expiresAt() + " (last reported " + view.lastSeen()
                    + ").";
            case FALSE_POSITIVE -> label(indicator) + " was reported as a false positive (" + view.falsePositives()
                    + " report" + (view.falsePositives() == 1 ? "" : "s") + "); score now " + view.score() + ".";
            default -> label(indicator) + " changed: score " + view.score() + ", severity " + view.severity()
                    + ", reported by " + (parties.isEmpty() ? "no active party" : parties) + ".";
        };
    }
}
