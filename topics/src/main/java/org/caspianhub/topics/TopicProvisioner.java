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

    private static long left(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

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
            List<String> concurrent = new ArrayList<>();
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
                        concurrent.add(entry.getKey());
                    }
                }
            }
            List<String> fresh = new ArrayList<>(created);
            fresh.addAll(concurrent);
            awaitLeaders(fresh);
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
     * Waits until the broker serves every partition of the topics. CreateTopics answers once the
     * controller has recorded them; a broker takes the leadership a moment later, and a producer
     * writing in that moment gets NOT_LEADER_OR_FOLLOWER and retries. Services start writing right
     * after provisioning, and a CI run once saw a test's burst of writes into fresh topics end with
     * a batch expired after the producer's whole delivery timeout; so the topics count as
     * provisioned only once they can be written. That covers topics another provisioner created a
     * moment ago too; their partitions are read from the broker, not assumed. A ListOffsets is
     * answered only by the partition's serving leader. The admin client retries it while the leader
     * is not serving, but fails at once while the broker's metadata does not list the topic yet,
     * so that is asked again.
     */
    private void awaitLeaders(List<String> topics) throws InterruptedException {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + LEADERS_WITHIN.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get(left(deadline), TimeUnit.NANOSECONDS).forEach((name, topic) ->
                        topic.partitions().forEach(p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(left(deadline), TimeUnit.NANOSECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (!(cause instanceof RetriableException || cause instanceof TimeoutException) || System.nanoTime() >= deadline) {
                    throw new IllegalStateException("the hub's topics exist, but the broker did not serve all their partitions "
                            + "within " + LEADERS_WITHIN.toSeconds() + " s: " + cause.getMessage(), cause);
                }
                Thread.sleep(20);
            }
        }
    }
}
