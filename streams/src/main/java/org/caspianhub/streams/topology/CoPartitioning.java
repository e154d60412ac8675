package org.caspianhub.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check behind merging in place ({@link PlacedHere}): task {@code p} reads partition
 * {@code p} of every party's submissions and sightings topic and of the indicator-events
 * repartition topic, and an event is merged where it arrived only when its locality maps to that
 * partition. That is only right when all of these topics have the same partition count, the one
 * the gateway and the topology compute localities with ({@code CASPIAN_TOPIC_PARTITIONS}). Kafka
 * Streams itself would run happily with differing counts and place indicators wrongly, so the
 * service refuses to start instead.
 */
public final class CoPartitioning {

    private static final Logger LOG = LoggerFactory.getLogger(CoPartitioning.class);

    private CoPartitioning() {
    }

    /**
     * @throws IllegalStateException naming every topic whose partition count is not {@code expected}
     */
    public static void check(Admin admin, Collection<String> inputTopics, int expected, Duration timeout)
            throws InterruptedException {
        Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(inputTopics).topicNameValues();
        Map<String, Integer> wrong = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : described.entrySet()) {
            try {
                int count = entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS).partitions().size();
                if (count != expected) {
                    wrong.put(entry.getKey(), count);
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("cannot describe topic " + entry.getKey() + " to check its partition count: "
                            + e.getCause().getMessage(), e.getCause());
                }
                missing.add(entry.getKey());
            } catch (TimeoutException e) {
                throw new IllegalStateException("cannot describe topic " + entry.getKey() + " within " + timeout
                        + " to check its partition count; is Kafka reachable?", e);
            }
        }
        if (!missing.isEmpty()) {
            // Kafka Streams reports missing source topics itself; their partition count is checked at the next start
            LOG.warn("input topics {} do not exist yet (create them with {} partitions each)", missing, expected);
        }
        if (!wrong.isEmpty()) {
            StringBuilder detail = new StringBuilder();
            wrong.forEach((topic, count) -> detail.append(detail.isEmpty() ? "" : ", ").append(topic).append(" has ")
                    .append(count));
            throw new IllegalStateException("every submissions and sightings topic must have " + expected
                    + " partitions (CASPIAN_TOPIC_PARTITIONS), but " + detail + ": the gateway writes each submission to "
                    + "its locality's partition and the topology merges it there, which needs one partition count for "
                    + "all of them. Give these topics " + expected + " partitions, or set CASPIAN_TOPIC_PARTITIONS to "
                    + "theirs (for every service).");
        }
    }
}
