package org.caspianhub.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.caspianhub.runtime.Settings;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.auth.ApiKeyStore;
import org.caspianhub.runtime.auth.Principal;
import org.caspianhub.runtime.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the TAXII server reads what a client sends: credentials, Accept, settings. */
class TaxiiRequestsTest {

    @Test
    void anApiKeyComesAsBasicPasswordBasicUserOrBearerAndEachRefusalIsATaxiiError() {
        Principal soc = new Principal("ir-soc", PartyId.of("ir"), Role.SOC);
        TaxiiAuthenticator authenticator = new TaxiiAuthenticator(ApiKeyStore.of(Map.of("demo-ir-soc", soc)));
        assertThat(authenticator.authenticate(List.of(basic("soc:demo-ir-soc")))).isEqualTo(soc);
        assertThat(authenticator.authenticate(List.of(basic("demo-ir-soc:")))).isEqualTo(soc);
        assertThat(authenticator.authenticate(List.of("Bearer demo-ir-soc"))).isEqualTo(soc);
        assertTaxiiError(() -> authenticator.authenticate(List.of("Basic !!not-base64")), 401, "the credentials presented are not valid");
        assertTaxiiError(() -> authenticator.authenticate(List.of("Digest x")), 401, "the credentials presented are not valid");
        assertTaxiiError(() -> authenticator.authenticate(List.of()), 401, "present an API key as HTTP Basic credentials");
        assertTaxiiError(() -> authenticator.authenticate(List.of("Bearer demo-ir-soc", "Bearer demo-ir-soc")), 400,
                "send exactly one Authorization header; this request has 2");
    }

    private static void assertTaxiiError(Runnable call, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(TaxiiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).startsWith(message);
        });
    }

    @Test
    void acceptMustAllowTaxii21() {
        assertThat(TaxiiMedia.acceptable(null)).isTrue();
        assertThat(TaxiiMedia.acceptable("*/*")).isTrue();
        assertThat(TaxiiMedia.acceptable("application/taxii+json")).isTrue();
        assertThat(TaxiiMedia.acceptable("application/taxii+json; version=2.1")).isTrue();
        assertThat(TaxiiMedia.acceptable("application/xml, application/taxii+json;version=2.1;q=0.9")).isTrue();
        assertThat(TaxiiMedia.acceptable("application/taxii+json;version=2.0")).isFalse();
        assertThat(TaxiiMedia.acceptable("application/stix+json;version=2.1")).isFalse();
    }

    @Test
    void settingsHaveLocalDefaultsAndRefuseNonsense() {
        TaxiiSettings defaults = TaxiiSettings.from(Settings.of(Map.of()));
        assertThat(defaults.port()).isEqualTo(8084);
        assertThat(defaults.demoKeys()).isTrue();
        assertThat(defaults.readRoles()).containsExactlyInAnyOrder(Role.SOC, Role.ANALYST);
        assertThat(defaults.keys().authenticate("demo-az-soc")).isPresent();
        assertThat(TaxiiSettings.from(Settings.of(Map.of("CASPIAN_TAXII_READ_ROLES", "soc"))).readRoles())
                .containsExactly(Role.SOC);
        assertThatThrownBy(() -> TaxiiSettings.from(Settings.of(Map.of("CASPIAN_TAXII_PAGE_SIZE", "5000"))))
                .hasMessageContaining("CASPIAN_TAXII_PAGE_SIZE");
    }

    @Test
    void listensOnThisMachineByDefaultAndBeyondItOnlyWithRealKeys(@TempDir Path dir) throws Exception {
        TaxiiSettings local = TaxiiSettings.from(Settings.of(Map.of()));
        assertThat(local.host()).isEqualTo("localhost");
        assertThat(local.demoKeys()).isTrue();
        assertThat(local.publicUrlWarning()).isEmpty();

        assertThatThrownBy(() -> TaxiiSettings.from(Settings.of(Map.of("CASPIAN_TAXII_HOST", "0.0.0.0"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("listens on 0.0.0.0").hasMessageContaining("CASPIAN_API_KEYS_FILE");

        Path keysFile = dir.resolve("api-keys.json");
        Files.writeString(keysFile, "[{\"name\": \"ir-soc\", \"party\": \"ir\", \"role\": \"soc\", \"sha256\": \""
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest("a-real-ir-soc-key".getBytes(StandardCharsets.UTF_8)))
                + "\"}]");
        TaxiiSettings withKeys = TaxiiSettings.from(Settings.of(Map.of("CASPIAN_TAXII_HOST", "0.0.0.0",
                "CASPIAN_API_KEYS_FILE", keysFile.toString())));
        assertThat(withKeys.demoKeys()).isFalse();
        assertThat(withKeys.keys().authenticate("a-real-ir-soc-key")).isPresent();
        assertThat(withKeys.keys().authenticate("demo-ir-soc")).isEmpty();

        TaxiiSettings closedTestNetwork = TaxiiSettings.from(Settings.of(Map.of("CASPIAN_TAXII_HOST", "0.0.0.0",
                "CASPIAN_ALLOW_DEMO_KEYS", "true")));
        assertThat(closedTestNetwork.keys().authenticate("demo-ir-soc")).isPresent();
    }

    @Test
    void beyondThisMachineWithoutAPublicUrlTheOperatorIsWarnedThatDiscoveryFollowsTheHostHeader() {
        TaxiiSettings open = TaxiiSettings.from(Settings.of(Map.of("CASPIAN_TAXII_HOST", "0.0.0.0",
                "CASPIAN_ALLOW_DEMO_KEYS", "true")));
        assertThat(open.publicUrlWarning()).get().asString()
                .contains("Host header").contains("CASPIAN_TAXII_PUBLIC_URL");
        TaxiiSettings behindProxy = TaxiiSettings.from(Settings.of(Map.of("CASPIAN_TAXII_HOST", "0.0.0.0",
                "CASPIAN_ALLOW_DEMO_KEYS", "true", "CASPIAN_TAXII_PUBLIC_URL", "https://taxii.cert.example")));
        assertThat(behindProxy.publicUrlWarning()).isEmpty();
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
