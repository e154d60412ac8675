package org.caspianhub.producers.imports;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line, keeping at most {@code maxChars} of each line: the rest of a longer line
 * is counted and skipped, never held. {@link java.io.BufferedReader#readLine()} would build the
 * whole line, and an upload of 256 MiB without a line break would become one string of that size.
 * Lines end at {@code \n}, {@code \r\n} or {@code \r}.
 */
final class BoundedLineReader implements Closeable {

    /**
     * One line: its number (from 1), its text (at most the reader's limit) and its full length.
     */
    record Line(long number, String text, long length) {
        /** True when the line was longer than the limit and {@link #text()} holds only its start. */
        boolean truncated() {
            return length > text.length();
        }
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[16 * 1024];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;
    private long number;
    private boolean afterCarriageReturn;

    BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of the text. */
    Line next() throws IOException {
        line.setLength(0);
        long length = 0;
        boolean consumed = false;
        while (true) {
            if (position >= limit && !fill()) {
                return consumed ? new Line(++number, line.toString(), length) : null;
            }
            char c = buffer[position++];
            if (afterCarriageReturn) {
                afterCarriageReturn = false;
                if (c == '\n' && !consumed) {
                    continue; // the \n of a \r\n pair: the line already ended at the \r
                }
            }
            consumed = true;
            if (c == '\n' || c == '\r') {
                afterCarriageReturn = c == '\r';
                return new Line(++number, line.toString(), length);
            }
            if (length < maxChars) {
                line.append(c);
            }
            length++;
        }
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buffer);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
