package org.caspianhub.producers.knowledge.export;

import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;

/** The formats of {@code GET /api/v1/exports/{format}} (MISP has its own feed documents: {@link MispFeed}). */
public enum ExportFormat {
    TEXT("text/plain; charset=utf-8", "txt"),
    CSV("text/csv; charset=utf-8", "csv"),
    STIX("application/stix+json;version=2.1", "json"),
    SURICATA("text/plain; charset=utf-8", "rules"),
    ZEEK("text/plain; charset=utf-8", "intel"),
    MISP("application/json", "json");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ExportFormat> of(String text) {
        for (ExportFormat f : values()) {
            if (f.id().equalsIgnoreCase(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** A writer of this format for {@code party}'s view (not MISP: see {@link MispFeed}). */
    public ExportWriter writer(String party, String exportId, OutputStream out) {
        return switch (this) {
            case TEXT -> new TextExport(out);
            case CSV -> new CsvExport(out);
            case STIX -> new StixExport(party, exportId, out);
            case SURICATA -> new SuricataExport(out);
            case ZEEK -> new ZeekExport(out);
            case MISP -> throw new IllegalArgumentException("a MISP feed is a manifest and events: see MispFeed");
        };
    }
}
