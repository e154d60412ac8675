package org.caspianhub.producers.imports;

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
 * host name. The type is detected by the pipeline, and the value checked by the normalizer (its
 * length limit included). Lines are read with a bound ({@link #MAX_LINE}), so a file without line
 * breaks cannot fill the memory.
 */
public final class TextListReader implements ImportReader {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /**
     * The longest line read: room for the longest value and a comment after it. A longer line is
     * refused (unless it is a comment) without being held in memory.
     */
    public static final int MAX_LINE = 2 * ItemRules.MAX_VALUE;

    @Override
    public void read(Path file, ImportDefaults defaults, Consumer<ImportEntry> sink) throws IOException {
        try (BoundedLineReader reader = new BoundedLineReader(Files2.utf8Reader(file), MAX_LINE)) {
            BoundedLineReader.Line line;
            while ((line = reader.next()) != null) {
                String location = "line " + line.number();
                String value = valueOf(line.text());
                if (value == null) {
                    continue;
                }
                if (line.truncated()) {
                    sink.accept(ImportEntry.Refused.because(location, "value", "line_too_long", "the line is "
                            + line.length() + " characters long; a blocklist line may be at most " + MAX_LINE));
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
