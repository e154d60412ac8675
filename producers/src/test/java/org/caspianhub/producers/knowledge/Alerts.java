package org.caspianhub.producers.knowledge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;

/** Alert records as the topology writes them, for tests that fill a party's alert topic directly. */
public final class Alerts {

    private Alerts() {
    }

    /** A NEW_INDICATOR alert of a canonical value reported by {@code parties}. */
    public static Alert of(String recipient, IndicatorType type, String value, Tlp tlp, int score, List<String> tags,
                           List<String> references, Instant at, String... parties) {
        String key = type.name().toLowerCase(Locale.ROOT) + ":" + value;
        List<Contribution> contributions = new ArrayList<>();
        for (String party : parties) {
            contributions.add(Contribution.newBuilder().setParty(party).setSubmissionCount(1).setFirstSeen(at)
                    .setLastSeen(at).setTlp(tlp).setConfidence(score).setTags(new ArrayList<>(tags))
                    .setReferences(new ArrayList<>(references)).setLastSubmissionId(party.equals(recipient) ? "s-" + value : "")
                    .build());
        }
        return Alert.newBuilder()
                .setAlertId(UUID.nameUUIDFromBytes((recipient + "|" + key + "|" + at).getBytes()).toString())
                .setRecipient(recipient)
                .setKind(AlertKind.NEW_INDICATOR)
                .setCreatedAt(at)
                .setSourceTimestamp(at)
                .setIndicatorKey(key)
                .setType(type)
                .setValue(value)
                .setTlp(tlp)
                .setScore(score)
                .setSeverity(Severity.HIGH)
                .setStatus(IndicatorStatus.ACTIVE)
                .setParties(List.of(parties))
                .setContributions(contributions)
                .setTags(new ArrayList<>(tags))
                .setFirstSeen(at)
                .setLastSeen(at)
                .setValidUntil(null)
                .setRelated(null)
                .setSummary("New " + type.name().toLowerCase(Locale.ROOT) + " " + value + " reported by "
                        + String.join(", ", parties) + ", score " + score + ".")
                .setVersion(1)
                .build();
    }

    /** The same alert as the recipient's next change (version + 1) of another kind, score and status. */
    public static Alert change(Alert before, AlertKind kind, int score, IndicatorStatus status, Instant at) {
        Alert after = Alert.newBuilder(before)
                .setAlertId(UUID.nameUUIDFromBytes((before.getAlertId() + "|" + kind + "|" + at).getBytes()).toString())
                .setKind(kind)
                .setScore(score)
                .setStatus(status)
                .setCreatedAt(at)
                .setSourceTimestamp(at)
                .setLastSeen(at)
                .setSummary(before.getValue() + " changed: score " + score + ".")
                .setVersion(before.getVersion() + 1)
                .build();
        return after;
    }
}
