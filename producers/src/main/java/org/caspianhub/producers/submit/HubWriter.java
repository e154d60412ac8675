package org.caspianhub.producers.submit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of records to Kafka atomically and returns only once the broker acknowledged them.
 * Each batch is one Kafka transaction on an idempotent {@code acks=all} producer, so a batch the
 * broker fails part-way through is aborted as a whole and the pipeline (reading committed records)
 * never sees half a request. A small pool of transactional producers lets requests write in
 * parallel; each producer serves one batch at a time. Submissions and sightings are written to
 * their indicator's locality partition ({@link LocalityPlacement}), where the topology merges them
 * without a repartition.
 */
public final class HubWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubWriter.class);

    private final Map<String, Object> config;
    private final Topics topics;
    private final String transactionalPrefix;
    private final Duration timeout;
    private final BlockingQueue<KafkaProducer<String, SpecificRecord>> pool;
    private final List<KafkaProducer<String, SpecificRecord>> all = new ArrayList<>();
    private final boolean atomic;
    private final LocalityPlacement placement = new LocalityPlacement();
    private volatile boolean closed;
    private int created;

    /**
     * @param transactionalPrefix unique per running instance: two instances sharing transactional ids fence each other
     */
    public HubWriter(PlatformSettings platform, Topics topics, String transactionalPrefix, int producers, Duration timeout) {
        this(platform, topics, transactionalPrefix, producers, timeout, true);
    }

    /**
     * @param atomic one transaction per batch (all or nothing); false sends with the idempotent producer alone
     *               and a failed batch may be partly written (a retry with the same ids repairs it)
     */
    public HubWriter(PlatformSettings platform, Topics topics, String transactionalPrefix, int producers, Duration timeout,
                     boolean atomic) {
        this.atomic = atomic;
        this.topics = topics;
        this.transactionalPrefix = transactionalPrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.timeout = timeout;
        this.pool = new ArrayBlockingQueue<>(producers);
        Map<String, Object> props = new HashMap<>(platform.kafkaClientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int ms = (int) timeout.toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1_000, ms / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms);
        this.config = props;
        for (int i = 0; i < producers; i++) {
            pool.add(newProducer());
        }
    }

    /** Writes every record or none of them (as the pipeline sees it); blocks until the broker acknowledged. */
    public void write(List<ProducerRecord<String, SpecificRecord>> records) throws WriteFailedException {
        if (records.isEmpty()) {
            return;
        }
        KafkaProducer<String, SpecificRecord> producer = borrow();
        boolean healthy = true;
        try {
            if (atomic) {
                producer.beginTransaction();
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
            Map<String, Integer> partitions = new HashMap<>(4);
            for (ProducerRecord<String, SpecificRecord> record : records) {
                int count = partitions.computeIfAbsent(record.topic(), t -> producer.partitionsFor(t).size());
                acks.add(producer.send(placement.place(record, count)));
            }
            if (atomic) {
                producer.commitTransaction(); // flushes and waits for every ack and the commit marker
            } else {
                producer.flush();
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(); // complete by now; surfaces a send error
            }
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException
                 | UnsupportedVersionException fatal) {
            healthy = false;
            throw new WriteFailedException("the producer cannot continue: " + fatal.getMessage(), fatal);
        } catch (KafkaException | java.util.concurrent.ExecutionException e) {
            healthy = abort(producer);
            throw new WriteFailedException("the broker did not acknowledge the batch: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            healthy = abort(producer);
            throw new WriteFailedException("interrupted while writing", e);
        } finally {
            giveBack(producer, healthy);
        }
    }

    private KafkaProducer<String, SpecificRecord> borrow() throws WriteFailedException {
        try {
            KafkaProducer<String, SpecificRecord> producer = pool.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (producer == null || closed) {
                throw new WriteFailedException(closed ? "the writer is closed" : "every producer is busy", null);
            }
            return producer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteFailedException("interrupted while waiting for a producer", e);
        }
    }

    private boolean abort(KafkaProducer<String, SpecificRecord> producer) {
        if (!atomic) {
            return true;
        }
        try {
            producer.abortTransaction();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not abort a transaction ({}); replacing the producer", e.toString());
            return false;
        }
    }

    private void giveBack(KafkaProducer<String, SpecificRecord> producer, boolean healthy) {
        if (healthy && !closed) {
            pool.add(producer);
            return;
        }
        closeQuietly(producer);
        if (!closed) {
            try {
                pool.add(newProducer());
            } catch (RuntimeException e) {
                LOG.error("could not replace a failed producer: {}", e.toString());
            }
        }
    }

    private synchronized KafkaProducer<String, SpecificRecord> newProducer() {
        Map<String, Object> props = new HashMap<>(config);
        if (atomic) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalPrefix + "-" + created++);
        }
        KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(props, new StringSerializer(),
                new HubRecordSerializer(topics));
        if (atomic) {
            producer.initTransactions();
        }
        all.add(producer);
        return producer;
    }

    private void closeQuietly(KafkaProducer<String, SpecificRecord> producer) {
        synchronized (this) {
            all.remove(producer);
        }
        try {
            producer.close(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.debug("closing a producer failed", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        new ArrayList<>(all).forEach(this::closeQuietly);
        pool.clear();
    }
}
