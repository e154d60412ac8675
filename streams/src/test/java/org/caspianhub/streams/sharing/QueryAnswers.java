package org.caspianhub.streams.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.warninglist.Warninglists;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.knowledge.KnowledgeBase;
import org.caspianhub.producers.knowledge.KnowledgeQueries;
import org.caspianhub.producers.knowledge.MemoryViewStore;
import org.caspianhub.producers.knowledge.SearchFilter;
import org.caspianhub.producers.knowledge.WarninglistHits;
import org.caspianhub.producers.knowledge.export.ExportFormat;
import org.caspianhub.producers.knowledge.export.MispFeed;
import org.caspianhub.topics.HubTopics;

/**
 * What a party is answered by the gateway's look-ups, bulk look-ups, searches and exports, given the
 * alert records it received: its read model ({@link KnowledgeBase}, the gateway's code, on the
 * in-memory store) fed each record as the gateway's reader applies them (one partition, the next
 * offset kept with each), then every kind of question asked, the answers written out in full.
 */
final class QueryAnswers {

    private static final WarninglistHits WARNINGLISTS = new WarninglistHits(Warninglists.bundled());
    private static final IndicatorNormalizer NORMALIZER = new IndicatorNormalizer();

    private QueryAnswers() {
    }

    static String of(String party, List<Alert> alerts, List<String> values) {
        String topic = HubTopics.alerts(PartyId.of(party));
        try (KnowledgeBase base = new KnowledgeBase(new MemoryViewStore(), 50)) {
            for (int i = 0; i < alerts.size(); i++) {
                KnowledgeBase.Batch batch = base.batch();
                batch.add(party, alerts.get(i));
                batch.offset(topic, 0, i + 1);
                batch.commit();
            }
            KnowledgeQueries queries = new KnowledgeQueries(base, NORMALIZER, WARNINGLISTS);
            StringBuilder out = new StringBuilder();
            List<JsonNode> inputs = new ArrayList<>();
            for (String value : values) {
                for (String form : List.of(value, value.toUpperCase(java.util.Locale.ROOT).replace(".", "[.]"))) {
                    out.append("lookup ").append(form).append(": ").append(render(queries.lookup(party, form, null))).append('\n');
                    inputs.add(JsonNodeFactory.instance.textNode(form));
                }
            }
            inputs.add(JsonNodeFactory.instance.textNode("not a value"));
            out.append("lookups: ").append(bytes(o -> queries.lookups(party, inputs, null, true, o))).append('\n');
            for (Map<String, List<String>> query : List.of(Map.<String, List<String>>of(),
                    Map.of("tag", List.of("c2")), Map.of("reference", List.of("incident:IR-2026-0099")),
                    Map.of("party", List.of("ir")), Map.of("minScore", List.of("50"), "tlp", List.of("green")),
                    Map.of("active", List.of("true"), "type", List.of("domain")))) {
                SearchFilter filter = SearchFilter.parse(query).filter();
                String cursor = null;
                do {
                    KnowledgeQueries.SearchAnswer page = queries.search(party, filter, cursor, 2, 20_000);
                    String body = new String(page.body(), StandardCharsets.UTF_8);
                    out.append("search ").append(query).append(": ").append(body).append('\n');
                    JsonNode next = json(body).path("next");
                    cursor = next.isNull() ? null : next.asText();
                } while (cursor != null);
                if (!query.isEmpty() && !query.containsKey("minScore")) {
                    continue; // every export format for no filter and for a device's filter: the walks are the search's
                }
                try (KnowledgeBase.Reader reader = base.read()) {
                    for (ExportFormat format : ExportFormat.values()) {
                        if (format == ExportFormat.MISP) {
                            continue;
                        }
                        String etag = KnowledgeQueries.etag(reader, party, format.id(), filter);
                        out.append("export ").append(format.id()).append(' ').append(query).append(' ').append(etag)
                                .append(": ").append(bytes(o -> KnowledgeQueries.export(reader, party, format, filter, etag, o)))
                                .append('\n');
                    }
                    MispFeed feed = new MispFeed(party, filter);
                    out.append("misp manifest ").append(KnowledgeQueries.etag(reader, party, "misp/manifest.json", filter))
                            .append(": ").append(bytes(o -> feed.manifest(reader, o))).append('\n');
                    for (IndicatorType type : IndicatorType.values()) {
                        if (type != IndicatorType.UNKNOWN) {
                            out.append("misp event ").append(type).append(": ")
                                    .append(bytes(o -> feed.event(reader, type, o))).append('\n');
                        }
                    }
                }
            }
            return out.toString();
        }
    }

    private static String render(KnowledgeQueries.Lookup answer) {
        return answer instanceof KnowledgeQueries.Found found ? new String(found.body(), StandardCharsets.UTF_8)
                : answer.toString();
    }

    private interface Writing {
        void to(ByteArrayOutputStream out) throws IOException;
    }

    private static String bytes(Writing writing) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
