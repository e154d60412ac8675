package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.auth.ApiKeyStore;
import org.caspianhub.runtime.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's configuration as an operator writes it: which API keys are in force (the guessable
 * demo keys only on loopback), and a status table of its own for every replica.
 */
class GatewaySettingsTest {

    @TempDir
    Path dir;

    private static GatewaySettings settings(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(Map.of("CASPIAN_PARTIES", "ir,az", "CASPIAN_AMBER_AGREEMENTS", "ir:az"));
        all.putAll(values);
        return GatewaySettings.from(Settings.of(all));
    }

    @Test
    void demoKeysServeOnlyOnLoopbackUnlessExplicitlyAllowed() {
        GatewaySettings local = settings(Map.of());
        assertThat(local.apiKeys().demo()).isTrue();
        assertThat(local.apiKeys().store().authenticate("demo-ir-analyst")).hasValueSatisfying(p -> {
            assertThat(p.party().value()).isEqualTo("ir");
            assertThat(p.role()).isEqualTo(Role.ANALYST);
        });
        assertThat(settings(Map.of("CASPIAN_GATEWAY_HOST", "127.0.0.1")).apiKeys().demo()).isTrue();

        assertThatThrownBy(() -> settings(Map.of("CASPIAN_GATEWAY_HOST", "0.0.0.0")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gateway listens on 0.0.0.0")
                .hasMessageContaining("CASPIAN_API_KEYS_FILE");

        GatewaySettings allowed = settings(Map.of("CASPIAN_GATEWAY_HOST", "0.0.0.0", "CASPIAN_ALLOW_DEMO_KEYS", "true"));
        assertThat(allowed.apiKeys().demo()).as("a closed test network, said explicitly").isTrue();
    }

    @Test
    void aKeyFileReplacesTheDemoKeysOnAnyAddress() throws Exception {
        Path keys = dir.resolve("keys.json");
        Files.writeString(keys, "[{\"name\": \"ir-analyst-1\", \"party\": \"ir\", \"role\": \"analyst\", \"sha256\": \""
                + ApiKeyStore.sha256("a-long-random-key") + "\"}]");
        GatewaySettings exposed = settings(Map.of("CASPIAN_GATEWAY_HOST", "0.0.0.0", "CASPIAN_API_KEYS_FILE", keys.toString()));
        assertThat(exposed.apiKeys().demo()).isFalse();
        assertThat(exposed.apiKeys().store().authenticate("a-long-random-key")).isPresent();
        assertThat(exposed.apiKeys().store().authenticate("demo-ir-analyst")).isEmpty();
    }

    @Test
    void everyReplicaHasAStatusTableOfItsOwnByDefault() {
        GatewaySettings one = settings(Map.of("CASPIAN_GATEWAY_STATUS_INSTANCE_ID", "gateway-0"));
        GatewaySettings two = settings(Map.of("CASPIAN_GATEWAY_STATUS_INSTANCE_ID", "gateway-1"));
        assertThat(one.statusApplicationId()).isEqualTo("caspian-gateway-status-gateway-0");
        assertThat(two.statusApplicationId()).as("a shared id would split the partitions between the replicas")
                .isNotEqualTo(one.statusApplicationId());
        assertThat(settings(Map.of("CASPIAN_GATEWAY_STATUS_INSTANCE_ID", "gw/eu west:1")).statusApplicationId())
                .isEqualTo("caspian-gateway-status-gw-eu-west-1");
        assertThat(settings(Map.of("CASPIAN_GATEWAY_STATUS_INSTANCE_ID", "gateway-0",
                "CASPIAN_GATEWAY_STATUS_APP_ID", "status-of-gateway-0")).statusApplicationId()).isEqualTo("status-of-gateway-0");
    }

    @Test
    void twoReplicasOnOneHostGetTheirOwnStatusTableAndARestartKeepsIt() throws Exception {
        // no CASPIAN_GATEWAY_STATUS_INSTANCE_ID: the id is generated once per state directory
        GatewaySettings one = settings(Map.of("CASPIAN_GATEWAY_STATE_DIR", dir.resolve("gw-1").toString()));
        GatewaySettings two = settings(Map.of("CASPIAN_GATEWAY_STATE_DIR", dir.resolve("gw-2").toString()));
        assertThat(two.statusInstanceId()).isNotEqualTo(one.statusInstanceId());
        assertThat(two.statusApplicationId()).as("a shared id would split the status table's partitions between them")
                .isNotEqualTo(one.statusApplicationId());
        GatewaySettings oneAgain = settings(Map.of("CASPIAN_GATEWAY_STATE_DIR", dir.resolve("gw-1").toString()));
        assertThat(oneAgain.statusInstanceId()).isEqualTo(one.statusInstanceId());
        assertThat(oneAgain.statusApplicationId()).isEqualTo(one.statusApplicationId());
        assertThat(Files.readString(dir.resolve("gw-1").resolve("instance-id")).trim()).isEqualTo(one.statusInstanceId());
    }

    @Test
    void theStatusTablesRocksDbMemoryIsBoundedByASetting() {
        assertThat(settings(Map.of()).statusMemoryBytes()).isEqualTo(64L << 20);
        assertThat(settings(Map.of("CASPIAN_GATEWAY_STATUS_MEMORY", "33554432")).statusMemoryBytes()).isEqualTo(32L << 20);
        assertThatThrownBy(() -> settings(Map.of("CASPIAN_GATEWAY_STATUS_MEMORY", "1048576")))
                .hasMessageContaining("CASPIAN_GATEWAY_STATUS_MEMORY").hasMessageContaining("at least");
    }

    @Test
    void theStateDirectoryIsTheGatewaysPartOfTheDataDirectory() {
        assertThat(settings(Map.of("CASPIAN_DATA_DIR", dir.toString())).stateDir()).isEqualTo(dir.resolve("gateway"));
        assertThat(settings(Map.of("CASPIAN_GATEWAY_STATE_DIR", dir.resolve("x").toString())).stateDir())
                .isEqualTo(dir.resolve("x"));
    }

    @Test
    void limitsHaveLocalDefaultsAndABadOneNamesItsSettingAndRange() {
        GatewaySettings local = settings(Map.of());
        assertThat(local.port()).isEqualTo(8080);
        assertThat(local.management().port()).isEqualTo(9080);
        assertThat(local.maxBatchItems()).isEqualTo(1000);
        assertThat(local.maxBodyBytes()).isEqualTo(4L << 20);
        assertThat(local.knowledge().directory()).isEqualTo(local.stateDir().resolve("knowledge"));
        assertThat(local.knowledge().memoryBytes()).isEqualTo(64L << 20);
        assertThat(local.alertStream().heartbeat()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(settings(Map.of("CASPIAN_GATEWAY_PORT", "0")).management().port())
                .as("a free service port means a free management port, so tests on one machine do not collide").isZero();

        assertThatThrownBy(() -> settings(Map.of("CASPIAN_GATEWAY_MAX_BATCH", "0")))
                .hasMessage("setting CASPIAN_GATEWAY_MAX_BATCH must be at least 1, got '0'");
        assertThatThrownBy(() -> settings(Map.of("CASPIAN_GATEWAY_KNOWLEDGE_MEMORY", "1048576")))
                .hasMessage("setting CASPIAN_GATEWAY_KNOWLEDGE_MEMORY must be at least 4194304, got '1048576'");
        assertThatThrownBy(() -> settings(Map.of("CASPIAN_GATEWAY_ALERTS_MAX_CLIENTS", "many")))
                .hasMessage("setting CASPIAN_GATEWAY_ALERTS_MAX_CLIENTS must be an integer, at least 1, got 'many'");
        assertThatThrownBy(() -> settings(Map.of("CASPIAN_GATEWAY_DEFAULT_TLP", "purple")))
                .hasMessage("setting CASPIAN_GATEWAY_DEFAULT_TLP must be clear, green, amber, amber+strict or red, got 'purple'");
    }
}
