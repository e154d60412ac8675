package org.caspianhub.producers.knowledge.export;

import java.time.Instant;
import java.util.ArrayList;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.consumers.alert.Timestamps;
import org.caspianhub.producers.knowledge.IndicatorView;

/** What the export formats share. */
final class Exports {

    private Exports() {
    }

    static String time(long millis) {
        return Timestamps.millis(Instant.ofEpochMilli(millis));
    }

    /** One line of description for rule messages and intel files: score, severity, TLP, parties, tags. */
    static String describe(IndicatorView v) {
        StringBuilder s = new StringBuilder(64);
        s.append("score ").append(v.score()).append(", ").append(v.severity().name().toLowerCase(java.util.Locale.ROOT))
                .append(", ").append(org.caspianhub.tlp.TlpLevels.label(v.tlp()));
        if (!v.parties().isEmpty()) {
            s.append(", reported by ").append(String.join(" ", v.parties()));
        }
        if (!v.tags().isEmpty()) {
            s.append(", tags ").append(String.join(" ", v.tags()));
        }
        return s.toString();
    }

    /**
     * The view as the alert that would carry it, for the STIX mapper the alert deliveries use: the
     * latest alert's id and summary, the view's fields. A relation is not part of the view's object
     * (the export lists indicators), and a cross-border match renders as an update.
     */
    static Alert asAlert(String party, IndicatorView v) {
        IndicatorView.AlertRef latest = v.alerts().get(0);
        AlertKind kind = latest.kind() == AlertKind.CROSS_BORDER_MATCH || latest.kind() == AlertKind.RELATED
                ? AlertKind.UPDATED : latest.kind();
        Alert alert = new Alert();
        alert.setAlertId(latest.alertId());
        alert.setRecipient(party);
        alert.setKind(kind);
        alert.setCreatedAt(Instant.ofEpochMilli(v.asOf()));
        alert.setSourceTimestamp(Instant.ofEpochMilli(v.asOf()));
        alert.setIndicatorKey(v.key());
        alert.setType(v.type());
        alert.setValue(v.value());
        alert.setTlp(v.tlp());
        alert.setScore(v.score());
        alert.setSeverity(v.severity());
        alert.setStatus(v.status());
        alert.setParties(v.parties());
        alert.setContributions(new ArrayList<>());
        alert.setTags(v.tags());
        alert.setFirstSeen(Instant.ofEpochMilli(v.firstSeen()));
        alert.setLastSeen(Instant.ofEpochMilli(v.lastSeen()));
        alert.setValidUntil(v.validUntil() == null ? null : Instant.ofEpochMilli(v.validUntil()));
        alert.setRelated(null);
        alert.setSummary(latest.summary());
        alert.setSightings(v.sightings());
        alert.setFalsePositives(v.falsePositives());
        return alert;
    }
}
