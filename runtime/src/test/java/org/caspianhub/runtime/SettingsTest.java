package org.caspianhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void valuesAreTypedWithLocalDefaults() {
        Settings settings = Settings.of(Map.of("CASPIAN_GATEWAY_PORT", "9090", "CASPIAN_RETRY", "250ms",
                "CASPIAN_LIFETIME", "30d", "CASPIAN_ON", "yes", "CASPIAN_LIST", "a, b,,c"));
        assertThat(settings.integer("CASPIAN_GATEWAY_PORT", 8080)).isEqualTo(9090);
        assertThat(settings.integer("CASPIAN_OTHER_PORT", 8080)).isEqualTo(8080);
        assertThat(settings.duration("CASPIAN_RETRY", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.duration("CASPIAN_LIFETIME", Duration.ZERO)).isEqualTo(Duration.ofDays(30));
        assertThat(settings.bool("CASPIAN_ON", false)).isTrue();
        assertThat(settings.list("CASPIAN_LIST", List.of())).containsExactly("a", "b", "c");
    }

    @Test
    void aMalformedValueNamesTheSettingAndTheValue() {
        Settings settings = Settings.of(Map.of("CASPIAN_GATEWAY_PORT", "eighty", "CASPIAN_RETRY", "soon"));
        assertThatThrownBy(() -> settings.integer("CASPIAN_GATEWAY_PORT", 8080))
                .hasMessage("setting CASPIAN_GATEWAY_PORT must be an integer, got 'eighty'");
        assertThatThrownBy(() -> settings.duration("CASPIAN_RETRY", Duration.ZERO))
                .hasMessageContaining("CASPIAN_RETRY").hasMessageContaining("'soon'");
    }

    @Test
    void thePartyTopicsCodecIsASettingGzipByDefault() {
        assertThat(PlatformSettings.from(Settings.of(Map.of())).topicLayout().partyCompression()).isEqualTo("gzip");
        assertThat(PlatformSettings.from(Settings.of(Map.of("CASPIAN_PARTY_TOPIC_COMPRESSION", "ZSTD")))
                .topicLayout().partyCompression()).isEqualTo("zstd");
        assertThatThrownBy(() -> PlatformSettings.from(Settings.of(Map.of("CASPIAN_PARTY_TOPIC_COMPRESSION", "brotli"))))
                .hasMessageContaining("CASPIAN_PARTY_TOPIC_COMPRESSION").hasMessageContaining("'brotli'")
                .hasMessageContaining("gzip");
    }

    @Test
    void servicesKeepTheirStateUnderOneDataDirectory() {
        assertThat(PlatformSettings.from(Settings.of(Map.of())).stateDirectory("taxii")).isEqualTo(java.nio.file.Path.of("data", "taxii"));
        assertThat(PlatformSettings.from(Settings.of(Map.of("CASPIAN_DATA_DIR", "/var/lib/caspian"))).stateDirectory("gateway"))
                .isEqualTo(java.nio.file.Path.of("/var/lib/caspian/gateway"));
        assertThat(Settings.of(Map.of("CASPIAN_X", "set")).withDefaults(Map.of("CASPIAN_X", "default", "CASPIAN_Y", "default"))
                .string("CASPIAN_X", "")).as("a default never overrides what is set").isEqualTo("set");
    }

    @Test
    void laterValuesOverrideEarlierOnesAndSecretsStayHidden() {
        Settings settings = Settings.of(Map.of("CASPIAN_X", "1", "CASPIAN_SECRET", "hunter2")).with(Map.of("CASPIAN_X", "2"));
        assertThat(settings.integer("CASPIAN_X", 0)).isEqualTo(2);
        Secret secret = settings.secret("CASPIAN_SECRET").orElseThrow();
        assertThat(secret.reveal()).isEqualTo("hunter2");
        assertThat(secret.toString()).doesNotContain("hunter2");
        assertThat(PlatformSettings.from(Settings.of(Map.of("CASPIAN_SCHEMA_REGISTRY_AUTH", "user:pw"))).toString())
                .doesNotContain("pw");
    }
}
