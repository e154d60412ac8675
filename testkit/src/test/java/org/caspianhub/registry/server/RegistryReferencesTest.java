package org.caspianhub.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/**
 * Confluent's schema references: a schema may use a named type another subject version defines;
 * the reference is kept, answered back, resolved for compatibility, and never silently dropped. A
 * reference to a subject version that does not exist is refused as Confluent refuses it.
 */
class RegistryReferencesTest {

    private final RegistryCalls registry = new RegistryCalls(TestPlatforms.embedded().schemaRegistryUrl());
    private final String tag = UUID.randomUUID().toString().replace("-", "");
    private final String addressSubject = "address-" + tag;
    private final String customerSubject = "customer-" + tag + "-value";
    private final String address = "{\"type\":\"record\",\"name\":\"Address\",\"namespace\":\"ref" + tag
            + "\",\"fields\":[{\"name\":\"city\",\"type\":\"string\"}]}";

    private String customer(String... extraFields) {
        StringBuilder fields = new StringBuilder("{\"name\":\"home\",\"type\":\"ref" + tag + ".Address\"}");
        for (String field : extraFields) {
            fields.append(",{\"name\":\"").append(field).append("\",\"type\":\"int\"}");
        }
        return "{\"type\":\"record\",\"name\":\"Customer\",\"namespace\":\"ref" + tag + "\",\"fields\":[" + fields + "]}";
    }

    private String withReference(String schema, String subject, int version) {
        var body = RegistryCalls.JSON.createObjectNode().put("schema", schema);
        body.putArray("references").addObject().put("name", "ref" + tag + ".Address").put("subject", subject)
                .put("version", version);
        return body.toString();
    }

    @Test
    void aSchemaUsingAReferencedTypeIsRegisteredAndAnswersItsReferences() throws Exception {
        registry.register(addressSubject, address);

        RegistryCalls.Answer registered = registry.call("POST", "/subjects/" + customerSubject + "/versions",
                withReference(customer(), addressSubject, 1));

        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        int id = registered.body().get("id").asInt();
        RegistryCalls.Answer byId = registry.call("GET", "/schemas/ids/" + id, null);
        assertThat(byId.body().get("references").get(0).get("subject").asText()).isEqualTo(addressSubject);
        assertThat(byId.body().get("schema").asText()).as("the referenced type is named, not inlined")
                .doesNotContain("city");
        RegistryCalls.Answer latest = registry.call("GET", "/subjects/" + customerSubject + "/versions/latest", null);
        assertThat(latest.body().get("references").get(0).get("version").asInt()).isEqualTo(1);
        assertThat(registry.call("POST", "/subjects/" + customerSubject, withReference(customer(), addressSubject, 1))
                .body().get("id").asInt()).isEqualTo(id);
        assertThat(registry.call("GET", "/subjects/" + addressSubject + "/versions/1/referencedby", null).body())
                .extracting(n -> n.asInt()).containsExactly(id);

        // compatibility is checked on the resolved schemas: a required field is refused under BACKWARD
        RegistryCalls.Answer check = registry.call("POST", "/compatibility/subjects/" + customerSubject + "/versions/latest",
                withReference(customer("age"), addressSubject, 1));
        assertThat(check.body().get("is_compatible").asBoolean()).isFalse();

        // a referenced version cannot be deleted while a live schema uses it (42206)
        assertThat(registry.call("DELETE", "/subjects/" + addressSubject + "/versions/1", null).errorCode()).isEqualTo(42206);
    }

    @Test
    void aReferenceToAMissingSubjectOrVersionIsRefusedNotDropped() throws Exception {
        RegistryCalls.Answer missingSubject = registry.call("POST", "/subjects/" + customerSubject + "/versions",
                withReference(customer(), "never-" + tag, 1));
        assertThat(missingSubject.status()).isEqualTo(422);
        assertThat(missingSubject.errorCode()).isEqualTo(42201);
        assertThat(missingSubject.body().get("message").asText()).contains("No schema reference found for subject \"never-" + tag);

        registry.register(addressSubject, address);
        RegistryCalls.Answer missingVersion = registry.call("POST", "/subjects/" + customerSubject + "/versions",
                withReference(customer(), addressSubject, 7));
        assertThat(missingVersion.errorCode()).isEqualTo(42201);
        assertThat(missingVersion.body().get("message").asText()).contains("and version 7");

        // a schema that needs no type from the reference still keeps it
        RegistryCalls.Answer unused = registry.call("POST", "/subjects/" + customerSubject + "/versions",
                withReference("\"string\"", addressSubject, 1));
        assertThat(unused.status()).isEqualTo(200);
        assertThat(registry.call("GET", "/schemas/ids/" + unused.body().get("id").asInt(), null).body().get("references"))
                .hasSize(1);
        assertThat(registry.call("GET", "/subjects", null).body()).extracting(n -> n.asText()).contains(customerSubject);
    }

    @Test
    void aReplayResolvesReferencesToVersionsWhoseRecordCompactionMovedLater() throws Exception {
        // Soft-deleting the referencing version, then the referenced one, rewrites both records; once
        // compaction drops the first ones the referencing record comes first in the log.
        String topic = "_schemas-compacted-" + UUID.randomUUID();
        String bootstrap = TestPlatforms.embedded().bootstrapServers();
        String customerRecord = RegistryCalls.JSON.createObjectNode().put("subject", customerSubject).put("version", 1)
                .put("id", 2).put("schemaType", "AVRO").put("schema", customer())
                .set("references", RegistryCalls.JSON.readTree(withReference(customer(), addressSubject, 1)).get("references"))
                .toString();
        customerRecord = ((com.fasterxml.jackson.databind.node.ObjectNode) RegistryCalls.JSON.readTree(customerRecord))
                .put("deleted", true).toString();
        String addressRecord = RegistryCalls.JSON.createObjectNode().put("subject", addressSubject).put("version", 1)
                .put("id", 1).put("schemaType", "AVRO").put("schema", address).put("deleted", true).toString();
        PlatformSettings platform = PlatformSettings.from(Settings.of(Map.of("CASPIAN_KAFKA_BOOTSTRAP", bootstrap)));
        try (SchemaRegistryServer creator = new SchemaRegistryServer(new RegistrySettings("localhost", 0, topic, platform));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                     new StringSerializer(), new StringSerializer())) {
            creator.start(); // creates the topic, empty
            producer.send(new ProducerRecord<>(topic, 0, schemaKey(customerSubject), customerRecord)).get();
            producer.send(new ProducerRecord<>(topic, 0, schemaKey(addressSubject), addressRecord)).get();
        }

        try (SchemaRegistryServer restarted = new SchemaRegistryServer(new RegistrySettings("localhost", 0, topic, platform))) {
            restarted.start();
            RegistryCalls calls = new RegistryCalls(restarted.url());
            RegistryCalls.Answer customer = calls.call("GET", "/subjects/" + customerSubject + "/versions/1?deleted=true", null);
            assertThat(customer.status()).as(customer.body().toString()).isEqualTo(200);
            assertThat(customer.body().get("references").get(0).get("subject").asText()).isEqualTo(addressSubject);
            assertThat(calls.call("GET", "/schemas/ids/2", null).status()).as("its id still decodes").isEqualTo(200);
        }
    }

    private static String schemaKey(String subject) {
        return RegistryCalls.JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", 1)
                .put("magic", 1).toString();
    }
}
