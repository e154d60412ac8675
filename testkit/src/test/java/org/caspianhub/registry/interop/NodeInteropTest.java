package org.caspianhub.registry.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.serde.AvroSerde;
import org.caspianhub.testkit.NodeProject;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with a client nobody here wrote: Confluent's official Node.js Schema Registry
 * client and Avro serde ({@code @confluentinc/schemaregistry}, pinned in src/test/node) against the
 * embedded registry, in both directions over the wire format. Skipped only where node is absent.
 */
class NodeInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registryUrl = TestPlatforms.embedded().schemaRegistryUrl();
    private final HttpSchemaRegistryClient javaClient = new HttpSchemaRegistryClient(registryUrl);
    private final AvroSerde<IndicatorSubmission> serde =
            AvroSerde.forValues(IndicatorSubmission.class, new CachingSchemaRegistry(javaClient));

    private static NodeProject project;

    @BeforeAll
    static void nodeAndTheConfluentClientAreThere() throws Exception {
        project = NodeProject.interop().assumeInstalled("@confluentinc/schemaregistry");
    }

    @Test
    void theNodeClientRegistersAndFetchesASchemaTheJavaClientSeesTheSame() throws Exception {
        String subject = "interop-" + UUID.randomUUID() + "-value";
        Path schemaFile = Files.createTempFile("submission", ".avsc");
        Files.writeString(schemaFile, IndicatorSubmission.getClassSchema().toString());

        JsonNode answer = JSON.readTree(node("register", subject, schemaFile.toString()));

        int id = answer.get("id").asInt();
        assertThat(new org.apache.avro.Schema.Parser().parse(answer.get("fetched").toString()))
                .isEqualTo(IndicatorSubmission.getClassSchema());
        assertThat(answer.get("latestVersion").asInt()).isEqualTo(1);
        assertThat(javaClient.version(subject, "latest").id()).isEqualTo(id);
        assertThat(javaClient.schemaById(id)).isEqualTo(IndicatorSubmission.getClassSchema());
    }

    @Test
    void bytesTheJavaSerializerWroteDecodeInNode() throws Exception {
        String topic = "interop-" + UUID.randomUUID();
        IndicatorSubmission submission = IndicatorSubmission.newBuilder()
                .setSubmissionId("sub-1").setParty("ir").setAction(SubmissionAction.SUBMIT)
                .setValue("hxxp://evil[.]example/dropper").setType(IndicatorType.URL).setTlp(Tlp.AMBER_STRICT)
                .setConfidence(85).setSeverity(Severity.CRITICAL).setTags(List.of("loader", "c2"))
                .setReferences(List.of("campaign:CASPIAN-FOX")).setChannel(SourceChannel.FEED)
                .setSubmittedAt(Instant.ofEpochMilli(1_790_000_000_123L)).build();
        byte[] bytes = serde.serializer().serialize(topic, submission);

        JsonNode decoded = JSON.readTree(node("decode", topic, Base64.getEncoder().encodeToString(bytes)));

        assertThat(decoded.get("submissionId").asText()).isEqualTo("sub-1");
        assertThat(decoded.get("value").asText()).isEqualTo("hxxp://evil[.]example/dropper");
        assertThat(decoded.get("type").asText()).isEqualTo("URL");
        assertThat(decoded.get("tlp").asText()).isEqualTo("AMBER_STRICT");
        assertThat(decoded.get("confidence").asInt()).isEqualTo(85);
        assertThat(decoded.get("tags")).extracting(JsonNode::asText).containsExactly("loader", "c2");
        assertThat(decoded.get("validUntil").isNull()).isTrue();
        assertThat(decoded.get("submittedAt").asLong()).isEqualTo(1_790_000_000_123L);
    }

    @Test
    void bytesTheNodeSerializerWroteDecodeInJava() throws Exception {
        String topic = "interop-" + UUID.randomUUID();
        javaClient.register(topic + "-value", IndicatorSubmission.getClassSchema());
        Path record = Files.createTempFile("record", ".json");
        Files.writeString(record, """
                {"submissionId": "node-7", "party": null, "action": "REVOKE", "value": "d41d8cd98f00b204e9800998ecf8427e",
                 "type": "MD5", "tlp": "GREEN", "confidence": null, "severity": "LOW", "tags": ["empty-file"],
                 "description": "from Node", "validUntil": 1800000000000, "references": [], "groupRef": null,
                 "externalId": "misp:attr-1", "channel": "IMPORT", "submitter": null, "sourceReliability": 70,
                 "submittedAt": 1790000000999}
                """);

        byte[] bytes = Base64.getDecoder().decode(node("encode", topic, record.toString()).trim());
        IndicatorSubmission decoded = serde.deserializer().deserialize(topic, bytes);

        assertThat(bytes[0]).isZero();
        assertThat(decoded.getSubmissionId()).isEqualTo("node-7");
        assertThat(decoded.getAction()).isEqualTo(SubmissionAction.REVOKE);
        assertThat(decoded.getType()).isEqualTo(IndicatorType.MD5);
        assertThat(decoded.getTlp()).isEqualTo(Tlp.GREEN);
        assertThat(decoded.getConfidence()).isNull();
        assertThat(decoded.getDescription()).isEqualTo("from Node");
        assertThat(decoded.getValidUntil()).isEqualTo(Instant.ofEpochMilli(1_800_000_000_000L));
        assertThat(decoded.getSourceReliability()).isEqualTo(70);
        assertThat(decoded.getSubmittedAt()).isEqualTo(Instant.ofEpochMilli(1_790_000_000_999L));
    }

    @Test
    void everyCallOfTheConfluentClientGetsConfluentsAnswerDeletesAndReferencesIncluded() throws Exception {
        JsonNode results = JSON.readTree(node("calls", "interop-calls-" + UUID.randomUUID(), "-"));

        List<String> failed = new ArrayList<>();
        results.forEach(r -> {
            if (!r.get("ok").asBoolean()) {
                failed.add(r.get("call").asText() + ": " + r.get("detail").asText());
            }
        });
        System.out.printf("@confluentinc/schemaregistry: %d of %d client calls answered as Confluent's registry answers%n",
                results.size() - failed.size(), results.size());
        assertThat(results.size()).isGreaterThanOrEqualTo(35);
        assertThat(failed).as("client calls with another answer than Confluent's").isEmpty();
    }

    private String node(String command, String target, String argument) throws Exception {
        return project.node(60, "interop.mjs", command, registryUrl, target, argument);
    }
}
