package org.caspianhub.producers.knowledge.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.caspianhub.producers.knowledge.IndicatorView;
import org.caspianhub.tlp.TlpLevels;

/**
 * RFC 4180 CSV with a header row; lists joined with {@code ;}. A cell that a spreadsheet would run
 * as a formula (starting with {@code = + - @}) is prefixed with a quote mark ({@code '}), as OWASP advises.
 */
final class CsvExport extends WriterExport {

    static final String HEADER = "type,value,status,score,severity,tlp,firstSeen,lastSeen,validUntil,parties,tags,references";

    CsvExport(OutputStream out) {
        super(out);
    }

    @Override
    public void begin() throws IOException {
        out.write(HEADER);
        out.write("\r\n");
    }

    @Override
    public void write(IndicatorView v) throws IOException {
        out.write(v.type().name());
        out.write(',');
        cell(v.value());
        out.write(',');
        out.write(v.status().name());
        out.write(',');
        out.write(Integer.toString(v.score()));
        out.write(',');
        out.write(v.severity().name());
        out.write(',');
        out.write(TlpLevels.label(v.tlp()));
        out.write(',');
        out.write(Exports.time(v.firstSeen()));
        out.write(',');
        out.write(Exports.time(v.lastSeen()));
        out.write(',');
        if (v.validUntil() != null) {
            out.write(Exports.time(v.validUntil()));
        }
        out.write(',');
        cell(join(v.parties()));
        out.write(',');
        cell(join(v.tags()));
        out.write(',');
        cell(join(v.references()));
        out.write("\r\n");
    }

    private void cell(String text) throws IOException {
        String value = inert(text);
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (quote) {
            out.write('"');
            out.write(value.replace("\"", "\"\""));
            out.write('"');
        } else {
            out.write(value);
        }
    }

    /**
     * Lists are joined with ';' and tags are another party's free text: in a locale whose list
     * separator is ';', every element is a cell of its own to a spreadsheet, so each element that
     * could start a formula (OWASP's list: = + - @, tab, carriage return) is prefixed with a quote.
     */
    private static String join(List<String> values) {
        StringBuilder joined = new StringBuilder();
        for (String value : values) {
            if (joined.length() > 0) {
                joined.append(';');
            }
            joined.append(inert(value));
        }
        return joined.toString();
    }

    private static String inert(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && text.charAt(0) != '\'' ? "'" + text : text;
    }
}
