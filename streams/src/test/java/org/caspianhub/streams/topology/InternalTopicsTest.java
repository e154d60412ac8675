package org.caspianhub.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.Stores;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.runtime.Settings;
import org.caspianhub.streams.PipelineMetrics;
import org.caspianhub.streams.StreamsService;
import org.caspianhub.streams.StreamsSettings;
import org.caspianhub.topics.InternalTopic;
import org.caspianhub.topics.TopicCatalogue;
import org.caspianhub.topics.Topics;
import org.junit.jupiter.api.Test;

/**
 * The topic catalogue lists the internal topics Kafka Streams creates for the pipeline; this holds it to
 * the topology as built, so a new repartition step or store cannot go unlisted.
 */
class InternalTopicsTest {

    @Test
    void theCatalogueListsEveryRepartitionTopicAndChangelogOfThePipeline() {
        StreamsSettings settings = StreamsSettings.from(Settings.of(Map.of(
                "CASPIAN_SCHEMA_REGISTRY_URL", "http://localhost:1", // building a topology contacts no registry
                "CASPIAN_KAFKA_BOOTSTRAP", "unused:9092")));
        CachingSchemaRegistry registry = new CachingSchemaRegistry(new HttpSchemaRegistryClient("http://localhost:1"));
        TopologyDescription topology = HubTopology.build(settings, new Topics(registry), InternalSerdes.using(registry),
                StreamsService.defaultIntake(), new PipelineMetrics(new SimpleMeterRegistry()),
                Stores::persistentKeyValueStore).describe();

        Set<String> built = new HashSet<>();
        for (TopologyDescription.Subtopology sub : topology.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    source.topicSet().stream().filter(t -> t.endsWith("-" + InternalTopic.REPARTITION))
                            .forEach(t -> built.add(t));
                }
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> built.add(store + "-" + InternalTopic.CHANGELOG));
                }
            }
        }
        Set<String> listed = new HashSet<>();
        for (InternalTopic topic : TopicCatalogue.INTERNAL) {
            if (topic.application().equals(TopicCatalogue.STREAMS)) {
                listed.add(topic.name() + "-" + topic.kind());
            }
        }
        assertThat(built).isNotEmpty().isEqualTo(listed);
    }
}
