package org.caspianhub.indicators.warninglist;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.relate.IndicatorHosts;

/**
 * One MISP warninglist: its name (what a match reports), its kind of comparison, the indicator
 * types it applies to (from {@code matching_attributes}) and its indexed entries. Immutable.
 *
 * <p>What part of an indicator is compared: the canonical value, except that a URL is compared
 * by its host against {@code hostname} and {@code cidr} lists (as MISP does), and against
 * {@code string} lists by its whole value or, when the URL is only a site's root
 * ({@code https://www.google.com/}), by its host as well. A URL with a path on a listed site
 * ({@code https://docs.google.com/forms/d/...}) is not marked: a phishing page on a popular host
 * is a real indicator. An email is compared by its domain against {@code hostname} lists.
 */
public final class Warninglist {

    /** The upstream JSON format: name, description, version, type, matching_attributes, list. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ListFile(String name, String description, Long version, String type,
                    @JsonProperty("matching_attributes") List<String> matchingAttributes, List<String> list) {
    }

    private final String name;
    private final String description;
    private final long version;
    private final ListType type;
    private final Set<IndicatorType> appliesTo;
    private final String source;
    private final EntryMatcher entries;

    private Warninglist(ListFile file, String source) {
        this.name = file.name().trim();
        this.description = file.description() == null ? "" : file.description();
        this.version = file.version() == null ? 0 : file.version();
        this.type = ListType.parse(file.type());
        this.appliesTo = Set.copyOf(MispAttributeTypes.indicatorTypes(file.matchingAttributes()));
        this.source = source;
        this.entries = switch (type) {
            case CIDR -> new CidrMatcher(file.list(), name);
            case HOSTNAME -> new HostnameMatcher(file.list());
            case STRING -> new StringMatcher(file.list());
            case SUBSTRING -> new SubstringMatcher(file.list());
            case REGEX -> new RegexMatcher(file.list(), name);
        };
    }

    static Warninglist from(ListFile file, String source) {
        if (file.name() == null || file.name().isBlank()) {
            throw new IllegalArgumentException(source + ": a warninglist needs a 'name'");
        }
        if (file.type() == null) {
            throw new IllegalArgumentException(source + ": warninglist '" + file.name() + "' has no 'type'");
        }
        if (file.list() == null) {
            throw new IllegalArgumentException(source + ": warninglist '" + file.name() + "' has no 'list'");
        }
        try {
            return new Warninglist(file, source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /** Whether the indicator is on this list. */
    public boolean matches(Normalized.Valid indicator) {
        return matches(new Subject(indicator));
    }

    boolean matches(Subject subject) {
        if (!appliesTo.contains(subject.type())) {
            return false;
        }
        if (entries instanceof CidrMatcher cidr) {
            return subject.address() != null && cidr.contains(subject.address());
        }
        return switch (subject.type()) {
            case URL -> matchesUrl(subject);
            case EMAIL -> entries.matches(type == ListType.HOSTNAME ? subject.host() : subject.value());
            default -> entries.matches(subject.value());
        };
    }

    private boolean matchesUrl(Subject url) {
        return switch (type) {
            case HOSTNAME -> entries.matches(url.host());
            case STRING -> entries.matches(url.value())
                    || (IndicatorHosts.isSiteRoot(url.indicator()) && entries.matches(url.host()));
            default -> entries.matches(url.value());
        };
    }

    /** The MISP {@code name}: what {@link Warninglists#matches} reports. */
    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public long version() {
        return version;
    }

    public ListType type() {
        return type;
    }

    /**
     * Whether an indicator of this type can ever match: the types the list applies to, less those a
     * {@code cidr} list has no address to compare for (a domain via MISP's domain|ip).
     */
    boolean canMatch(IndicatorType indicatorType) {
        if (!appliesTo.contains(indicatorType)) {
            return false;
        }
        return type != ListType.CIDR || indicatorType == IndicatorType.IPV4 || indicatorType == IndicatorType.IPV6
                || indicatorType == IndicatorType.CIDR || indicatorType == IndicatorType.URL;
    }

    /** The hub types the list's matching_attributes cover. */
    public Set<IndicatorType> appliesTo() {
        return appliesTo;
    }

    /** Where it was loaded from (a bundled resource or a file path). */
    public String source() {
        return source;
    }

    /** How many distinct entries it holds. */
    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "Warninglist[" + name + ", " + type.name().toLowerCase(Locale.ROOT) + ", " + size() + " entries]";
    }
}
