package org.caspianhub.consumers.taxii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.alert.Timestamps;
import org.caspianhub.consumers.stix.StixMapper;
import org.caspianhub.topics.HubTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders the STIX objects a page lists, at request time, from the alerts they were made from
 * ({@link StixMapper}, the same code the webhooks' bundles use), with the version the index gave
 * each: its {@code modified}, and the {@code created} of its first version.
 */
final class ObjectRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectRenderer.class);

    private final AlertLog log;

    ObjectRenderer(AlertLog log) {
        this.log = log;
    }

    /** The objects, in the page's order; one whose alert is gone from the topic is left out. */
    List<ObjectNode> render(String party, List<ListedObject> listed) throws InterruptedException {
        String topic = HubTopics.alerts(org.caspianhub.parties.PartyId.of(party));
        Set<AlertLog.Position> positions = new LinkedHashSet<>();
        for (ListedObject entry : listed) {
            positions.add(position(topic, entry));
        }
        Map<AlertLog.Position, Alert> alerts = log.read(positions);
        Map<AlertLog.Position, List<ObjectNode>> objects = new HashMap<>();
        List<ObjectNode> rendered = new ArrayList<>(listed.size());
        for (ListedObject entry : listed) {
            AlertLog.Position position = position(topic, entry);
            Alert alert = alerts.get(position);
            if (alert == null) {
                continue;
            }
            List<ObjectNode> made = objects.computeIfAbsent(position, p -> StixMapper.objects(alert));
            ObjectNode object = entry.objectIndex() < made.size() ? made.get(entry.objectIndex()) : null;
            if (object == null || !entry.id().toString().equals(object.path("id").asText())) {
                LOG.error("TAXII: the alert at {} no longer yields {}; left out of the page", position, entry.id());
                continue;
            }
            if (!entry.fixed()) {
                object.put("created", Timestamps.millis(Instant.ofEpochMilli(entry.created())));
                object.put("modified", entry.versionText());
            }
            rendered.add(object);
        }
        return rendered;
    }

    private static AlertLog.Position position(String topic, ListedObject entry) {
        return new AlertLog.Position(new TopicPartition(topic, entry.partition()), entry.offset());
    }
}
