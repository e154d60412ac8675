package org.caspianhub.producers.gateway;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import java.util.Collection;
import java.util.List;
import org.caspianhub.producers.knowledge.KnowledgeMaterializer;
import org.caspianhub.producers.knowledge.PartyKnowledge;
import org.caspianhub.runtime.Health;

/**
 * The running gateway's health. Liveness follows what a restart would fix: a status table that is
 * rebalancing or restoring (another replica joined, a broker moved partitions) recovers on its own,
 * and submissions are written meanwhile, so the gateway stays UP and reports the table's state as a
 * detail. Only a table that has stopped for good makes the gateway DOWN.
 */
final class GatewayHealth {

    /** States the status table never leaves without a restart. */
    private static final Set<KafkaStreams.State> STOPPED = Set.of(KafkaStreams.State.PENDING_SHUTDOWN,
            KafkaStreams.State.NOT_RUNNING, KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.ERROR);

    private GatewayHealth() {
    }

    static Health of(String url, KafkaStreams.State statusTable) {
        return of(url, statusTable, List.of());
    }

    /** {@code knowledge}: each party's read model (the management listener only: parties never read this). */
    static Health of(String url, KafkaStreams.State statusTable, Collection<PartyKnowledge> knowledge) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("url", url);
        details.put("statusTable", statusTable.name());
        details.put("statusLookups", statusTable == KafkaStreams.State.RUNNING ? "ready"
                : STOPPED.contains(statusTable) ? "stopped" : "waiting (" + statusTable.name().toLowerCase(Locale.ROOT) + ")");
        // the read model's reader only stops on a fault a restart fixes (the store is rebuilt from Kafka if need be)
        boolean knowledgeStopped = false;
        for (PartyKnowledge party : knowledge) {
            KnowledgeMaterializer reader = party.reader();
            boolean stopped = !reader.running();
            knowledgeStopped |= stopped;
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("state", stopped ? "stopped" : reader.caughtUp() ? "ready" : "catching up");
            state.put("alertsApplied", reader.applied());
            state.put("catchUpMillis", reader.catchUpMillis());
            details.put("knowledge." + party.party().value(), state);
        }
        return STOPPED.contains(statusTable) || knowledgeStopped ? Health.down(details) : Health.up(details);
    }
}
