package org.caspianhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** A declared setting as an operator meets it: its default, its override, and the message a bad value gets. */
class SettingTest {

    private static final Setting<Integer> THREADS = Setting.integer("CASPIAN_T_THREADS", 2, "threads").atLeast(1);
    private static final Setting<Integer> PERCENT = Setting.integer("CASPIAN_T_PERCENT", 50, "a share").between(0, 100);
    private static final Setting<Duration> TIMEOUT = Setting.duration("CASPIAN_T_TIMEOUT", "10s", "a wait")
            .atLeast(Duration.ofSeconds(6));
    private static final Setting<Integer> PORT = Setting.port("CASPIAN_T_PORT", 8080, "a port");
    private static final Setting<Path> DIR = Setting.path("CASPIAN_T_DIR", "data/t", "a directory")
            .defaultFrom(settings -> Path.of(settings.string("CASPIAN_T_BASE", "data")).resolve("t"), "<CASPIAN_T_BASE>/t");

    @Example
    void unsetMeansTheDefaultAndSetMeansTheValue() {
        assertThat(THREADS.read(Settings.of(Map.of()))).isEqualTo(2);
        assertThat(THREADS.read(Settings.of(Map.of("CASPIAN_T_THREADS", " 4 ")))).isEqualTo(4);
        assertThat(TIMEOUT.read(Settings.of(Map.of()))).isEqualTo(Duration.ofSeconds(10));
        assertThat(TIMEOUT.read(Settings.of(Map.of("CASPIAN_T_TIMEOUT", "2m")))).isEqualTo(Duration.ofMinutes(2));
        assertThat(THREADS.read(Settings.of(Map.of("CASPIAN_T_THREADS", "")))).as("blank is unset").isEqualTo(2);
    }

    @Example
    void aSystemPropertyWinsOverTheEnvironment() {
        System.setProperty("caspian.t.threads", "7");
        try {
            assertThat(THREADS.read(Settings.fromEnvironment())).isEqualTo(7);
        } finally {
            System.clearProperty("caspian.t.threads");
        }
    }

    @Example
    void aDefaultMayDependOnOtherSettings() {
        assertThat(DIR.read(Settings.of(Map.of()))).isEqualTo(Path.of("data", "t"));
        assertThat(DIR.read(Settings.of(Map.of("CASPIAN_T_BASE", "/var/lib/x")))).isEqualTo(Path.of("/var/lib/x/t"));
        assertThat(DIR.read(Settings.of(Map.of("CASPIAN_T_DIR", "/elsewhere")))).isEqualTo(Path.of("/elsewhere"));
        assertThat(DIR.defaultText()).isEqualTo("<CASPIAN_T_BASE>/t");
    }

    @Example
    void aBadValueNamesTheSettingWhatItAllowsAndTheValue() {
        assertThatThrownBy(() -> THREADS.read(Settings.of(Map.of("CASPIAN_T_THREADS", "0"))))
                .hasMessage("setting CASPIAN_T_THREADS must be at least 1, got '0'");
        assertThatThrownBy(() -> THREADS.read(Settings.of(Map.of("CASPIAN_T_THREADS", "two"))))
                .hasMessage("setting CASPIAN_T_THREADS must be an integer, at least 1, got 'two'");
        assertThatThrownBy(() -> PERCENT.read(Settings.of(Map.of("CASPIAN_T_PERCENT", "101"))))
                .hasMessage("setting CASPIAN_T_PERCENT must be 0..100, got '101'");
        assertThatThrownBy(() -> TIMEOUT.read(Settings.of(Map.of("CASPIAN_T_TIMEOUT", "2s"))))
                .hasMessage("setting CASPIAN_T_TIMEOUT must be at least 6s, got '2s'");
        assertThatThrownBy(() -> TIMEOUT.read(Settings.of(Map.of("CASPIAN_T_TIMEOUT", "soon"))))
                .hasMessageStartingWith("setting CASPIAN_T_TIMEOUT must be a duration such as")
                .hasMessageEndingWith("at least 6s, got 'soon'");
        assertThatThrownBy(() -> PORT.read(Settings.of(Map.of("CASPIAN_T_PORT", "70000"))))
                .hasMessage("setting CASPIAN_T_PORT must be a port from 0 to 65535, got '70000'");
        Setting<String> codec = Setting.oneOf("CASPIAN_T_CODEC", "gzip", List.of("gzip", "zstd"), "a codec");
        assertThat(codec.read(Settings.of(Map.of("CASPIAN_T_CODEC", "ZSTD")))).isEqualTo("zstd");
        assertThatThrownBy(() -> codec.read(Settings.of(Map.of("CASPIAN_T_CODEC", "brotli"))))
                .hasMessage("setting CASPIAN_T_CODEC must be one of [gzip, zstd], got 'brotli'");
    }

    @Example
    void unsetOptionalSettingsAreEmptyAndSecretsStayHidden() {
        Setting<Optional<Secret>> key = Setting.secret("CASPIAN_T_KEY", "a key");
        assertThat(key.read(Settings.of(Map.of()))).isEmpty();
        assertThat(key.defaultText()).isEqualTo("unset");
        Secret secret = key.read(Settings.of(Map.of("CASPIAN_T_KEY", "hunter2"))).orElseThrow();
        assertThat(secret.reveal()).isEqualTo("hunter2");
        assertThat(secret.toString()).doesNotContain("hunter2");
    }

    @Example
    void aNameIsCaspianAndCapitals() {
        assertThatThrownBy(() -> Setting.integer("caspian.threads", 1, "threads")).hasMessageContaining("caspian.threads");
    }

    @Property
    void aValueInRangeIsReadAsGivenAndOneOutsideIsRefusedNamingTheRange(@ForAll @IntRange(min = -1000, max = 1000) int value) {
        Settings settings = Settings.of(Map.of("CASPIAN_T_PERCENT", Integer.toString(value)));
        if (value >= 0 && value <= 100) {
            assertThat(PERCENT.read(settings)).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> PERCENT.read(settings)).hasMessageContaining("CASPIAN_T_PERCENT")
                    .hasMessageContaining("0..100").hasMessageContaining("'" + value + "'");
        }
    }

    /** The defaults and ranges the docs show are written by formatDuration: reading one back gives the same duration. */
    @Property
    void aFormattedDurationReadsBackAsTheSameDuration(@ForAll @LongRange(min = 0, max = 400L * 86_400_000) long millis) {
        Duration duration = Duration.ofMillis(millis);
        assertThat(Settings.parseDuration(Settings.formatDuration(duration))).isEqualTo(duration);
    }

    @Example
    void durationsAreShownInTheLargestUnitThatDividesThem() {
        assertThat(Settings.formatDuration(Duration.ofMillis(50))).isEqualTo("50ms");
        assertThat(Settings.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Settings.formatDuration(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(Settings.formatDuration(Duration.ZERO)).isEqualTo("0s");
    }
}
