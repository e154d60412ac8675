package org.caspianhub.producers.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The file formats the hub imports, by the names the API, the CLI and the feed configuration use. */
public enum ImportFormat {
    STIX("stix"),
    MISP("misp"),
    MISP_MANIFEST("misp-manifest"),
    CSV("csv"),
    TEXT("text");

    private final String id;

    ImportFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<ImportFormat> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("stix2") || n.equals("stix-bundle")) {
            n = "stix";
        } else if (n.equals("misp-event")) {
            n = "misp";
        } else if (n.equals("txt") || n.equals("plain") || n.equals("blocklist")) {
            n = "text";
        }
        String wanted = n;
        return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(ImportFormat::id).collect(Collectors.joining(", "));
    }
}
