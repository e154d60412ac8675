package org.caspianhub.consumers.taxii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.stix.StixMapper;
import org.caspianhub.topics.HubTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stage of the TAXII topology: each alert of {@code cti.<party>.alerts} becomes the STIX
 * objects of {@link StixMapper}, each forwarded with key {@code <party>|<stix id>} so that every
 * version of one object meets in one partition of the next stage. The collection is the
 * topic's party's; an alert naming another recipient is dropped, as is a record that cannot be
 * decoded (logged, never a crashed stream thread).
 */
final class AlertToStix implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(AlertToStix.class);

    private final Deserializer<Alert> alerts;
    private ProcessorContext<String, byte[]> context;

    AlertToStix(Deserializer<Alert> alerts) {
        this.alerts = alerts;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
        String party;
        Alert alert;
        try {
            party = HubTopics.partyOf(topic).value();
            alert = alerts.deserialize(topic, record.headers(), record.value());
        } catch (RuntimeException e) {
            LOG.error("TAXII: skipping an unreadable record on {}: {}", topic, e.toString());
            return;
        }
        if (alert == null) {
            return;
        }
        if (!party.equals(alert.getRecipient())) {
            LOG.warn("TAXII: alert {} on {} names recipient '{}': not added to any collection", alert.getAlertId(), topic,
                    alert.getRecipient());
            return;
        }
        for (ObjectNode object : StixMapper.objects(alert)) {
            String id = object.get("id").asText();
            byte[] value = CollectionRecords.encode(new CollectionRecords.Pending(party, alert.getAlertId(), object));
            context.forward(new Record<>(party + "|" + id, value, record.timestamp()));
        }
    }
}
