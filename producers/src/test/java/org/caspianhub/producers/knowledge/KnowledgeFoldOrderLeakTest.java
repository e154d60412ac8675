package org.caspianhub.producers.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.warninglist.Warninglists;
import org.caspianhub.parties.PartyId;
import org.caspianhub.topics.HubTopics;
import org.junit.jupiter.api.Test;

/**
 * Attack (review of branch knowledge): a party's answer must be a function of the alert records it
 * received, not of the order in which the gateway happened to read them. The alert topic is keyed
 * by alert id, so one indicator's alerts are spread over partitions and every replica reads them
 * in whatever interleaving its one consumer's fetches give (a consumer that also fetches every
 * other party's partitions, so their traffic shapes it). The property test feeds the read model in
 * the topology's output order on one partition and cannot see this.
 *
 * <p>Two change alerts of one indicator for az with the same {@code createdAt}: the topology stamps
 * alerts with the event's millisecond, and the gateway stamps every item of a batch with its clock
 * in milliseconds, so the same value twice in one batch (or ir's GREEN report and az's own in the
 * same millisecond) gives exactly this. The second alert carries the later, complete view; read in
 * the other order, the first takes over ({@code createdAt >= asOf} in {@code ViewFold.apply}).
 */
class KnowledgeFoldOrderLeakTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theViewDoesNotDependOnTheOrderTwoAlertsOfTheSameMillisecondWereRead() {
        Alert first = Alerts.of("az", IndicatorType.DOMAIN, "tie.example", Tlp.GREEN, 50, List.of("c2"), List.of(), T0, "az");
        Alert second = Alerts.change(first, AlertKind.CROSS_BORDER_MATCH, 70, IndicatorStatus.ACTIVE, T0);
        second.setParties(List.of("az", "ir"));
        second.setTags(List.of("c2", "phishing"));

        String inTopologyOrder = lookup(first, second);
        String otherInterleaving = lookup(second, first);

        assertThat(inTopologyOrder).contains("\"parties\":[\"az\",\"ir\"]"); // the complete, later view
        assertThat(otherInterleaving)
                .as("az's look-up after reading the same two alerts from two partitions in the other order")
                .isEqualTo(inTopologyOrder);
    }

    /**
     * The same rule read the other way: on one partition, in offset order, the alert the topology
     * wrote last is az's current view, even when its {@code createdAt} is earlier. Event times come
     * from the clocks of whichever gateway replica, feed or importer accepted each submission, and
     * the topology merges events in the order they reach the indicator's task, not in timestamp
     * order (two parties' submissions come through different input partitions): a later event can
     * carry an earlier time. The read model then keeps the older view (here: without ir's GREEN
     * contribution and the CROSS_BORDER_MATCH) until some alert with a later stamp arrives.
     */
    @Test
    void theAlertWrittenLastIsTheViewEvenWhenAnotherClockStampedItEarlier() {
        Alert first = Alerts.of("az", IndicatorType.DOMAIN, "tie.example", Tlp.GREEN, 50, List.of("c2"), List.of(),
                T0.plusSeconds(2), "az");
        Alert second = Alerts.change(first, AlertKind.CROSS_BORDER_MATCH, 70, IndicatorStatus.ACTIVE, T0.plusSeconds(1));
        second.setParties(List.of("az", "ir"));

        assertThat(lookup(first, second))
                .as("az's look-up after the topology wrote the NEW alert and then the CROSS_BORDER_MATCH")
                .contains("\"parties\":[\"az\",\"ir\"]");
    }

    /** az's look-up answer after its read model applied the alerts in this order, one batch each. */
    private static String lookup(Alert... alerts) {
        String topic = HubTopics.alerts(PartyId.of("az"));
        try (KnowledgeBase base = new KnowledgeBase(new MemoryViewStore(), 50)) {
            for (int i = 0; i < alerts.length; i++) {
                KnowledgeBase.Batch batch = base.batch();
                batch.add("az", alerts[i]);
                batch.offset(topic, i, 1);
                batch.commit();
            }
            KnowledgeQueries queries = new KnowledgeQueries(base, new IndicatorNormalizer(),
                    new WarninglistHits(Warninglists.bundled()));
            KnowledgeQueries.Lookup answer = queries.lookup("az", "tie.example", null);
            assertThat(answer).isInstanceOf(KnowledgeQueries.Found.class);
            String body = new String(((KnowledgeQueries.Found) answer).body(), StandardCharsets.UTF_8);
            // the history lists both alerts; compare the view itself (everything before "alerts")
            return body.substring(0, body.indexOf("\"alerts\""));
        }
    }
}
