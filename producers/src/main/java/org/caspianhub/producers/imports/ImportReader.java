package org.caspianhub.producers.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads one file format entry by entry, handing each to the sink as soon as it is read, so a file
 * of any size is imported in bounded memory.
 */
public interface ImportReader {

    void read(Path file, ImportDefaults defaults, Consumer<ImportEntry> sink) throws IOException;
}
