package org.caspianhub.producers.inbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.topics.Topics;

/** Every configured party's {@link PartyAlertFeed} on this gateway replica. */
public final class AlertFeeds implements AutoCloseable {

    private final Map<PartyId, PartyAlertFeed> feeds = new LinkedHashMap<>();

    public AlertFeeds(PlatformSettings platform, Topics topics, AlertStreamSettings settings, String replica) {
        for (PartyId party : platform.parties().all()) {
            var topic = topics.alerts(party);
            feeds.put(party, new PartyAlertFeed(party, topic.name(), () -> {
                Map<String, Object> props = new HashMap<>(platform.kafkaClientProperties());
                // no group.id: each replica assigns every partition to itself and commits nothing
                props.remove(ConsumerConfig.GROUP_ID_CONFIG);
                props.put(ConsumerConfig.CLIENT_ID_CONFIG, "caspian-gateway-alerts-" + party.value() + "-" + replica);
                props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
                props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
                props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
                return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
            }, topic.valueSerde().deserializer(), settings.recentAlerts(), settings.clientQueue()));
        }
    }

    public void start() {
        feeds.values().forEach(PartyAlertFeed::start);
    }

    /** The feed of the caller's own party; the party always comes from the caller's API key. */
    public PartyAlertFeed of(PartyId party) {
        PartyAlertFeed feed = feeds.get(party);
        if (feed == null) {
            throw new IllegalArgumentException("no alert feed for party " + party);
        }
        return feed;
    }

    /** Clients streaming now, over every party. */
    public int clients() {
        return feeds.values().stream().mapToInt(PartyAlertFeed::subscribers).sum();
    }

    @Override
    public void close() {
        feeds.values().forEach(PartyAlertFeed::close);
    }
}
