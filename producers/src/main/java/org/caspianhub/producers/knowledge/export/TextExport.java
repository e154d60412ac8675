package org.caspianhub.producers.knowledge.export;

import java.io.IOException;
import java.io.OutputStream;
import org.caspianhub.producers.knowledge.IndicatorView;

/** One canonical value a line: what a firewall's or proxy's external block list reads. */
final class TextExport extends WriterExport {

    TextExport(OutputStream out) {
        super(out);
    }

    @Override
    public void write(IndicatorView view) throws IOException {
        out.write(view.value());
        out.write('\n');
    }
}
