package org.caspianhub.consumers.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.auth.Role;
import org.junit.jupiter.api.Test;

/** The TAXII server's settings as an operator writes them: local defaults, and a bad value named with what it allows. */
class TaxiiSettingsTest {

    private static TaxiiSettings settings(Map<String, String> values) {
        return TaxiiSettings.from(Settings.of(values));
    }

    @Test
    void defaultsRunLocally() {
        TaxiiSettings settings = settings(Map.of());
        assertThat(settings.host()).isEqualTo("localhost");
        assertThat(settings.port()).isEqualTo(8084);
        assertThat(settings.management().port()).isEqualTo(9084);
        assertThat(settings.readRoles()).containsExactlyInAnyOrder(Role.SOC, Role.ANALYST);
        assertThat(settings.defaultPageSize()).isEqualTo(100);
        assertThat(settings.maxPageSize()).isEqualTo(1000);
        assertThat(settings.stateDirectory()).isEqualTo(Path.of("data", "taxii"));
        assertThat(settings.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(settings.indexMemoryBytes()).isEqualTo(64L << 20);
        assertThat(settings.settleTime()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.publicUrl()).isNull();
    }

    @Test
    void theStateDirectoryFollowsTheDataDirectoryAndAFreePortFreesTheManagementPortToo() {
        TaxiiSettings settings = settings(Map.of("CASPIAN_DATA_DIR", "/var/lib/caspian", "CASPIAN_TAXII_PORT", "0"));
        assertThat(settings.stateDirectory()).isEqualTo(Path.of("/var/lib/caspian/taxii"));
        assertThat(settings.management().port()).as("two tests on one machine must not both take 9084").isZero();
        assertThat(settings(Map.of("CASPIAN_TAXII_PORT", "0", "CASPIAN_TAXII_MANAGEMENT_PORT", "9999")).management().port())
                .isEqualTo(9999);
    }

    @Test
    void badValuesFailStartUpNamingTheSettingAndWhatItAllows() {
        assertThatThrownBy(() -> settings(Map.of("CASPIAN_TAXII_INDEX_MEMORY_MB", "4")))
                .hasMessage("setting CASPIAN_TAXII_INDEX_MEMORY_MB must be at least 8, got '4'");
        assertThatThrownBy(() -> settings(Map.of("CASPIAN_TAXII_SETTLE_TIME", "-1s")))
                .hasMessage("setting CASPIAN_TAXII_SETTLE_TIME must be at least 0s, got '-1s'");
        assertThatThrownBy(() -> settings(Map.of("CASPIAN_TAXII_PAGE_SIZE", "0")))
                .hasMessage("setting CASPIAN_TAXII_PAGE_SIZE must be at least 1, got '0'");
        assertThatThrownBy(() -> settings(Map.of("CASPIAN_TAXII_PAGE_SIZE", "500", "CASPIAN_TAXII_MAX_PAGE_SIZE", "100")))
                .hasMessageContaining("CASPIAN_TAXII_PAGE_SIZE <= CASPIAN_TAXII_MAX_PAGE_SIZE");
        assertThatThrownBy(() -> settings(Map.of("CASPIAN_TAXII_MANAGEMENT_PORT", "65536")))
                .hasMessage("setting CASPIAN_TAXII_MANAGEMENT_PORT must be a port from 0 to 65535, got '65536'");
    }
}
