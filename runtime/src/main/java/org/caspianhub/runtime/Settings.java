package org.caspianhub.runtime;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reading of a service's settings. A setting named {@code CASPIAN_GATEWAY_PORT} is read
 * from the JVM system property {@code caspian.gateway.port} first, then from the environment
 * variable of that name, then falls back to the default that runs locally. A value of the wrong
 * shape fails start-up with a message naming the setting and the value. Each service declares its
 * settings ({@link Setting}: name, default, range, description) and reads them through those.
 */
public final class Settings {

    static final String DURATION_SHAPE = "a duration such as 500ms, 30s, 5m, 2h, 7d or PT30S";

    private final Map<String, String> overrides;
    private final Map<String, String> environment;

    private Settings(Map<String, String> overrides, Map<String, String> environment) {
        this.overrides = overrides;
        this.environment = environment;
    }

    /** System properties over the process environment. */
    public static Settings fromEnvironment() {
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        return new Settings(props, System.getenv());
    }

    /** Settings from explicit values (environment-variable names), for tests and the launcher. */
    public static Settings of(Map<String, String> values) {
        return new Settings(Map.of(), Map.copyOf(values));
    }

    /** These values apply where nothing else sets the setting (used by the local hub for its data directories). */
    public Settings withDefaults(Map<String, String> defaults) {
        Map<String, String> merged = new HashMap<>(defaults);
        merged.putAll(environment);
        return new Settings(overrides, merged);
    }

    /** These values take precedence over the environment (system properties still win). */
    public Settings with(Map<String, String> values) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(values);
        return new Settings(overrides, merged);
    }

    public Optional<String> optional(String name) {
        String property = overrides.get(propertyName(name));
        if (property != null && !property.isBlank()) {
            return Optional.of(property.trim());
        }
        String env = environment.get(name);
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.trim());
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    // The typed readers below read an undeclared name, as tests and ad-hoc tools do; a service's
    // settings are declared (Setting) and read through their declarations, which SettingsDocsTest holds to.

    public int integer(String name, int defaultValue) {
        return Setting.integer(name, defaultValue, name).read(this);
    }

    public long longValue(String name, long defaultValue) {
        return Setting.longValue(name, defaultValue, name).read(this);
    }

    public boolean bool(String name, boolean defaultValue) {
        return Setting.bool(name, defaultValue, name).read(this);
    }

    /** A duration as ISO-8601 ({@code PT30S}) or a number with a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}. */
    public Duration duration(String name, Duration defaultValue) {
        return optional(name).isEmpty() ? defaultValue : Setting.duration(name, "0s", name).read(this);
    }

    /** One of a fixed set of values, compared in lower case. */
    public String oneOf(String name, String defaultValue, java.util.Collection<String> allowed) {
        return Setting.oneOf(name, defaultValue, allowed, name).read(this);
    }

    /** A comma-separated list. */
    public List<String> list(String name, List<String> defaultValue) {
        return Setting.list(name, defaultValue, name).read(this);
    }

    /** A secret: never shown by {@link Secret#toString()}. */
    public Optional<Secret> secret(String name) {
        return optional(name).map(Secret::new);
    }

    /**
     * Parses a duration as the hub's settings and configuration files write it: {@code 250ms},
     * {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d} or ISO-8601 {@code PT30S}.
     *
     * @throws IllegalArgumentException "must be a duration such as ..., got '...'"
     */
    public static Duration parseDuration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("no unit");
            };
        } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("must be " + DURATION_SHAPE + ", got '" + value + "'");
        }
    }

    /** A duration as the hub writes them: in the largest unit that divides it ({@code 6s}, {@code 5m}, {@code 30d}, {@code 250ms}). */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    static String propertyName(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
