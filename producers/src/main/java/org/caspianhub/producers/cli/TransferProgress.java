package org.caspianhub.producers.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A download's progress line on stderr, {@code 12.4 MB  183,000 records  9.8 MB/s}, redrawn at most
 * five times a second. Records are counted as line ends, for the line-per-record formats.
 */
final class TransferProgress {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final boolean countRecords;
    private final long start = System.nanoTime();
    private long bytes;
    private long records;
    private long lastDraw;
    private boolean drawn;

    TransferProgress(PrintWriter err, boolean enabled, boolean countRecords) {
        this.err = err;
        this.enabled = enabled;
        this.countRecords = countRecords;
    }

    void update(byte[] chunk, int length) {
        bytes += length;
        if (countRecords) {
            for (int i = 0; i < length; i++) {
                if (chunk[i] == '\n') {
                    records++;
                }
            }
        }
        long now = System.nanoTime();
        if (enabled && now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(now);
        }
    }

    private void draw(long now) {
        double seconds = Math.max(1e-3, (now - start) / 1e9);
        err.printf(Locale.ROOT, "\r%10s%s  %s/s   ", bytes(bytes),
                countRecords ? String.format(Locale.ROOT, "  %,12d records", records) : "", bytes((long) (bytes / seconds)));
        err.flush();
        drawn = true;
    }

    void done() {
        if (enabled && bytes > 0) {
            draw(System.nanoTime());
        }
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    long bytes() {
        return bytes;
    }

    long records() {
        return records;
    }

    boolean countsRecords() {
        return countRecords;
    }

    static String bytes(long n) {
        if (n < 1_000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", n / 1e9);
    }
}
