package org.caspianhub.producers.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.caspianhub.avro.Severity;
import org.caspianhub.producers.submit.IndicatorItem;
import org.caspianhub.producers.submit.ItemRules;

/**
 * Plain-text blocklists as abuse feeds publish them: one value a line, blank lines and comments
 * ({@code #} or {@code ;}, whole-line or trailing) skipped. Only a line's first word is the value
 * ({@code 198.51.100.0/24 ; SBL1234}); hosts-file lines ({@code 0.0.0.0 evil.example}) give their
 * host name. The type is detected by the pipeline.
 */
public final class TextListReader implements ImportReader {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public void read(Path file, ImportDefaults defaults, Consumer<ImportEntry> sink) throws IOException {
        try (BufferedReader reader = Files2.utf8Reader(file)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String location = "line " + number;
                String value = valueOf(line);
                if (value == null) {
                    continue;
                }
                if (value.length() > ItemRules.MAX_VALUE) {
                    sink.accept(ImportEntry.Refused.because(location, "value", "too_long",
                            "the value must be at most " + ItemRules.MAX_VALUE + " characters"));
                    continue;
                }
                sink.accept(new ImportEntry.Candidate(location, new IndicatorItem(value, null, defaults.tlp(),
                        defaults.confidence(), Severity.UNKNOWN, defaults.tags(), null, null, defaults.references(),
                        null, location)));
            }
        }
    }

    /** The value on a line, or null for a blank or comment line. */
    static String valueOf(String line) {
        String s = line.strip();
        if (s.startsWith("\uFEFF")) {
            s = s.substring(1).strip();
        }
        if (s.isEmpty() || s.startsWith("#") || s.startsWith(";") || s.startsWith("//")) {
            return null;
        }
        String[] words = WHITESPACE.split(s, 3);
        if (words.length >= 2 && List.of("0.0.0.0", "127.0.0.1", "::", "::1").contains(words[0])
                && !words[1].startsWith("#")) {
            return words[1];
        }
        String first = words[0];
        int comment = first.indexOf('#');
        if (comment > 0 && !first.contains("://")) {
            first = first.substring(0, comment);
        }
        return first.isEmpty() ? null : first;
    }
}
