package org.caspianhub.testkit.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/** Records latencies from any thread (HdrHistogram, 3 significant digits) and reports percentiles in milliseconds. */
public final class Latencies {

    private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(5), 3);
    private final Histogram total = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);

    public void recordNanos(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, TimeUnit.MINUTES.toNanos(5))));
    }

    public void recordMillis(long millis) {
        recordNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    /** Everything recorded so far. */
    public synchronized Histogram snapshot() {
        total.add(recorder.getIntervalHistogram());
        return total.copy();
    }

    public double percentileMillis(double percentile) {
        return snapshot().getValueAtPercentile(percentile) / 1_000_000.0;
    }

    public long count() {
        return snapshot().getTotalCount();
    }

    /** {@code p50 3.1 ms, p99 12.4 ms, max 40.2 ms (n=10000)}. */
    public String summary() {
        Histogram h = snapshot();
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6,
                h.getTotalCount());
    }
}
