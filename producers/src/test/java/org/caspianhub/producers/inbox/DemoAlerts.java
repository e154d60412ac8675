package org.caspianhub.producers.inbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;

/**
 * Alerts shaped as the topology writes them, put on a party's real alert topic, for the inbox
 * tests, the console's browser tests and its screenshots.
 */
public final class DemoAlerts implements AutoCloseable {

    private final TestGateway hub;
    private final KafkaProducer<String, Alert> producer;

    public DemoAlerts(TestGateway hub) {
        this.hub = hub;
        java.util.Map<String, Object> props = new java.util.HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, hub.platform.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        @SuppressWarnings("unchecked")
        org.apache.kafka.common.serialization.Serializer<Alert> values =
                (org.apache.kafka.common.serialization.Serializer<Alert>) hub.topics.alertSerde().serializer();
        this.producer = new KafkaProducer<>(props, new StringSerializer(), values);
    }

    /** A NEW_INDICATOR alert for {@code recipient}: TLP:GREEN, score 70, reported by the recipient itself. */
    public static Alert.Builder alert(PartyId recipient, IndicatorType type, String value) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Contribution own = Contribution.newBuilder()
                .setParty(recipient.value()).setSubmissionCount(1)
                .setFirstSeen(now.minus(2, ChronoUnit.HOURS)).setLastSeen(now)
                .setTlp(Tlp.GREEN).setConfidence(80).setSeverity(Severity.HIGH)
                .setTags(List.of("c2")).setReferences(List.of("incident:IR-2026-0042"))
                .setDescription("beaconing every 60 s").setLastSubmissionId("sub-" + UUID.randomUUID())
                .build();
        return Alert.newBuilder()
                .setAlertId("alert-" + UUID.randomUUID())
                .setRecipient(recipient.value())
                .setKind(AlertKind.NEW_INDICATOR)
                .setCreatedAt(now)
                .setSourceTimestamp(now.minusMillis(40))
                .setIndicatorKey(type.name().toLowerCase(Locale.ROOT) + ":" + value)
                .setType(type)
                .setValue(value)
                .setTlp(Tlp.GREEN)
                .setScore(70)
                .setSeverity(Severity.HIGH)
                .setStatus(IndicatorStatus.ACTIVE)
                .setParties(List.of(recipient.value()))
                .setContributions(List.of(own))
                .setTags(List.of("c2"))
                .setFirstSeen(now.minus(2, ChronoUnit.HOURS))
                .setLastSeen(now)
                .setValidUntil(now.plus(30, ChronoUnit.DAYS))
                .setSummary(value + " reported by " + recipient.value() + " as command and control");
    }

    /** A RELATED alert of {@code base}'s indicator, naming the other side of a correlation. */
    public static Alert.Builder related(Alert base, org.caspianhub.avro.CorrelationKind kind, IndicatorType type, String value,
                                        String reference, String detail) {
        return Alert.newBuilder(base)
                .setAlertId("alert-" + UUID.randomUUID())
                .setKind(AlertKind.RELATED)
                .setCreatedAt(base.getCreatedAt().plusMillis(1 + (long) (Math.random() * 60_000)))
                .setRelated(new org.caspianhub.avro.RelatedIndicator("corr-" + UUID.randomUUID(), kind,
                        value == null ? null : type.name().toLowerCase(Locale.ROOT) + ":" + value, value == null ? null : type,
                        value, reference, List.copyOf(base.getParties()), detail))
                .setSummary(base.getValue() + " is related to " + (value != null ? value : reference) + " (" + detail + ")");
    }

    /** Puts the alert on its recipient's alert topic, keyed by its id, and waits for the broker. */
    public Alert publish(Alert alert) throws Exception {
        producer.send(new ProducerRecord<>(hub.topics.alerts(PartyId.of(alert.getRecipient())).name(), alert.getAlertId(),
                alert)).get();
        return alert;
    }

    @Override
    public void close() {
        producer.close();
    }
}
