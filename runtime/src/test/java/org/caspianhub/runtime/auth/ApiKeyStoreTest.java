package org.caspianhub.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void aKeyFromTheFileAuthenticatesAsItsPartyAndRole() throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, "[{\"name\":\"ir-analyst-1\",\"party\":\"ir\",\"role\":\"analyst\",\"sha256\":\""
                + ApiKeyStore.sha256("s3cret-ir") + "\"}]");
        ApiKeyStore store = ApiKeyStore.load(file, Parties.defaults());

        assertThat(store.authenticate("s3cret-ir")).contains(new Principal("ir-analyst-1", PartyId.of("ir"), Role.ANALYST));
        assertThat(store.authenticate("s3cret-az")).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
        assertThat(Files.readString(file)).doesNotContain("s3cret-ir");
    }

    @Test
    void aKeyForAnUnconfiguredPartyOrWithoutAHashIsRefusedAtStartUp() throws Exception {
        Path file = dir.resolve("keys.json");
        Files.writeString(file, "[{\"name\":\"tm-1\",\"party\":\"tm\",\"role\":\"soc\",\"sha256\":\"" + "a".repeat(64) + "\"}]");
        assertThatThrownBy(() -> ApiKeyStore.load(file, Parties.defaults())).hasMessageContaining("'tm' is not configured");
        Files.writeString(file, "[{\"name\":\"ir-1\",\"party\":\"ir\",\"role\":\"soc\"}]");
        assertThatThrownBy(() -> ApiKeyStore.load(file, Parties.defaults())).hasMessageContaining("'sha256' is missing");
        Files.writeString(file, "[{\"name\":\"ir-1\",\"party\":\"ir\",\"role\":\"admin\",\"sha256\":\"" + "a".repeat(64) + "\"}]");
        assertThatThrownBy(() -> ApiKeyStore.load(file, Parties.defaults())).hasMessageContaining("analyst, feed or soc");
    }

    @Test
    void theSameKeyForTwoEntriesIsRefused() throws Exception {
        Path file = dir.resolve("keys.json");
        String hash = ApiKeyStore.sha256("shared");
        Files.writeString(file, "[{\"name\":\"ir-1\",\"party\":\"ir\",\"role\":\"soc\",\"sha256\":\"" + hash + "\"},"
                + "{\"name\":\"az-1\",\"party\":\"az\",\"role\":\"soc\",\"sha256\":\"" + hash + "\"}]");
        assertThatThrownBy(() -> ApiKeyStore.load(file, Parties.defaults())).hasMessageContaining("same key hash as 'ir-1'");
    }

    @Test
    void demoKeysServeOnlyAServiceBoundToThisMachine() {
        org.caspianhub.runtime.Settings none = org.caspianhub.runtime.Settings.of(java.util.Map.of());
        assertThat(ApiKeySource.resolve(none, Parties.defaults(), "taxii", "localhost").demo()).isTrue();
        assertThat(ApiKeySource.resolve(none, Parties.defaults(), "taxii", "127.0.0.1").demo()).isTrue();
        assertThatThrownBy(() -> ApiKeySource.resolve(none, Parties.defaults(), "taxii", "0.0.0.0"))
                .hasMessageContaining("taxii listens on 0.0.0.0").hasMessageContaining("CASPIAN_API_KEYS_FILE");
        org.caspianhub.runtime.Settings allowed = org.caspianhub.runtime.Settings.of(java.util.Map.of("CASPIAN_ALLOW_DEMO_KEYS", "true"));
        assertThat(ApiKeySource.resolve(allowed, Parties.defaults(), "taxii", "0.0.0.0").demo()).isTrue();
    }

    @Test
    void demoKeysCoverEveryPartyAndRole() {
        ApiKeyStore store = ApiKeyStore.of(ApiKeyStore.demoKeys(Parties.defaults()));
        assertThat(store.principals()).hasSize(6);
        assertThat(store.authenticate("demo-az-soc")).hasValueSatisfying(p -> {
            assertThat(p.party()).isEqualTo(PartyId.of("az"));
            assertThat(p.role()).isEqualTo(Role.SOC);
        });
    }
}
