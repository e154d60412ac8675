package org.caspianhub.producers.feeds;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.caspianhub.producers.imports.ImportFormat;

/**
 * How a feed is read: one file in an import format, a MISP feed (its manifest, then the events that
 * changed), or a TAXII 2.1 collection (its objects endpoint, paged, from the last date added).
 */
public enum FeedFormat {
    TEXT("text", ImportFormat.TEXT),
    CSV("csv", ImportFormat.CSV),
    STIX("stix", ImportFormat.STIX),
    MISP("misp", ImportFormat.MISP),
    MISP_FEED("misp-feed", null),
    TAXII("taxii", ImportFormat.STIX);

    private final String id;
    private final ImportFormat fileFormat;

    FeedFormat(String id, ImportFormat fileFormat) {
        this.id = id;
        this.fileFormat = fileFormat;
    }

    public String id() {
        return id;
    }

    /** The import format of what the feed serves (MISP feeds serve MISP events). */
    public ImportFormat fileFormat() {
        return fileFormat == null ? ImportFormat.MISP : fileFormat;
    }

    public static Optional<FeedFormat> parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(n)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(FeedFormat::id).collect(Collectors.joining(", "));
    }
}
