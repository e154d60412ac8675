package org.caspianhub.producers.cli;

import java.io.PrintWriter;

/** A one-line upload progress bar on stderr: {@code [#########           ]  45%  12.3 of 27.0 MB}. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final boolean enabled;
    private int lastPercent = -1;
    private boolean drawn;

    ProgressBar(PrintWriter err, long total, boolean enabled) {
        this.err = err;
        this.total = Math.max(1, total);
        this.enabled = enabled;
    }

    synchronized void update(long sent) {
        if (!enabled) {
            return;
        }
        int percent = (int) Math.min(100, sent * 100 / total);
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        err.printf("\r[%s%s] %3d%%  %.1f of %.1f MB%s", "#".repeat(filled), " ".repeat(WIDTH - filled), percent,
                sent / 1e6, total / 1e6, percent == 100 ? "  importing..." : "");
        err.flush();
        drawn = true;
    }

    synchronized void done() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }
}
