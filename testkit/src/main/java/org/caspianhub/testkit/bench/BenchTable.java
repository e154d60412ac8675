package org.caspianhub.testkit.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark harness's report: one row per measured pass, each compared with the baseline
 * row (raw Kafka in the same run), printed as a Markdown table ready for docs/benchmarks.md.
 */
public final class BenchTable {

    /** One measured pass. {@code rate} is records per second; latencies may be NaN when not measured. */
    public record Row(String name, long records, double seconds, double p50Millis, double p99Millis) {
        public double rate() {
            return records / seconds;
        }
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public BenchTable(String title) {
        this.title = title;
    }

    public Row add(String name, long records, double seconds, double p50Millis, double p99Millis) {
        Row row = new Row(name, records, seconds, p50Millis, p99Millis);
        rows.add(row);
        return row;
    }

    public Row add(String name, long records, double seconds) {
        return add(name, records, seconds, Double.NaN, Double.NaN);
    }

    public void note(String note) {
        notes.add(note);
    }

    /** Prints the table; ratios are against the first row (the baseline). */
    public void print(PrintStream out) {
        out.println();
        out.println("### " + title);
        out.println();
        out.println("| pass | records | seconds | records/s | vs baseline | p50 ms | p99 ms |");
        out.println("|---|---:|---:|---:|---:|---:|---:|");
        double baseline = rows.isEmpty() ? Double.NaN : rows.get(0).rate();
        for (Row row : rows) {
            out.printf("| %s | %,d | %.2f | %,.0f | %.2f | %s | %s |%n", row.name(), row.records(), row.seconds(),
                    row.rate(), row.rate() / baseline, fmt(row.p50Millis()), fmt(row.p99Millis()));
        }
        notes.forEach(n -> out.println("\n" + n));
        out.println();
        out.flush();
    }

    private static String fmt(double millis) {
        return Double.isNaN(millis) ? "-" : String.format("%.1f", millis);
    }
}
