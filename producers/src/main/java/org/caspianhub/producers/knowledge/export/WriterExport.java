package org.caspianhub.producers.knowledge.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** A text export: UTF-8 through a 64 KiB buffer, flushed at the end. */
abstract class WriterExport implements ExportWriter {

    protected final Writer out;

    WriterExport(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    @Override
    public void begin() throws IOException {
    }

    @Override
    public void end() throws IOException {
        out.flush();
    }
}
