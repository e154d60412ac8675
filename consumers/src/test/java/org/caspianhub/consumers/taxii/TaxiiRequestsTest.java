package org.caspianhub.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.auth.Role;
import org.junit.jupiter.api.Test;

/** How the TAXII server reads what a client sends: credentials, Accept, settings. */
class TaxiiRequestsTest {

    @Test
    void anApiKeyComesAsBasicPasswordBasicUserOrBearer() {
        assertThat(TaxiiAuthenticator.key(basic("soc:demo-ir-soc"))).contains("demo-ir-soc");
        assertThat(TaxiiAuthenticator.key(basic("demo-ir-soc:"))).contains("demo-ir-soc");
        assertThat(TaxiiAuthenticator.key("Bearer demo-ir-soc")).contains("demo-ir-soc");
        assertThat(TaxiiAuthenticator.key("Basic !!not-base64")).isEmpty();
        assertThat(TaxiiAuthenticator.key("Digest x")).isEmpty();
        assertThat(TaxiiAuthenticator.key(null)).isEmpty();
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

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
