package org.caspianhub.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/** Every error a client can provoke gets Confluent's status and error code, and the registry keeps serving. */
class RegistryHttpErrorsTest {

    private final RegistryCalls registry = new RegistryCalls(TestPlatforms.embedded().schemaRegistryUrl());
    private final String subject = "errors-" + UUID.randomUUID() + "-value";

    private RegistryCalls.Answer call(String method, String path, String body) throws Exception {
        return registry.call(method, path, body);
    }

    private static String schemaBody(String schema) {
        return RegistryCalls.schemaBody(schema);
    }

    @Test
    void malformedJsonIs400AndTheRegistryKeepsServing() throws Exception {
        RegistryCalls.Answer answer = call("POST", "/subjects/" + subject + "/versions", "{\"schema\": ");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.errorCode()).isEqualTo(400);
        assertThat(answer.body().path("message").asText()).contains("not valid JSON");

        RegistryCalls.Answer next = call("POST", "/subjects/" + subject + "/versions",
                schemaBody(IndicatorSubmission.getClassSchema().toString()));
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.body().path("id").asInt()).isPositive();
    }

    @Test
    void anInvalidAvroSchemaIs42201WithTheParsersReason() throws Exception {
        RegistryCalls.Answer notAvro = call("POST", "/subjects/" + subject + "/versions", schemaBody("{\"type\": \"recordd\", \"name\": \"X\"}"));
        assertThat(notAvro.status()).isEqualTo(422);
        assertThat(notAvro.errorCode()).isEqualTo(42201);
        assertThat(notAvro.body().path("message").asText()).contains("recordd");

        RegistryCalls.Answer badDefault = call("POST", "/subjects/" + subject + "/versions", schemaBody(
                "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"n\",\"type\":\"int\",\"default\":\"ten\"}]}"));
        assertThat(badDefault.errorCode()).isEqualTo(42201);

        RegistryCalls.Answer missing = call("POST", "/subjects/" + subject + "/versions", "{}");
        assertThat(missing.errorCode()).isEqualTo(42201);

        RegistryCalls.Answer protobuf = call("POST", "/subjects/" + subject + "/versions",
                "{\"schemaType\":\"PROTOBUF\",\"schema\":\"syntax = \\\"proto3\\\";\"}");
        assertThat(protobuf.errorCode()).isEqualTo(42201);
        assertThat(protobuf.body().path("message").asText()).contains("only AVRO");
    }

    @Test
    void anIncompatibleSchemaIs409NamingTheProblem() throws Exception {
        String v1 = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
        String requiredFieldAdded = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                + "{\"name\":\"b\",\"type\":\"int\"}]}";
        assertThat(call("POST", "/subjects/" + subject + "/versions", schemaBody(v1)).status()).isEqualTo(200);

        RegistryCalls.Answer answer = call("POST", "/subjects/" + subject + "/versions", schemaBody(requiredFieldAdded));
        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.errorCode()).isEqualTo(409);
        assertThat(answer.body().path("message").asText()).contains("READER_FIELD_MISSING_DEFAULT").contains("/fields/1");

        RegistryCalls.Answer check = call("POST", "/compatibility/subjects/" + subject + "/versions/latest?verbose=true",
                schemaBody(requiredFieldAdded));
        assertThat(check.status()).isEqualTo(200);
        assertThat(check.body().path("is_compatible").asBoolean()).isFalse();
        assertThat(check.body().path("messages")).isNotEmpty();
    }

    @Test
    void unknownIdsSubjectsAndVersionsAre404WithConfluentCodes() throws Exception {
        RegistryCalls.Answer id = call("GET", "/schemas/ids/987654", null);
        assertThat(id.status()).isEqualTo(404);
        assertThat(id.errorCode()).isEqualTo(40403);

        RegistryCalls.Answer subjectVersions = call("GET", "/subjects/never-" + UUID.randomUUID() + "/versions", null);
        assertThat(subjectVersions.status()).isEqualTo(404);
        assertThat(subjectVersions.errorCode()).isEqualTo(40401);

        call("POST", "/subjects/" + subject + "/versions", schemaBody("\"string\""));
        RegistryCalls.Answer version = call("GET", "/subjects/" + subject + "/versions/7", null);
        assertThat(version.status()).isEqualTo(404);
        assertThat(version.errorCode()).isEqualTo(40402);

        RegistryCalls.Answer badVersion = call("GET", "/subjects/" + subject + "/versions/first", null);
        assertThat(badVersion.status()).isEqualTo(422);
        assertThat(badVersion.errorCode()).isEqualTo(42202);

        RegistryCalls.Answer lookup = call("POST", "/subjects/" + subject, schemaBody("\"long\""));
        assertThat(lookup.status()).isEqualTo(404);
        assertThat(lookup.errorCode()).isEqualTo(40403);

        RegistryCalls.Answer level = call("PUT", "/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}");
        assertThat(level.status()).isEqualTo(422);
        assertThat(level.errorCode()).isEqualTo(42203);
    }
}
