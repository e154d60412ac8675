package org.caspianhub.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of a {@link TopicLayout} that do not exist yet. Running it again is
 * harmless: existing topics are left as they are (their partitions and configs are an
 * operator's to change) and reported as such.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    /** What one run did. */
    public record Report(List<String> created, List<String> existing) {
    }

    private static final Duration LEADERS_WITHIN = Duration.ofSeconds(30);

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    public Report provision(List<TopicSpec> specs) {
        try {
            Set<String> present = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            for (TopicSpec spec : specs) {
                if (present.contains(spec.name())) {
                    existing.add(spec.name());
                } else {
                    missing.add(new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                            .configs(spec.configs()));
                }
            }
            List<String> created = new ArrayList<>();
            if (!missing.isEmpty()) {
                CreateTopicsResult result = admin.createTopics(missing);
                for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> entry : result.values().entrySet()) {
                    try {
                        entry.getValue().get(30, TimeUnit.SECONDS);
                        created.add(entry.getKey());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                        existing.add(entry.getKey()); // created concurrently by someone else
                    }
                }
            }
            awaitLeaders(created, specs);
            LOG.info("topics: {} created, {} already present", created.size(), existing.size());
            return new Report(List.copyOf(created), List.copyOf(existing));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the hub's topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the hub's topics", e);
        }
    }

    /**
     * Waits until the broker leads every partition of the new topics. CreateTopics answers once
     * the controller has recorded them; a broker takes the leadership a moment later, and a
     * producer writing in that moment gets NOT_LEADER_OR_FOLLOWER and retries. Services start
     * writing right after provisioning, and a CI run once saw a test's burst of writes into fresh
     * topics end with a batch expired after the producer's whole delivery timeout; so the topics
     * count as provisioned only once they can be written. A ListOffsets is answered only by the
     * partition's serving leader. The admin client retries it while the leader is not serving, but
     * fails at once while the broker's metadata does not list the topic yet, so that is asked again.
     */
    private void awaitLeaders(List<String> created, List<TopicSpec> specs)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (TopicSpec spec : specs) {
            if (created.contains(spec.name())) {
                for (int partition = 0; partition < spec.partitions(); partition++) {
                    partitions.put(new TopicPartition(spec.name(), partition), OffsetSpec.latest());
                }
            }
        }
        if (partitions.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + LEADERS_WITHIN.toNanos();
        while (true) {
            try {
                admin.listOffsets(partitions).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }
}
