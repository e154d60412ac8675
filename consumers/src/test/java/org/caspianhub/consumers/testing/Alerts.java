package org.caspianhub.consumers.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.RelatedIndicator;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;

/** Alert records as the topology writes them, for tests to produce onto the real broker. */
public final class Alerts {

    private Alerts() {
    }

    /** A NEW_INDICATOR alert for {@code recipient} about an IPv4 address, TLP:GREEN, score 70. */
    public static Alert.Builder alert(PartyId recipient, String ipv4) {
        return alert(recipient.value(), IndicatorType.IPV4, ipv4);
    }

    public static Alert.Builder alert(String recipient, IndicatorType type, String value) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String key = type.name().toLowerCase(Locale.ROOT) + ":" + value;
        return Alert.newBuilder()
                .setAlertId("alert-" + UUID.randomUUID())
                .setRecipient(recipient)
                .setKind(AlertKind.NEW_INDICATOR)
                .setCreatedAt(now)
                .setSourceTimestamp(now.minusMillis(5))
                .setIndicatorKey(key)
                .setType(type)
                .setValue(value)
                .setTlp(Tlp.GREEN)
                .setScore(70)
                .setSeverity(Severity.HIGH)
                .setStatus(IndicatorStatus.ACTIVE)
                .setParties(List.of(recipient))
                .setContributions(List.of(contribution(recipient, Tlp.GREEN, 80, now)))
                .setTags(List.of("c2"))
                .setFirstSeen(now.minus(1, ChronoUnit.HOURS))
                .setLastSeen(now)
                .setValidUntil(now.plus(30, ChronoUnit.DAYS))
                .setRelated(null)
                .setSummary(value + " reported by " + recipient + " as command and control");
    }

    public static Contribution contribution(String party, Tlp tlp, int confidence, Instant when) {
        return Contribution.newBuilder()
                .setParty(party)
                .setSubmissionCount(1)
                .setFirstSeen(when.minus(1, ChronoUnit.HOURS))
                .setLastSeen(when)
                .setTlp(tlp)
                .setConfidence(confidence)
                .setSourceReliability(null)
                .setSeverity(Severity.HIGH)
                .setTags(List.of("c2"))
                .setReferences(List.of("incident:IR-2026-0042"))
                .setGroupRefs(List.of())
                .setDescription("seen beaconing")
                .setSubmitter(null)
                .setValidUntil(null)
                .setRevoked(false)
                .setLastSubmissionId("sub-" + UUID.randomUUID())
                .build();
    }

    /** The related side of a RELATED or CROSS_BORDER_MATCH alert. */
    public static RelatedIndicator related(CorrelationKind kind, IndicatorType type, String value, List<String> parties) {
        return RelatedIndicator.newBuilder()
                .setCorrelationId("corr-" + UUID.randomUUID())
                .setKind(kind)
                .setIndicatorKey(type == null ? null : type.name().toLowerCase(Locale.ROOT) + ":" + value)
                .setType(type)
                .setValue(value)
                .setReference(null)
                .setParties(parties)
                .setDetail(value == null ? null : "related to " + value)
                .build();
    }

    /**
     * An alert near the largest a syslog frame carries (about 14 KB of CEF after the formatter's
     * truncation): a long URL, a long summary, many tags and a related URL.
     */
    public static Alert large(PartyId recipient) {
        String path = "a".repeat(4_000);
        String url = "http://evil.example/" + path;
        List<String> tags = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            tags.add("tag-" + i);
        }
        return alert(recipient.value(), IndicatorType.URL, url)
                .setSummary(url + " reported by " + recipient.value())
                .setTags(tags)
                .setRelated(related(CorrelationKind.URL_HOST, IndicatorType.URL, url + "/b", List.of(recipient.value())))
                .build();
    }
}
