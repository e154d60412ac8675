package org.caspianhub.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamsSettingsTest {

    @Test
    void defaultsRunLocally() {
        StreamsSettings settings = StreamsSettings.from(Settings.of(Map.of()));

        assertThat(settings.applicationId()).isEqualTo("caspian-hub");
        assertThat(settings.instance().file()).as("generated on first use, kept with the stores")
                .isEqualTo(Path.of("./data/streams/instance-id"));
        assertThat(settings.stateDir()).isEqualTo(Path.of("./data/streams"));
        assertThat(settings.host()).as("health and metrics on loopback unless told otherwise").isEqualTo("localhost");
        assertThat(settings.port()).isEqualTo(8082);
        assertThat(settings.threads()).isEqualTo(2);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.rocksDbBytes()).as("the topology's RocksDB bound").isEqualTo(256L << 20);
        assertThat(settings.sightingsTlp()).isEqualTo(Tlp.AMBER);
        assertThat(settings.sourceDefaults().defaultConfidence()).isEqualTo(50);
        assertThat(settings.sourceDefaults().reliabilityOf("ir")).isEqualTo(70);
        assertThat(settings.lifetimes().of(IndicatorType.IPV4)).contains(Duration.ofDays(30));
        assertThat(settings.lifetimes().of(IndicatorType.SHA256)).isEmpty();
        assertThat(settings.platform().parties().shareAmber(PartyId.of("ir"), PartyId.of("az"))).isTrue();
    }

    @Test
    void everythingCanBeOverridden() {
        StreamsSettings settings = StreamsSettings.from(Settings.of(Map.ofEntries(
                Map.entry("CASPIAN_STREAMS_APPLICATION_ID", "hub-b"),
                Map.entry("CASPIAN_STREAMS_INSTANCE_ID", "hub-b-1"),
                Map.entry("CASPIAN_STREAMS_STATE_DIR", "/var/lib/caspian"),
                Map.entry("CASPIAN_STREAMS_THREADS", "4"),
                Map.entry("CASPIAN_STREAMS_HOST", "0.0.0.0"),
                Map.entry("CASPIAN_STREAMS_PORT", "9090"),
                Map.entry("CASPIAN_STREAMS_COMMIT_INTERVAL", "200ms"),
                Map.entry("CASPIAN_STREAMS_ROCKSDB_MEMORY", "134217728"),
                Map.entry("CASPIAN_STREAMS_SIGHTINGS_TLP", "TLP:GREEN"),
                Map.entry("CASPIAN_STREAMS_RELIABILITY", "ir:90,az:60"),
                Map.entry("CASPIAN_STREAMS_DEFAULT_CONFIDENCE", "40"),
                Map.entry("CASPIAN_LIFETIME_IPV4", "7d"),
                Map.entry("CASPIAN_LIFETIME_DOMAIN", "never"),
                Map.entry("CASPIAN_LIFETIME_MD5", "365d"))));

        assertThat(settings.instanceId()).isEqualTo("hub-b-1");
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.threads()).isEqualTo(4);
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(settings.rocksDbBytes()).isEqualTo(128L << 20);
        assertThat(settings.sightingsTlp()).isEqualTo(Tlp.GREEN);
        assertThat(settings.sourceDefaults().reliabilityOf("ir")).isEqualTo(90);
        assertThat(settings.sourceDefaults().reliabilityOf("az")).isEqualTo(60);
        assertThat(settings.sourceDefaults().defaultConfidence()).isEqualTo(40);
        assertThat(settings.lifetimes().of(IndicatorType.IPV4)).contains(Duration.ofDays(7));
        assertThat(settings.lifetimes().of(IndicatorType.DOMAIN)).isEmpty();
        assertThat(settings.lifetimes().of(IndicatorType.MD5)).contains(Duration.ofDays(365));
    }

    @Test
    void badValuesFailStartUpNamingTheSetting() {
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_RELIABILITY", "kz:80"))))
                .hasMessageContaining("CASPIAN_STREAMS_RELIABILITY").hasMessageContaining("kz");
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_RELIABILITY", "ir:180"))))
                .hasMessageContaining("0..100");
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_SIGHTINGS_TLP", "PURPLE"))))
                .hasMessageContaining("CASPIAN_STREAMS_SIGHTINGS_TLP");
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("CASPIAN_LIFETIME_IPV4", "soon"))))
                .hasMessageContaining("CASPIAN_LIFETIME_IPV4");
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_THREADS", "0"))))
                .hasMessageContaining("CASPIAN_STREAMS_THREADS");
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_SESSION_TIMEOUT", "2s"))))
                .hasMessageContaining("CASPIAN_STREAMS_SESSION_TIMEOUT").hasMessageContaining("at least 6s");
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_ROCKSDB_MEMORY", "1048576"))))
                .hasMessageContaining("CASPIAN_STREAMS_ROCKSDB_MEMORY").hasMessageContaining("at least");
    }

    @Test
    void theSessionTimeoutIsTheMainConsumersWithAHeartbeatWellWithinIt(@TempDir Path dir) {
        StreamsSettings settings = StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_SESSION_TIMEOUT", "45s",
                "CASPIAN_STREAMS_STATE_DIR", dir.toString())));
        java.util.Properties props = org.caspianhub.streams.topology.StreamsProperties.of(settings,
                new PipelineMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        assertThat(props.get("main.consumer.session.timeout.ms")).isEqualTo(45_000);
        assertThat(props.get("main.consumer.heartbeat.interval.ms")).isEqualTo(9_000);
        assertThat(StreamsSettings.from(Settings.of(Map.of())).sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void twoInstancesWithTheirOwnStateDirectoriesGetDifferentIdsAndARestartKeepsItsId(@TempDir Path dir) throws Exception {
        // the same application on the same host, as two processes started without CASPIAN_STREAMS_INSTANCE_ID
        StreamsSettings first = StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_STATE_DIR", dir.resolve("a").toString())));
        StreamsSettings second = StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_STATE_DIR", dir.resolve("b").toString())));
        assertThat(first.instanceId()).startsWith("caspian-hub-");
        assertThat(second.instanceId()).as("the same id would make the two instances fence each other")
                .isNotEqualTo(first.instanceId());

        StreamsSettings restarted = StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_STATE_DIR", dir.resolve("a").toString())));
        assertThat(restarted.instanceId()).as("a restart takes its partitions back under its old id").isEqualTo(first.instanceId());
        assertThat(Files.readString(dir.resolve("a").resolve("instance-id")).trim()).isEqualTo(first.instanceId());

        Files.createDirectories(dir.resolve("c"));
        Files.writeString(dir.resolve("c").resolve("instance-id"), "not an id!\n");
        assertThatThrownBy(() -> StreamsSettings.from(Settings.of(Map.of("CASPIAN_STREAMS_STATE_DIR", dir.resolve("c").toString())))
                .instanceId()).hasMessageContaining("instance-id").hasMessageContaining("delete the file");
    }
}
