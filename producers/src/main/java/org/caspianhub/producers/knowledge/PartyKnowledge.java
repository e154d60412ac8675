package org.caspianhub.producers.knowledge;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.caspianhub.avro.Alert;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.parties.PartyId;

/**
 * One party's read model: its own store, its own reader of its own alert topic, its own readiness
 * and failure state. Parties share none of it, so another party's alerts (their volume, a fault
 * while applying them, the time a restart takes to read them) cannot reach this party's answers as
 * a delay, a 503 or a stopped reader. (A shared reader once made a party's own alerts wait behind
 * everything of another's: a meter of that party's hidden traffic.)
 */
public final class PartyKnowledge implements AutoCloseable {

    private final PartyId party;
    private final KnowledgeBase base;
    private final KnowledgeMaterializer reader;
    private final KnowledgeQueries queries;

    public PartyKnowledge(PartyId party, KnowledgeBase base, KnowledgeMaterializer reader, KnowledgeQueries queries) {
        this.party = party;
        this.base = base;
        this.reader = reader;
        this.queries = queries;
    }

    /**
     * Opens the party's store under {@code settings.directory()/<party>} with {@code memoryBytes} of
     * RocksDB memory and starts reading its alert topic.
     */
    public static PartyKnowledge start(PartyId party, KnowledgeSettings settings, long memoryBytes,
                                       Map<String, Object> kafkaClientProperties, Deserializer<Alert> alerts,
                                       IndicatorNormalizer normalizer, WarninglistHits warninglists) {
        KnowledgeBase base = new KnowledgeBase(new RocksViewStore(settings.directory().resolve(party.value()), memoryBytes),
                settings.historyLimit());
        KnowledgeMaterializer reader = new KnowledgeMaterializer(base, kafkaClientProperties, party, alerts).start();
        return new PartyKnowledge(party, base, reader, new KnowledgeQueries(base, normalizer, warninglists));
    }

    public PartyId party() {
        return party;
    }

    public KnowledgeBase base() {
        return base;
    }

    public KnowledgeMaterializer reader() {
        return reader;
    }

    public KnowledgeQueries queries() {
        return queries;
    }

    @Override
    public void close() {
        reader.close();
        base.close();
    }
}
