package org.caspianhub.producers.knowledge.export;

import java.io.IOException;
import org.caspianhub.producers.knowledge.IndicatorView;

/**
 * Writes one export as the views stream past: a header, one entry per view, a footer. Nothing is
 * held beyond the current view, so an export of a million indicators runs in a small heap.
 */
public interface ExportWriter {

    void begin() throws IOException;

    void write(IndicatorView view) throws IOException;

    void end() throws IOException;
}
