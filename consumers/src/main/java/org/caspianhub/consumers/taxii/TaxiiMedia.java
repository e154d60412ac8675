package org.caspianhub.consumers.taxii;

import java.util.Locale;

/** The TAXII 2.1 media types and the Accept check every endpoint applies. */
final class TaxiiMedia {

    static final String TAXII = "application/taxii+json;version=2.1";
    static final String STIX = "application/stix+json;version=2.1";

    private TaxiiMedia() {
    }

    /**
     * True when the Accept header allows a TAXII 2.1 response: absent, a wildcard, or
     * {@code application/taxii+json} without a version or with version 2.1.
     */
    static boolean acceptable(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("*/*") || type.equals("application/*")) {
                return true;
            }
            if (type.equals("application/taxii+json")) {
                String version = null;
                for (int i = 1; i < parts.length; i++) {
                    String[] param = parts[i].trim().split("=", 2);
                    if (param.length == 2 && param[0].trim().equalsIgnoreCase("version")) {
                        version = param[1].trim().replace("\"", "");
                    }
                }
                if (version == null || version.equals("2.1")) {
                    return true;
                }
            }
        }
        return false;
    }
}
