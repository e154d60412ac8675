package org.caspianhub.producers.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Tells which format a file is by looking at its start: a JSON object with {@code objects} or
 * {@code "type": "bundle"} is STIX; one with {@code Event} (or a bare event's {@code Attribute})
 * is a MISP event; one keyed by event uuids is a MISP feed manifest; text whose first line names a
 * {@code value} column is CSV; any other text is a blocklist.
 */
public final class FormatDetector {

    private static final Set<String> VALUE_COLUMNS = Set.of("value", "indicator", "ioc", "observable");
    /** How much of the first line is read to tell a CSV header. */
    private static final int MAX_HEADER = 64 * 1024;

    private FormatDetector() {
    }

    /** @param contentType the request's media type, or null; {@code text/csv} settles CSV against text */
    public static ImportFormat detect(Path file, String contentType) throws IOException {
        int first = firstSignificantChar(file);
        if (first == '{') {
            return detectJson(file);
        }
        if (first == '[') {
            throw new ImportFormatException("a JSON array is not an import format: send a STIX bundle or a MISP "
                    + "event, or post indicators to /api/v1/indicators");
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/csv")) {
            return ImportFormat.CSV;
        }
        // bounded: the start of a line is enough to tell a header, and the file may have no line breaks at all
        try (BoundedLineReader reader = new BoundedLineReader(Files2.utf8Reader(file), MAX_HEADER)) {
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                String s = line.text().strip().replace("\uFEFF", "");
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                boolean header = s.contains(",") && Arrays.stream(s.split(","))
                        .map(c -> c.trim().replace("\"", "").toLowerCase(Locale.ROOT))
                        .anyMatch(VALUE_COLUMNS::contains);
                return header ? ImportFormat.CSV : ImportFormat.TEXT;
            }
        }
        return ImportFormat.TEXT;
    }

    private static ImportFormat detectJson(Path file) throws IOException {
        try (JsonParser parser = JsonObjects.open(file)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("objects") || name.equals("spec_version")
                        || (name.equals("type") && value == JsonToken.VALUE_STRING
                        && (parser.getText().equals("bundle") || parser.getText().contains("-")
                        || Set.of("indicator", "campaign", "malware", "identity").contains(parser.getText())))) {
                    return ImportFormat.STIX;
                }
                if (name.equals("Event") || name.equals("Attribute")) {
                    return ImportFormat.MISP;
                }
                if (name.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                        && value == JsonToken.START_OBJECT) {
                    return ImportFormat.MISP_MANIFEST;
                }
                parser.skipChildren();
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw JsonObjects.malformed(e);
        } catch (org.caspianhub.runtime.Utf8.MalformedException e) {
            throw JsonObjects.notUtf8(e);
        }
        throw new ImportFormatException("a JSON object that is neither a STIX 2.1 bundle nor a MISP event");
    }

    private static int firstSignificantChar(Path file) throws IOException {
        try (BufferedReader reader = Files2.utf8Reader(file)) {
            int c;
            while ((c = reader.read()) != -1) {
                if (!Character.isWhitespace(c) && c != '\uFEFF') {
                    return c;
                }
            }
        }
        return -1;
    }
}
