package org.caspianhub.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.junit.jupiter.api.Test;

/**
 * The catalogue is the one answer to "what topics exist": provisioning, schemas and ACLs follow from its
 * entries, and what they make of them is what the hub had before there was a catalogue.
 */
class TopicCatalogueTest {

    private static final PartyId IR = PartyId.of("ir");
    private static final PartyId AZ = PartyId.of("az");
    private static final Parties PARTIES = Parties.parse("ir,az", "none");

    @Test
    void provisioningMakesEveryCatalogueTopicForEveryParty() {
        List<String> names = new TopicLayout(3, (short) 1).topicsFor(PARTIES).stream().map(TopicSpec::name).toList();
        List<String> expected = new ArrayList<>(List.of(TopicCatalogue.SCHEMAS, "cti.hub.indicators", "cti.hub.correlations"));
        for (String party : List.of("az", "ir")) {
            for (String purpose : List.of("submissions", "sightings", "rejected", "alerts", "alerts.dlq")) {
                expected.add("cti." + party + "." + purpose);
            }
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
    }

    @Test
    void eachTopicIsKeptAsBeforeTheCatalogue() {
        Map<String, Map<String, String>> configs = new HashMap<>();
        Map<String, TopicSpec> specs = new HashMap<>();
        for (TopicSpec spec : new TopicLayout(3, (short) 3, "zstd").topicsFor(PARTIES)) {
            configs.put(spec.name(), spec.configs());
            specs.put(spec.name(), spec);
        }
        String day = Long.toString(24L * 3600 * 1000);
        assertThat(configs.get("cti.ir.submissions")).containsOnly(Map.entry("cleanup.policy", "delete"),
                Map.entry("retention.ms", Long.toString(7 * Long.parseLong(day))),
                Map.entry("message.timestamp.type", "LogAppendTime"), Map.entry("min.insync.replicas", "2"),
                Map.entry("max.message.bytes", "1048588"));
        // the alert topics are TAXII's store: they keep its 90 days, stamped by the broker (date_added)
        assertThat(configs.get("cti.az.alerts")).containsOnly(Map.entry("cleanup.policy", "delete"),
                Map.entry("retention.ms", Long.toString(90 * Long.parseLong(day))),
                Map.entry("message.timestamp.type", "LogAppendTime"),
                Map.entry("compression.type", "zstd"), Map.entry("min.insync.replicas", "2"),
                Map.entry("max.message.bytes", "1048588"));
        assertThat(configs.get("cti.az.alerts.dlq")).containsEntry("retention.ms", Long.toString(90 * Long.parseLong(day)))
                .containsEntry("compression.type", "zstd");
        assertThat(configs.get("cti.hub.indicators")).containsOnly(Map.entry("cleanup.policy", "compact"),
                Map.entry("min.compaction.lag.ms", "600000"), Map.entry("min.insync.replicas", "2"),
                Map.entry("max.message.bytes", "1048588"));
        assertThat(configs.get("cti.hub.correlations")).doesNotContainKey("compression.type");
        assertThat(configs.get(TopicCatalogue.SCHEMAS)).containsEntry("cleanup.policy", "compact");
        assertThat(specs.get(TopicCatalogue.SCHEMAS).partitions()).isEqualTo(1);
        assertThat(specs.get(TopicCatalogue.SCHEMAS).valueSchema()).as("the registry's records are JSON").isEmpty();
        assertThat(specs.get("cti.ir.submissions").valueSchema()).contains(IndicatorSubmission.getClassSchema());
        assertThat(specs.get("cti.az.alerts").valueSchema()).contains(Alert.getClassSchema());
    }

    @Test
    void aPartysPrincipalWritesAndReadsOnlyWhatItsEntriesSay() {
        Map<String, Set<AclOperation>> irMay = PartyAcls.bindingsFor(PARTIES).stream()
                .filter(b -> b.entry().principal().equals("User:ir"))
                .filter(b -> b.pattern().resourceType() == ResourceType.TOPIC)
                .collect(Collectors.groupingBy(b -> b.pattern().name(),
                        Collectors.mapping(b -> b.entry().operation(), Collectors.toSet())));
        assertThat(irMay).containsOnly(
                Map.entry("cti.ir.submissions", Set.of(AclOperation.WRITE, AclOperation.DESCRIBE)),
                Map.entry("cti.ir.sightings", Set.of(AclOperation.WRITE, AclOperation.DESCRIBE)),
                Map.entry("cti.ir.alerts", Set.of(AclOperation.READ, AclOperation.DESCRIBE)),
                Map.entry("cti.ir.rejected", Set.of(AclOperation.READ, AclOperation.DESCRIBE)));
        List<AclBinding> groups = PartyAcls.bindingsFor(PARTIES).stream()
                .filter(b -> b.pattern().resourceType() == ResourceType.GROUP).toList();
        assertThat(groups).extracting(b -> b.pattern().name()).containsExactlyInAnyOrder("ir.", "az.");
    }

    @Test
    void everyPerPartyTopicNamesItsParty() {
        for (PartyTopic<?> topic : TopicCatalogue.PER_PARTY) {
            assertThat(PartyTopic.partyOf(topic.name(AZ))).as(topic.toString()).isEqualTo(AZ);
        }
        for (HubWideTopic<?> topic : TopicCatalogue.HUB_WIDE) {
            assertThat(topic.name()).startsWith("cti.hub.");
            assertThat(topic.access()).isEqualTo(PartyAccess.NONE);
        }
    }

    @Test
    void internalTopicsAreNamedAsKafkaStreamsNamesThem() {
        assertThat(TopicCatalogue.INTERNAL).extracting(t -> t.name("caspian-hub"))
                .contains("caspian-hub-indicator-events-repartition", "caspian-hub-indicators-changelog")
                .doesNotHaveDuplicates();
    }
}
