package org.caspianhub.consumers.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetLedgerTest {

    private final TopicPartition p0 = new TopicPartition("cti.ir.alerts", 0);
    private final TopicPartition p1 = new TopicPartition("cti.ir.alerts", 1);

    @Test
    void aFinishedAlertBehindAnUnfinishedOneIsNotCommittedPastIt() {
        OffsetLedger ledger = new OffsetLedger();
        for (long offset = 10; offset < 15; offset++) {
            ledger.track(p0, offset);
        }
        ledger.complete(p0, 11);
        ledger.complete(p0, 12);
        assertThat(ledger.committable()).containsEntry(p0, new OffsetAndMetadata(10));

        ledger.complete(p0, 10);
        assertThat(ledger.committable()).containsEntry(p0, new OffsetAndMetadata(13));

        ledger.complete(p0, 13);
        ledger.complete(p0, 14);
        assertThat(ledger.committable()).containsEntry(p0, new OffsetAndMetadata(15));
        assertThat(ledger.openCount()).isZero();
    }

    @Test
    void partitionsAreIndependentAndUnchangedPositionsAreNotRecommitted() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.track(p0, 0);
        ledger.track(p1, 0);
        ledger.complete(p1, 0);
        var offsets = ledger.committable();
        assertThat(offsets).containsEntry(p0, new OffsetAndMetadata(0)).containsEntry(p1, new OffsetAndMetadata(1));
        ledger.committed(offsets);
        assertThat(ledger.committable()).isEmpty();
        ledger.complete(p0, 0);
        assertThat(ledger.committable()).containsOnlyKeys(p0);
    }

    @Test
    void aRevokedPartitionIsForgottenAndLateCompletionsIgnored() {
        OffsetLedger ledger = new OffsetLedger();
        ledger.track(p0, 5);
        ledger.forget(List.of(p0));
        ledger.complete(p0, 5);
        assertThat(ledger.committable()).isEmpty();
        assertThat(ledger.positions(List.of(p0))).isEmpty();
    }
}
