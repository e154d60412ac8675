package org.caspianhub.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.caspianhub.testkit.TestPlatforms;

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
}
