package org.caspianhub.producers.knowledge.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.caspianhub.producers.knowledge.IndicatorView;

/** One canonical value a line: what a firewall's or proxy's external block list reads. */
final class TextExport implements ExportWriter {

    private final Writer out;

    TextExport(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    @Override
    public void begin() {
    }

    @Override
    public void write(IndicatorView view) throws IOException {
        out.write(view.value());
        out.write('\n');
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }
}
