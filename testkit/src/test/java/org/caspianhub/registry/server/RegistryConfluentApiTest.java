package org.caspianhub.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.registry.server.RegistryCalls.record;
import static org.caspianhub.registry.server.RegistryCalls.schemaBody;

import java.util.UUID;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/** Where the registry's answers used to differ from Confluent's API, in the calls clients make. */
class RegistryConfluentApiTest {

    private final RegistryCalls registry = new RegistryCalls(TestPlatforms.embedded().schemaRegistryUrl());
    private final String subject = "api-" + UUID.randomUUID() + "-value";

    @Test
    void aSubjectWithoutItsOwnConfigIs40408UnlessDefaultToGlobal() throws Exception {
        registry.register(subject, record("Probe", "a"));

        RegistryCalls.Answer own = registry.call("GET", "/config/" + subject, null);
        assertThat(own.status()).isEqualTo(404);
        assertThat(own.errorCode()).isEqualTo(40408);
        assertThat(registry.call("GET", "/config/" + subject + "?defaultToGlobal=true", null).body()
                .get("compatibilityLevel").asText()).isNotEmpty();
    }

    @Test
    void putConfigTakesCompatibilityLevelAndNormalizeAlone() throws Exception {
        RegistryCalls.Answer level = registry.call("PUT", "/config/" + subject, "{\"compatibilityLevel\":\"FULL\"}");
        assertThat(level.status()).as(level.body().toString()).isEqualTo(200);
        assertThat(level.body().get("compatibility").asText()).isEqualTo("FULL");

        RegistryCalls.Answer normalize = registry.call("PUT", "/config/" + subject, "{\"normalize\":true}");
        assertThat(normalize.status()).as(normalize.body().toString()).isEqualTo(200);
        assertThat(normalize.body().get("normalize").asBoolean()).isTrue();
        assertThat(normalize.body().get("compatibility").asText()).as("an update keeps what it does not name").isEqualTo("FULL");

        RegistryCalls.Answer config = registry.call("GET", "/config/" + subject, null);
        assertThat(config.body().get("compatibilityLevel").asText()).isEqualTo("FULL");
        assertThat(config.body().get("normalize").asBoolean()).isTrue();
        assertThat(registry.call("PUT", "/config/" + subject, "{\"compatibility\":\"SIDEWAYS\"}").errorCode()).isEqualTo(42203);
    }

    @Test
    void compatibilityAgainstAllVersionsMakesTheChecksARegistrationMakes() throws Exception {
        String twoFields = record("Probe", "a", "b");
        String requiredAdded = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                + "{\"name\":\"c\",\"type\":\"int\"}]}";
        assertThat(registry.call("POST", "/compatibility/subjects/" + subject + "/versions", schemaBody(twoFields))
                .body().get("is_compatible").asBoolean()).as("nothing to be incompatible with yet").isTrue();
        registry.register(subject, record("Probe", "a"));

        RegistryCalls.Answer compatible = registry.call("POST", "/compatibility/subjects/" + subject + "/versions",
                schemaBody(twoFields));
        RegistryCalls.Answer incompatible = registry.call("POST",
                "/compatibility/subjects/" + subject + "/versions?verbose=true", schemaBody(requiredAdded));

        assertThat(compatible.status()).isEqualTo(200);
        assertThat(compatible.body().get("is_compatible").asBoolean()).isTrue();
        assertThat(incompatible.body().get("is_compatible").asBoolean()).isFalse();
        assertThat(incompatible.body().get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT");
        assertThat(registry.call("POST", "/subjects/" + subject + "/versions", schemaBody(requiredAdded)).status())
                .as("the registration refuses what the check refused").isEqualTo(409);
    }

    @Test
    void compatibilityAgainstASubjectThatDoesNotExistAnswersAsConfluentsRegistry() throws Exception {
        String never = "never-" + UUID.randomUUID();
        // Confluent (since 2020, CompatibilityResource): "latest" of an empty subject is compatible; a numbered
        // version that does not exist is 40402
        RegistryCalls.Answer latest = registry.call("POST", "/compatibility/subjects/" + never + "/versions/latest",
                schemaBody(record("Probe", "a")));
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.body().get("is_compatible").asBoolean()).isTrue();
        RegistryCalls.Answer numbered = registry.call("POST", "/compatibility/subjects/" + never + "/versions/1",
                schemaBody(record("Probe", "a")));
        assertThat(numbered.status()).isEqualTo(404);
        assertThat(numbered.errorCode()).isEqualTo(40402);
    }

    @Test
    void unknownPathsAnswerConfluentsJsonError() throws Exception {
        RegistryCalls.Answer path = registry.call("GET", "/no/such/path", null);
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.errorCode()).isEqualTo(404);
        assertThat(path.body().get("message").asText()).contains("Not Found");

        RegistryCalls.Answer method = registry.call("PATCH", "/subjects", "{}");
        assertThat(method.status()).isIn(404, 405);
        assertThat(method.errorCode()).isEqualTo(method.status());
    }
}
