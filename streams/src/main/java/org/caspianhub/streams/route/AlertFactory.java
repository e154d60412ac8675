package org.caspianhub.streams.route;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.Indicator;
import org.caspianhub.avro.RelatedIndicator;
import org.caspianhub.avro.Tlp;
import org.caspianhub.streams.sharing.View;
import org.caspianhub.tlp.TlpOrder;

/**
 * Builds the {@link Alert} one recipient receives from its {@link View}: only visible
 * contributions, another party's submitter removed (who at a CERT submitted something is that
 * CERT's business), and the TLP of the most restrictive thing revealed.
 */
public final class AlertFactory {

    private AlertFactory() {
    }

    /**
     * An alert about a change of the recipient's view of {@code indicator}.
     *
     * @param version how many changes of this indicator the recipient has been told of, this one included
     */
    public static Alert change(Indicator indicator, View view, AlertKind kind, long version, Instant sourceTimestamp,
                               Instant createdAt) {
        Alert alert = base(indicator, view, kind, sourceTimestamp, createdAt);
        alert.setAlertId(AlertIds.forChange(view.recipient(), indicator.getKey(), version, kind));
        alert.setVersion(version);
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
        alert.setTlp(TlpOrder.stricter(view.tlp(), relatedTlp));
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
        alert.setSightings(view.sightings());
        alert.setFalsePositives(view.falsePositives());
        alert.setRelated(null);
        alert.setVersion(0L);
        return alert;
    }

    /**
     * Copies of the visible contributions. Another party's submitter and submission ids are that
     * party's internal business: the submitter is removed and the id left empty.
     */
    static List<Contribution> sanitized(View view) {
        List<Contribution> out = new ArrayList<>(view.contributions().size());
        for (Contribution c : view.contributions()) {
            if (c.getParty().equals(view.recipient())) {
                out.add(c);
            } else {
                out.add(new Contribution(c.getParty(), c.getSubmissionCount(), c.getFirstSeen(), c.getLastSeen(), c.getTlp(),
                        c.getConfidence(), c.getSourceReliability(), c.getSeverity(), c.getTags(), c.getReferences(),
                        c.getGroupRefs(), c.getDescription(), null, c.getValidUntil(), c.getRevoked(), ""));
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
            // one message whatever the cause: an open revocation and a tightening the recipient may not see
            // read the same (docs/sharing-policy.md)
            case REVOKED -> label(indicator) + " was withdrawn by " + String.join(", ", view.revokedParties())
                    + " (revoked, or no longer shared with you); stop acting on it.";
            case EXPIRED -> label(indicator) + " expired at " + view.expiresAt() + " (last reported " + view.lastSeen()
                    + ").";
            case FALSE_POSITIVE -> label(indicator) + " was reported as a false positive (" + view.falsePositives()
                    + " report" + (view.falsePositives() == 1 ? "" : "s") + "); score now " + view.score() + ".";
            default -> label(indicator) + " changed: score " + view.score() + ", severity " + view.severity()
                    + ", reported by " + (parties.isEmpty() ? "no active party" : parties) + ".";
        };
    }
}
