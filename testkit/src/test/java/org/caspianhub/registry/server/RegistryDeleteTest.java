package org.caspianhub.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.registry.server.RegistryCalls.record;

import java.util.Map;
import java.util.UUID;
import org.caspianhub.runtime.PlatformSettings;
import org.caspianhub.runtime.Settings;
import org.caspianhub.testkit.TestPlatforms;
import org.junit.jupiter.api.Test;

/**
 * Confluent's delete semantics on the real registry: soft delete first, then {@code ?permanent=true};
 * 40404/40405/40406/40407 where Confluent answers them; {@code ?deleted=true} on listings; subject
 * configs deleted; and all of it kept in the registry's topic across a restart.
 */
class RegistryDeleteTest {

    private final RegistryCalls registry = new RegistryCalls(TestPlatforms.embedded().schemaRegistryUrl());
    private final String subject = "delete-" + UUID.randomUUID() + "-value";

    @Test
    void aSubjectIsSoftDeletedThenPermanentlyDeletedWithConfluentsCodes() throws Exception {
        int v1 = registry.register(subject, record("Probe", "a"));
        int v2 = registry.register(subject, record("Probe", "a", "b"));

        RegistryCalls.Answer notFirst = registry.call("DELETE", "/subjects/" + subject + "?permanent=true", null);
        assertThat(notFirst.status()).isEqualTo(404);
        assertThat(notFirst.errorCode()).as("permanent before soft").isEqualTo(40405);

        RegistryCalls.Answer soft = registry.call("DELETE", "/subjects/" + subject, null);
        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.body()).extracting(n -> n.asInt()).containsExactly(1, 2);

        assertThat(registry.call("GET", "/subjects", null).body()).extracting(n -> n.asText()).doesNotContain(subject);
        assertThat(registry.call("GET", "/subjects?deleted=true", null).body()).extracting(n -> n.asText()).contains(subject);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions", null).errorCode()).isEqualTo(40401);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions?deleted=true", null).body())
                .extracting(n -> n.asInt()).containsExactly(1, 2);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions/2", null).errorCode()).isEqualTo(40401);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions/2?deleted=true", null).body().get("id").asInt())
                .isEqualTo(v2);
        assertThat(registry.call("GET", "/schemas/ids/" + v1, null).status())
                .as("a soft-deleted schema still decodes by id").isEqualTo(200);

        RegistryCalls.Answer again = registry.call("DELETE", "/subjects/" + subject, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.errorCode()).as("soft delete of a soft-deleted subject").isEqualTo(40404);

        RegistryCalls.Answer permanent = registry.call("DELETE", "/subjects/" + subject + "?permanent=true", null);
        assertThat(permanent.status()).isEqualTo(200);
        assertThat(permanent.body()).extracting(n -> n.asInt()).containsExactly(1, 2);
        assertThat(registry.call("GET", "/subjects?deleted=true", null).body()).extracting(n -> n.asText()).doesNotContain(subject);
        assertThat(registry.call("DELETE", "/subjects/" + subject, null).errorCode()).isEqualTo(40401);

        int again1 = registry.register(subject, record("Probe", "a", "b", "c"));
        assertThat(again1).as("ids are never handed out twice").isGreaterThan(Math.max(v1, v2));
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions", null).body()).extracting(n -> n.asInt())
                .as("a permanently deleted subject starts again at version 1").containsExactly(1);
    }

    @Test
    void aVersionIsSoftDeletedThenPermanentlyDeleted() throws Exception {
        registry.register(subject, record("Probe", "a"));
        int v2 = registry.register(subject, record("Probe", "a", "b"));

        RegistryCalls.Answer notFirst = registry.call("DELETE", "/subjects/" + subject + "/versions/2?permanent=true", null);
        assertThat(notFirst.status()).isEqualTo(404);
        assertThat(notFirst.errorCode()).isEqualTo(40407);

        RegistryCalls.Answer soft = registry.call("DELETE", "/subjects/" + subject + "/versions/latest", null);
        assertThat(soft.status()).isEqualTo(200);
        assertThat(soft.body().asInt()).isEqualTo(2);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions", null).body()).extracting(n -> n.asInt())
                .containsExactly(1);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions/latest", null).body().get("version").asInt())
                .isEqualTo(1);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions?deletedOnly=true", null).body())
                .extracting(n -> n.asInt()).containsExactly(2);
        assertThat(registry.call("GET", "/subjects?deletedOnly=true", null).body()).extracting(n -> n.asText()).contains(subject);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions/2", null).errorCode()).isEqualTo(40402);
        assertThat(registry.call("POST", "/subjects/" + subject, RegistryCalls.schemaBody(record("Probe", "a", "b")))
                .errorCode()).isEqualTo(40403);
        assertThat(registry.call("POST", "/subjects/" + subject + "?deleted=true",
                RegistryCalls.schemaBody(record("Probe", "a", "b"))).body().get("version").asInt()).isEqualTo(2);

        RegistryCalls.Answer again = registry.call("DELETE", "/subjects/" + subject + "/versions/2", null);
        assertThat(again.errorCode()).isEqualTo(40406);

        int v3 = registry.register(subject, record("Probe", "a", "b"));
        assertThat(v3).as("the same schema again gets its id back, as a new version").isEqualTo(v2);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions?deleted=true", null).body())
                .extracting(n -> n.asInt()).containsExactly(1, 2, 3);

        RegistryCalls.Answer permanent = registry.call("DELETE", "/subjects/" + subject + "/versions/2?permanent=true", null);
        assertThat(permanent.status()).isEqualTo(200);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions/2?deleted=true", null).errorCode()).isEqualTo(40402);
        assertThat(registry.call("DELETE", "/subjects/" + subject + "/versions/9", null).errorCode()).isEqualTo(40402);
        assertThat(registry.call("DELETE", "/subjects/never-" + UUID.randomUUID() + "/versions/1", null).errorCode())
                .isEqualTo(40401);
        assertThat(registry.call("DELETE", "/subjects/" + subject + "/versions/first", null).errorCode()).isEqualTo(42202);
    }

    @Test
    void aSoftDeletedVersionNoLongerConstrainsWhatFollows() throws Exception {
        String intB = "{\"type\":\"record\",\"name\":\"Probe\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                + "{\"name\":\"b\",\"type\":\"int\"}]}";
        String stringB = record("Probe", "a", "b"); // b a string: cannot read data written with b an int
        registry.call("PUT", "/config/" + subject, "{\"compatibility\":\"NONE\"}");
        registry.register(subject, record("Probe", "a"));
        registry.register(subject, intB);
        registry.call("PUT", "/config/" + subject, "{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
        assertThat(registry.call("POST", "/subjects/" + subject + "/versions", RegistryCalls.schemaBody(stringB)).status())
                .isEqualTo(409);

        registry.call("DELETE", "/subjects/" + subject + "/versions/2", null);

        assertThat(registry.call("POST", "/compatibility/subjects/" + subject + "/versions", RegistryCalls.schemaBody(stringB))
                .body().get("is_compatible").asBoolean()).isTrue();
        assertThat(registry.call("POST", "/subjects/" + subject + "/versions", RegistryCalls.schemaBody(stringB)).status())
                .isEqualTo(200);
        assertThat(registry.call("GET", "/subjects/" + subject + "/versions", null).body()).extracting(n -> n.asInt())
                .containsExactly(1, 3);
    }

    @Test
    void aSubjectConfigIsDeletedAndThenFallsBackToTheGlobalLevel() throws Exception {
        registry.register(subject, record("Probe", "a"));
        assertThat(registry.call("DELETE", "/config/" + subject, null).errorCode())
                .as("no config of its own to delete").isEqualTo(40401);
        registry.call("PUT", "/config/" + subject, "{\"compatibility\":\"FULL\"}");

        RegistryCalls.Answer deleted = registry.call("DELETE", "/config/" + subject, null);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("compatibilityLevel").asText()).isEqualTo("FULL");
        assertThat(registry.call("GET", "/config/" + subject, null).errorCode()).isEqualTo(40408);
        assertThat(registry.call("GET", "/config/" + subject + "?defaultToGlobal=true", null).body()
                .get("compatibilityLevel").asText()).isEqualTo(registry.call("GET", "/config", null).body()
                .get("compatibilityLevel").asText());
    }

    @Test
    void deletesSurviveARestart() throws Exception {
        String topic = "_schemas-deletes-" + UUID.randomUUID();
        PlatformSettings platform = PlatformSettings.from(Settings.of(Map.of(
                "CASPIAN_KAFKA_BOOTSTRAP", TestPlatforms.embedded().bootstrapServers())));
        int gone;
        try (SchemaRegistryServer first = new SchemaRegistryServer(new RegistrySettings("localhost", 0, topic, platform))) {
            first.start();
            RegistryCalls calls = new RegistryCalls(first.url());
            calls.register("soft", record("Soft", "a"));
            calls.register("versions", record("V", "a"));
            calls.register("versions", record("V", "a", "b"));
            gone = calls.register("hard", record("Hard", "a"));
            calls.call("PUT", "/config/hard", "{\"compatibility\":\"NONE\"}");
            calls.call("PUT", "/config/configured", "{\"compatibility\":\"FULL\"}");
            calls.call("DELETE", "/config/configured", null);
            calls.call("DELETE", "/subjects/soft", null);
            assertThat(calls.call("DELETE", "/subjects/versions/versions/1", null).status()).isEqualTo(200);
            calls.call("DELETE", "/subjects/hard", null);
            assertThat(calls.call("DELETE", "/subjects/hard?permanent=true", null).status()).isEqualTo(200);
        }

        try (SchemaRegistryServer second = new SchemaRegistryServer(new RegistrySettings("localhost", 0, topic, platform))) {
            second.start();
            RegistryCalls calls = new RegistryCalls(second.url());
            assertThat(calls.call("GET", "/subjects", null).body()).extracting(n -> n.asText()).containsExactly("versions");
            assertThat(calls.call("GET", "/subjects?deleted=true", null).body()).extracting(n -> n.asText())
                    .containsExactly("soft", "versions");
            assertThat(calls.call("GET", "/subjects/versions/versions", null).body()).extracting(n -> n.asInt())
                    .containsExactly(2);
            assertThat(calls.call("DELETE", "/subjects/soft", null).errorCode()).isEqualTo(40404);
            assertThat(calls.call("GET", "/schemas/ids/" + gone, null).errorCode()).isEqualTo(40403);
            assertThat(calls.call("GET", "/config/hard", null).errorCode()).as("a permanent delete takes the config too")
                    .isEqualTo(40408);
            assertThat(calls.call("GET", "/config/configured", null).errorCode()).isEqualTo(40408);
            assertThat(calls.register("new", record("New", "a"))).as("no id comes back after a restart").isGreaterThan(gone);
        }
    }
}
