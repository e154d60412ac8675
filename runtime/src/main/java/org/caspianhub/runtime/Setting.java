package org.caspianhub.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One setting, declared once: its name ({@code CASPIAN_X_Y}, also read as the system property
 * {@code caspian.x.y}, see {@link Settings}), how its text is read, its default, the values it
 * allows and a one-line description. A service's settings class holds its declarations in a list
 * ({@code ALL}) and reads every value through them; the docs' settings tables are checked against
 * the same declarations ({@code SettingsDocsTest} in the hub), and {@code caspian-hub settings}
 * prints them.
 *
 * <p>A value of the wrong shape or out of range fails start-up with a message naming the setting,
 * what it allows and the value given: {@code setting CASPIAN_STREAMS_THREADS must be at least 1, got '0'}.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    private final String name;
    private final String description;
    private final Function<String, T> parser;
    private final String shape;
    private final Function<Settings, T> defaultValue;
    private final String defaultText;
    private final Predicate<? super T> allowed;
    private final String range;
    private final Function<? super T, String> show;

    private Setting(String name, String description, Function<String, T> parser, String shape,
                    Function<Settings, T> defaultValue, String defaultText, Predicate<? super T> allowed, String range,
                    Function<? super T, String> show) {
        if (!name.matches("CASPIAN_[A-Z0-9_]+")) {
            throw new IllegalArgumentException("a setting's name is CASPIAN_ and capitals, digits, '_': " + name);
        }
        this.name = name;
        this.description = description;
        this.parser = parser;
        this.shape = shape;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.allowed = allowed;
        this.range = range;
        this.show = show;
    }

    /**
     * A setting of any type.
     *
     * @param parser       reads the operator's text; throws {@link IllegalArgumentException} when it is not {@code shape}
     * @param shape        what the text must look like, as an error message says it ("an integer")
     * @param defaultValue the value when the setting is not set (null for none)
     * @param defaultText  that default as the docs write it
     */
    public static <T> Setting<T> of(String name, Function<String, T> parser, String shape, T defaultValue,
                                    String defaultText, String description) {
        return new Setting<>(name, description, parser, shape, settings -> defaultValue, defaultText, v -> true, null,
                String::valueOf);
    }

    public static Setting<String> string(String name, String defaultValue, String description) {
        return of(name, v -> v, "text", defaultValue, defaultValue, description);
    }

    /** Unset by default. */
    public static Setting<Optional<String>> optionalString(String name, String description) {
        return of(name, Optional::of, "text", Optional.empty(), "unset", description);
    }

    public static Setting<Integer> integer(String name, int defaultValue, String description) {
        return of(name, Integer::parseInt, "an integer", defaultValue, Integer.toString(defaultValue), description);
    }

    public static Setting<Long> longValue(String name, long defaultValue, String description) {
        return of(name, Long::parseLong, "an integer", defaultValue, Long.toString(defaultValue), description);
    }

    /** A TCP port; 0 picks a free one. */
    public static Setting<Integer> port(String name, int defaultValue, String description) {
        return integer(name, defaultValue, description).check(p -> p >= 0 && p <= 65535, "a port from 0 to 65535");
    }

    /** {@code true/yes/1/on} or {@code false/no/0/off}. */
    public static Setting<Boolean> bool(String name, boolean defaultValue, String description) {
        return of(name, Setting::parseBoolean, "true or false", defaultValue, Boolean.toString(defaultValue), description);
    }

    /** A duration as the operator writes it ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, {@code PT30S}); so is the default. */
    public static Setting<Duration> duration(String name, String defaultValue, String description) {
        return new Setting<>(name, description, Settings::parseDuration, Settings.DURATION_SHAPE,
                settings -> Settings.parseDuration(defaultValue), defaultValue, v -> true, null, Settings::formatDuration);
    }

    /** A duration longer than zero. */
    public static Setting<Duration> positiveDuration(String name, String defaultValue, String description) {
        return duration(name, defaultValue, description).check(d -> !d.isNegative() && !d.isZero(), "positive");
    }

    public static Setting<Path> path(String name, String defaultValue, String description) {
        return of(name, Path::of, "a path", Path.of(defaultValue), defaultValue, description);
    }

    /** Unset by default. */
    public static Setting<Optional<Path>> optionalPath(String name, String description) {
        return of(name, v -> Optional.of(Path.of(v)), "a path", Optional.empty(), "unset", description);
    }

    /** One of a fixed set of values, compared in lower case. */
    public static Setting<String> oneOf(String name, String defaultValue, Collection<String> allowed, String description) {
        String values = "one of " + new TreeSet<>(allowed);
        return of(name, v -> v.toLowerCase(Locale.ROOT), values, defaultValue, defaultValue, description)
                .check(allowed::contains, values);
    }

    /** A comma-separated list. */
    public static Setting<List<String>> list(String name, List<String> defaultValue, String description) {
        return of(name, v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                "a comma-separated list", defaultValue, String.join(",", defaultValue), description);
    }

    /** A secret, unset by default: never shown by {@link Secret#toString()}. */
    public static Setting<Optional<Secret>> secret(String name, String description) {
        return of(name, v -> Optional.of(new Secret(v)), "text", Optional.empty(), "unset", description);
    }

    /** The same setting, allowing only values that pass {@code allowed}, described by {@code range} ("at least 1"). */
    public Setting<T> check(Predicate<? super T> allowedValues, String rangeText) {
        Predicate<? super T> before = this.allowed;
        Predicate<T> both = v -> before.test(v) && allowedValues.test(v);
        return new Setting<>(name, description, parser, shape, defaultValue, defaultText, both,
                range == null ? rangeText : range + " and " + rangeText, show);
    }

    /** The same setting, allowing only values from {@code min} on (numbers, durations). */
    @SuppressWarnings("unchecked")
    public Setting<T> atLeast(T min) {
        return check(v -> ((Comparable<T>) v).compareTo(min) >= 0, "at least " + show.apply(min));
    }

    /** The same setting, allowing only values from {@code min} to {@code max}. */
    @SuppressWarnings("unchecked")
    public Setting<T> between(T min, T max) {
        return check(v -> ((Comparable<T>) v).compareTo(min) >= 0 && ((Comparable<T>) v).compareTo(max) <= 0,
                show.apply(min) + ".." + show.apply(max));
    }

    /**
     * The same setting with a default that depends on other settings (a directory under
     * {@code CASPIAN_DATA_DIR}, a port that is 0 when the service's own is).
     *
     * @param text the default as the docs write it: {@code <CASPIAN_DATA_DIR>/taxii}
     */
    public Setting<T> defaultFrom(Function<Settings, T> compute, String text) {
        return new Setting<>(name, description, parser, shape, compute, text, allowed, range, show);
    }

    /** The value: the configured one, checked, or the default. */
    public T read(Settings settings) {
        Optional<String> text = settings.optional(name);
        if (text.isEmpty()) {
            return defaultValue.apply(settings);
        }
        T value;
        try {
            value = parser.apply(text.get());
        } catch (IllegalArgumentException e) {
            throw invalid(allowedValues(), text.get(), e);
        }
        if (!allowed.test(value)) {
            throw invalid(range, text.get(), null);
        }
        return value;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** The default as the docs write it: {@code 8080}, {@code 24h}, {@code unset}, {@code <CASPIAN_DATA_DIR>/gateway}. */
    public String defaultText() {
        return defaultText;
    }

    /** What the setting allows: its shape and range ("a port from 0 to 65535", "a duration ... and positive"). */
    public String allowedValues() {
        if (range == null) {
            return shape;
        }
        // a range that names its kind ("a port from 0 to 65535", "one of [gzip, zstd]") says all of it
        return range.startsWith("a ") || range.startsWith("one of") ? range : shape + ", " + range;
    }

    private IllegalArgumentException invalid(String expected, String value, Exception cause) {
        return new IllegalArgumentException("setting " + name + " must be " + expected + ", got '" + value + "'", cause);
    }

    private static boolean parseBoolean(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    @Override
    public String toString() {
        return name + " (" + defaultText + ")";
    }
}
