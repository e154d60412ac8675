package org.caspianhub.hub.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.Topics;

/**
 * Everything committed on the parties' alert topics (read_committed, from the beginning, as the
 * hub's own consumers read them), and how many records their dead-letter topics hold. It counts
 * alert ids seen more than once and, for the {@code NEW_INDICATOR} alerts, a recipient told twice
 * about one indicator: either would be a duplicate an exactly-once pipeline must never write.
 */
public final class AlertLedger implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<Alert> alerts;
    private final PartyId watched;
    private final Map<String, Integer> byAlertId = new ConcurrentHashMap<>();
    private final Map<String, Integer> newIndicatorAlerts = new ConcurrentHashMap<>();
    private final Map<String, Long> firstAlertedAt = new ConcurrentHashMap<>();
    private final Set<String> watchedAlertIds = ConcurrentHashMap.newKeySet();
    private final Map<String, String> watchedAlertIdByKey = new ConcurrentHashMap<>();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong lastRecordAt = new AtomicLong();
    private final Thread reader;
    private volatile boolean closed;

    /**
     * @param watched the party whose {@code NEW_INDICATOR} alerts stand for the load's submissions
     *                (the other party's TLP:GREEN submissions reach it)
     */
    public AlertLedger(String bootstrapServers, String registryUrl, List<PartyId> parties, PartyId watched) {
        this.watched = watched;
        Topics topics = new Topics(new CachingSchemaRegistry(new HttpSchemaRegistryClient(registryUrl)));
        this.alerts = topics.alertSerde().deserializer();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "chaos-ledger-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new java.util.ArrayList<>();
        for (PartyId party : parties) {
            for (String topic : List.of(HubTopics.alerts(party), HubTopics.alertsDeadLetter(party))) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "chaos-alert-ledger");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    records.incrementAndGet();
                    lastRecordAt.set(System.nanoTime());
                    if (record.topic().endsWith(".dlq")) {
                        deadLetters.incrementAndGet();
                        continue;
                    }
                    Alert alert = alerts.deserialize(record.topic(), record.value());
                    byAlertId.merge(alert.getAlertId(), 1, Integer::sum);
                    if (alert.getRecipient().equals(watched.value())) {
                        watchedAlertIds.add(alert.getAlertId());
                    }
                    if (alert.getKind() == AlertKind.NEW_INDICATOR) {
                        newIndicatorAlerts.merge(alert.getRecipient() + " " + alert.getIndicatorKey(), 1, Integer::sum);
                        if (alert.getRecipient().equals(watched.value())) {
                            watchedAlertIdByKey.putIfAbsent(alert.getIndicatorKey(), alert.getAlertId());
                            firstAlertedAt.putIfAbsent(alert.getIndicatorKey(), System.nanoTime());
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits until every one of {@code keys} has its alert, or {@code timeout} passes; whether they all have. */
    public boolean awaitAlerted(Set<String> keys, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (firstAlertedAt.keySet().containsAll(keys)) {
                return true;
            }
            ChildJvm.sleep(100);
        }
        return firstAlertedAt.keySet().containsAll(keys);
    }

    /** When (System.nanoTime) the last of {@code keys} was first alerted; -1 while one has none. */
    public long allAlertedAt(Set<String> keys) {
        long last = 0;
        for (String key : keys) {
            Long at = firstAlertedAt.get(key);
            if (at == null) {
                return -1;
            }
            last = Math.max(last, at);
        }
        return last;
    }

    /** When the first alert of any of {@code keys} was read; -1 if none yet. */
    public long firstAlertOf(Set<String> keys) {
        return keys.stream().map(firstAlertedAt::get).filter(java.util.Objects::nonNull).mapToLong(Long::longValue)
                .min().orElse(-1);
    }

    /** Which of {@code keys} have their alert. */
    public Set<String> alerted(Set<String> keys) {
        Set<String> alerted = new java.util.HashSet<>(keys);
        alerted.retainAll(firstAlertedAt.keySet());
        return alerted;
    }

    /** Alert ids written more than once, plus recipients told more than once of one new indicator. */
    public long duplicates() {
        long ids = byAlertId.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        long told = newIndicatorAlerts.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
        return ids + told;
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    /** The ids of the watched party's alerts: what a subscription of that party taking everything must receive. */
    public Set<String> watchedAlertIds() {
        return Set.copyOf(watchedAlertIds);
    }

    /** The ids of the {@code NEW_INDICATOR} alerts of {@code keys} read so far. */
    public Set<String> alertIdsOf(Set<String> keys) {
        Set<String> ids = new java.util.HashSet<>();
        keys.forEach(key -> {
            String id = watchedAlertIdByKey.get(key);
            if (id != null) {
                ids.add(id);
            }
        });
        return ids;
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
