package org.caspianhub.producers.knowledge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.parties.PartyId;
import org.caspianhub.topics.HubTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one party's {@link KnowledgeBase} up to date with that party's alert topic (one reader per
 * party, see {@link PartyKnowledge}). Each gateway replica
 * materializes the whole model for itself: it assigns every partition (no consumer group, nothing
 * committed to Kafka), reads committed records only, and keeps its offsets in the store with the
 * views they produced, so a restart resumes exactly there and any number of streams instances
 * (which only write the topics) and gateway replicas work. A record it cannot decode is logged,
 * counted and skipped: nothing stops the thread.
 */
public final class KnowledgeMaterializer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeMaterializer.class);

    private final KnowledgeBase base;
    private final Map<String, Object> consumerProperties;
    private final PartyId party;
    private final Deserializer<Alert> alerts;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private volatile long catchUpMillis = -1;

    public KnowledgeMaterializer(KnowledgeBase base, Map<String, Object> kafkaClientProperties, PartyId party,
                                 Deserializer<Alert> alerts) {
        this.base = base;
        this.party = party;
        this.alerts = alerts;
        Map<String, Object> props = new HashMap<>(kafkaClientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "caspian-gateway-knowledge-" + party.value());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProperties = props;
        this.thread = new Thread(this::run, "gateway-knowledge-" + party.value());
        this.thread.setDaemon(true);
    }

    public KnowledgeMaterializer start() {
        thread.start();
        return this;
    }

    /** True once every record present at start was applied (answers before then may miss older alerts). */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Null while running; the cause once the thread has stopped on an error. */
    public Throwable failure() {
        return failure;
    }

    public boolean running() {
        return thread.isAlive() && failure == null;
    }

    /** How long reading what was on the topics at start took, or -1 until it is done. */
    public long catchUpMillis() {
        return catchUpMillis;
    }

    public long applied() {
        return applied.get();
    }

    public long undecodable() {
        return undecodable.get();
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            long started = System.nanoTime();
            List<TopicPartition> assigned = partitions(kafka);
            kafka.assign(assigned);
            for (TopicPartition tp : assigned) {
                kafka.seek(tp, base.offset(tp.topic(), tp.partition()));
            }
            Map<TopicPartition, Long> ends = new HashMap<>(kafka.endOffsets(assigned));
            KnowledgeBase.Batch batch = base.batch();
            while (running) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(Duration.ofMillis(200));
                for (TopicPartition tp : records.partitions()) {
                    long next = -1;
                    for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                        next = record.offset() + 1;
                        Alert alert = decode(record);
                        if (alert != null) {
                            batch.add(party.value(), alert);
                        }
                    }
                    if (next >= 0) {
                        batch.offset(tp.topic(), tp.partition(), next);
                    }
                }
                if (!records.isEmpty()) {
                    applied.addAndGet(batch.size());
                    batch.commit();
                }
                if (caughtUp.getCount() > 0) {
                    // transaction markers advance the position without records: compare positions, not offsets read
                    ends.entrySet().removeIf(e -> kafka.position(e.getKey()) >= e.getValue());
                    if (ends.isEmpty()) {
                        catchUpMillis = (System.nanoTime() - started) / 1_000_000;
                        caughtUp.countDown();
                        LOG.info("knowledge: caught up with {}'s {} alert topic partitions ({} alerts applied in {} ms)", party,
                                assigned.size(), applied.get(), catchUpMillis);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable e) {
            failure = e;
            LOG.error("knowledge: the alert reader of {} stopped: {}", party, e.toString(), e);
        }
    }

    private Alert decode(ConsumerRecord<byte[], byte[]> record) {
        try {
            Alert alert = alerts.deserialize(record.topic(), record.value());
            if (alert == null || alert.getIndicatorKey() == null) {
                throw new IllegalArgumentException("no alert in the record");
            }
            return alert;
        } catch (RuntimeException e) {
            undecodable.incrementAndGet();
            LOG.warn("knowledge: skipped an undecodable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> kafka) {
        List<TopicPartition> out = new ArrayList<>();
        String topic = HubTopics.alerts(party);
        List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(60));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("alert topic " + topic + " does not exist; run caspian-hub admin init");
        }
        infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
        return out;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
