package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams;
import org.caspianhub.runtime.Health;
import org.junit.jupiter.api.Test;

/**
 * The gateway's health as an orchestrator reads it: a status table that rebalances (another replica
 * joined, a broker moved partitions) does not make the gateway look dead while it still writes;
 * a table that stopped for good does.
 */
class GatewayHealthTest {

    @Test
    void aRebalancingOrRestoringStatusTableIsADetailNotAnOutage() {
        Health rebalancing = GatewayHealth.of("http://localhost:8080", KafkaStreams.State.REBALANCING);
        assertThat(rebalancing.up()).isTrue();
        assertThat(rebalancing.details()).containsEntry("statusTable", "REBALANCING")
                .containsEntry("statusLookups", "waiting (rebalancing)");
        Health running = GatewayHealth.of("http://localhost:8080", KafkaStreams.State.RUNNING);
        assertThat(running.up()).isTrue();
        assertThat(running.details()).containsEntry("statusLookups", "ready").containsEntry("url", "http://localhost:8080");
    }

    @Test
    void aStatusTableThatStoppedForGoodIsDown() {
        for (KafkaStreams.State state : new KafkaStreams.State[] {KafkaStreams.State.ERROR,
                KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_SHUTDOWN}) {
            Health health = GatewayHealth.of("http://localhost:8080", state);
            assertThat(health.up()).as(state.name()).isFalse();
            assertThat(health.details()).containsEntry("statusTable", state.name()).containsEntry("statusLookups", "stopped");
        }
    }
}
