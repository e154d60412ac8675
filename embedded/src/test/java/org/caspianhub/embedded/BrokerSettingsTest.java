package org.caspianhub.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.caspianhub.registry.server.RegistrySettings;
import org.caspianhub.runtime.Settings;
import org.junit.jupiter.api.Test;

/** The local hub's broker and registry settings: the ports that run locally, and what a bad value is told. */
class BrokerSettingsTest {

    @Test
    void defaultsRunLocallyAndEveryPortCanBeMoved() {
        BrokerSettings local = BrokerSettings.from(Settings.of(Map.of()));
        assertThat(local.brokerPort()).isEqualTo(9092);
        assertThat(local.controllerPort()).isEqualTo(9093);
        assertThat(local.dataDirectory()).as("temporary unless kept").isEmpty();
        assertThat(local.brokers()).isEqualTo(1);
        assertThat(RegistrySettings.from(Settings.of(Map.of())).port()).isEqualTo(8081);

        BrokerSettings moved = BrokerSettings.from(Settings.of(Map.of("CASPIAN_BROKER_PORT", "19092",
                "CASPIAN_CONTROLLER_PORT", "19093", "CASPIAN_BROKER_DATA", "/tmp/kafka", "CASPIAN_BROKERS", "3")));
        assertThat(moved.brokerPort()).isEqualTo(19092);
        assertThat(moved.controllerPort()).isEqualTo(19093);
        assertThat(moved.dataDirectory()).contains(Path.of("/tmp/kafka"));
        assertThat(moved.brokers()).isEqualTo(3);
        assertThat(RegistrySettings.from(Settings.of(Map.of("CASPIAN_REGISTRY_PORT", "0"))).port()).isZero();
    }

    @Test
    void aBadValueNamesItsSettingAndWhatItAllows() {
        assertThatThrownBy(() -> BrokerSettings.from(Settings.of(Map.of("CASPIAN_BROKERS", "2"))))
                .hasMessage("setting CASPIAN_BROKERS must be 1 or 3, got '2'");
        assertThatThrownBy(() -> BrokerSettings.from(Settings.of(Map.of("CASPIAN_BROKER_PORT", "-1"))))
                .hasMessage("setting CASPIAN_BROKER_PORT must be a port from 0 to 65535, got '-1'");
        assertThatThrownBy(() -> RegistrySettings.from(Settings.of(Map.of("CASPIAN_REGISTRY_PORT", "http"))))
                .hasMessage("setting CASPIAN_REGISTRY_PORT must be a port from 0 to 65535, got 'http'");
    }
}
