package org.caspianhub.producers.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.topics.HubTopics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The status table forgets a submission once its topic's retention has dropped it, and not before. */
class SubmissionStatusTopologyTest {

    private static final Instant SUBMITTED = Instant.parse("2026-11-01T10:00:00Z");
    private static final PartyId IR = PartyId.of("ir");
    /** The gateway's 50,000, scaled down. */
    private static final int MAX_PER_SWEEP = 20;
    private static final PartyId AZ = PartyId.of("az");

    private TopologyTestDriver driver;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "status-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.REUSE_KTABLE_SOURCE_TOPICS);
        // as the broker reports them: az's submissions topic is kept forever (retention.ms=-1)
        Map<String, Duration> retention = Map.of(
                HubTopics.submissions(IR), Duration.ofDays(7),
                HubTopics.rejected(IR), Duration.ofDays(30),
                HubTopics.rejected(AZ), Duration.ofDays(30));
        // the table starts reading seven days and a minute after the first submission was made
        driver = new TopologyTestDriver(SubmissionStatusTopology.build(Parties.defaults(), props, retention, MAX_PER_SWEEP), props,
                SUBMITTED.plus(Duration.ofDays(7)).plusSeconds(60));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aSubmissionOlderThanItsTopicsRetentionIsForgottenAtTheNextSweep() {
        submit(HubTopics.submissions(IR), "old", SUBMITTED);
        submit(HubTopics.submissions(IR), "recent", SUBMITTED.plus(Duration.ofDays(6)));
        submit(HubTopics.rejected(IR), "old", SUBMITTED);
        submit(HubTopics.submissions(AZ), "old", SUBMITTED);
        assertThat(store(SubmissionStatusTopology.submissionsStore(IR)).get("old")).as("before the sweep").isNotNull();

        driver.advanceWallClockTime(SubmissionStatusTopology.SWEEP_EVERY);

        assertThat(store(SubmissionStatusTopology.submissionsStore(IR)).get("old")).as("past 7 days").isNull();
        assertThat(store(SubmissionStatusTopology.submissionsStore(IR)).get("recent")).isNotNull();
        assertThat(store(SubmissionStatusTopology.rejectionsStore(IR)).get("old")).as("rejections are kept 30 days").isNotNull();
        assertThat(store(SubmissionStatusTopology.submissionsStore(AZ)).get("old")).as("a topic kept forever").isNotNull();

        driver.advanceWallClockTime(Duration.ofDays(5));
        assertThat(store(SubmissionStatusTopology.submissionsStore(IR)).get("recent")).as("12 days on: 6 days old").isNotNull();
        driver.advanceWallClockTime(Duration.ofDays(1));
        assertThat(store(SubmissionStatusTopology.submissionsStore(IR)).get("recent")).as("13 days on: past 7 days too").isNull();
    }

    @Test
    void aLargeBacklogIsForgottenInBoundedSweepsAMinuteApart() {
        TestInputTopic<String, byte[]> input = driver.createInputTopic(HubTopics.submissions(IR), new StringSerializer(),
                new ByteArraySerializer());
        int backlog = MAX_PER_SWEEP + 10;
        for (int i = 0; i < backlog; i++) {
            input.pipeInput("old-" + i, new byte[] {1}, SUBMITTED);
        }

        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(entries(SubmissionStatusTopology.submissionsStore(IR))).as("one sweep's worth deleted").isEqualTo(10);
        driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(entries(SubmissionStatusTopology.submissionsStore(IR))).as("the rest a minute later, not an hour").isZero();
    }

    private long entries(String store) {
        long count = 0;
        try (var all = store(store).all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    private void submit(String topic, String id, Instant at) {
        TestInputTopic<String, byte[]> input = driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
        input.pipeInput(id, new byte[] {1, 2, 3}, at);
    }

    private KeyValueStore<String, byte[]> store(String name) {
        return driver.getKeyValueStore(name);
    }
}
