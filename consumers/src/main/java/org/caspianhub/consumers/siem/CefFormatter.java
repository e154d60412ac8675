package org.caspianhub.consumers.siem;

import java.util.LinkedHashMap;
import java.util.Map;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.RelatedIndicator;
import org.caspianhub.avro.Severity;
import org.caspianhub.tlp.TlpLevels;
import org.caspianhub.consumers.stix.StixIds;

/**
 * An alert as an ArcSight Common Event Format (CEF:0) line, the format SIEMs ingest from syslog:
 * {@code CEF:0|Caspian Hub|caspian-hub|1|<kind>|<summary>|<severity 0-10>|<extensions>}.
 *
 * <p>Escaping follows the CEF rules: in header fields a backslash and a pipe are escaped
 * ({@code \\}, {@code \|}); in extension values a backslash and an equals sign are escaped
 * ({@code \\}, {@code \=}) and line breaks become {@code \n} / {@code \r}. Header fields cannot
 * hold line breaks, so they become spaces there. The mapping of fields is in docs/delivery.md.
 */
public final class CefFormatter {

    public static final String VENDOR = "Caspian Hub";
    public static final String PRODUCT = "caspian-hub";
    public static final String VERSION = "1";

    private CefFormatter() {
    }

    public static String format(Alert alert) {
        StringBuilder cef = new StringBuilder(512)
                .append("CEF:0|").append(header(VENDOR)).append('|').append(header(PRODUCT)).append('|')
                .append(header(VERSION)).append('|').append(header(alert.getKind().name())).append('|')
                .append(header(truncate(alert.getSummary(), 512))).append('|').append(severity(alert)).append('|');
        boolean first = true;
        for (Map.Entry<String, String> field : extensions(alert).entrySet()) {
            if (field.getValue() == null || field.getValue().isEmpty()) {
                continue;
            }
            if (!first) {
                cef.append(' ');
            }
            cef.append(field.getKey()).append('=').append(extension(field.getValue()));
            first = false;
        }
        return cef.toString();
    }

    /** CEF severity 0-10 from the alert's severity; for UNKNOWN, from its score. */
    public static int severity(Alert alert) {
        Severity severity = alert.getSeverity();
        return switch (severity == null ? Severity.UNKNOWN : severity) {
            case CRITICAL -> 10;
            case HIGH -> 8;
            case MEDIUM -> 5;
            case LOW -> 3;
            case INFO -> 1;
            case UNKNOWN -> Math.max(0, Math.min(10, Math.round(alert.getScore() / 10f)));
        };
    }

    private static Map<String, String> extensions(Alert alert) {
        Map<String, String> ext = new LinkedHashMap<>();
        ext.put("rt", Long.toString(alert.getCreatedAt().toEpochMilli()));
        ext.put("externalId", alert.getAlertId());
        ext.put("cat", alert.getKind().name());
        ext.put("msg", truncate(alert.getSummary(), 1023));
        observableField(alert.getType(), alert.getValue(), ext);
        ext.put("cs1Label", "indicatorType");
        ext.put("cs1", alert.getType().name());
        ext.put("cs2Label", "indicatorValue");
        ext.put("cs2", truncate(alert.getValue(), 4000));
        ext.put("cs3Label", "tlp");
        ext.put("cs3", TlpLevels.label(alert.getTlp()));
        ext.put("cs4Label", "tags");
        ext.put("cs4", truncate(String.join(",", alert.getTags()), 4000));
        ext.put("cs5Label", "reportingParties");
        ext.put("cs5", String.join(",", alert.getParties()));
        RelatedIndicator related = alert.getRelated();
        if (related != null) {
            ext.put("cs6Label", "related");
            ext.put("cs6", truncate(related.getKind().name() + " " + firstNonNull(related.getValue(), related.getIndicatorKey(),
                    related.getReference(), related.getCorrelationId()), 4000));
        }
        ext.put("cn1Label", "score");
        ext.put("cn1", Integer.toString(alert.getScore()));
        ext.put("flexString1Label", "stixId");
        ext.put("flexString1", StixIds.forIndicator(alert.getRecipient(), alert.getType(), alert.getIndicatorKey()));
        ext.put("flexString2Label", "status");
        ext.put("flexString2", alert.getStatus().name());
        ext.put("start", Long.toString(alert.getFirstSeen().toEpochMilli()));
        ext.put("end", Long.toString(alert.getLastSeen().toEpochMilli()));
        return ext;
    }

    /** The standard CEF key a SIEM correlates on, where the indicator type has one. */
    private static void observableField(IndicatorType type, String value, Map<String, String> ext) {
        switch (type) {
            case IPV4, IPV6 -> ext.put("dst", value);
            case DOMAIN -> ext.put("dhost", value);
            case URL -> ext.put("request", truncate(value, 1023));
            case MD5, SHA1, SHA256, SHA512 -> ext.put("fileHash", value);
            default -> {
                // CIDR, EMAIL, CVE, ASN: carried in cs2 only
            }
        }
    }

    /** Header field escaping: backslash and pipe; no line breaks in a header. */
    static String header(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '|' -> s.append("\\|");
                case '\r', '\n' -> s.append(' ');
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    /** Extension value escaping: backslash, equals sign, line breaks. */
    static String extension(String value) {
        StringBuilder s = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '=' -> s.append("\\=");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    private static String truncate(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return "";
    }
}
