package org.caspianhub.hub.chaos;

import java.io.PrintStream;
import java.util.List;

/**
 * One scenario's count: submissions the gateway acknowledged, how many have their alert, how many
 * are lost (acknowledged without an alert, plus alerts of the subscribed party neither delivered
 * nor dead-lettered), duplicates on the alert topics and at the receiver, dead letters, and the
 * time from the end of the fault until everything acknowledged before it was alerted and delivered.
 */
public record ChaosResult(String scenario, int acknowledged, int alerted, int lost, long duplicatedOnTopics,
                          int delivered, long duplicatedAtReceiver, long deadLettered, double recoverSeconds,
                          List<String> notes) {

    static final String HEADER = "| scenario | acknowledged | alerted | lost | duplicated on the topics | delivered "
            + "| duplicated at the receiver | dead-lettered | time to recover |";

    /** The table, as Markdown (docs/reliability.md takes it as printed), then each scenario's notes. */
    public static void print(List<ChaosResult> results, PrintStream out) {
        out.println(HEADER);
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (ChaosResult r : results) {
            out.printf("| %s | %d | %d | %d | %d | %d | %d | %d | %s |%n", r.scenario, r.acknowledged, r.alerted, r.lost,
                    r.duplicatedOnTopics, r.delivered, r.duplicatedAtReceiver, r.deadLettered,
                    Double.isNaN(r.recoverSeconds) ? "not recovered" : String.format("%.1f s", r.recoverSeconds));
        }
        out.println();
        for (ChaosResult r : results) {
            r.notes.forEach(note -> out.println("- " + r.scenario + ": " + note));
        }
    }

    /** Whether the hub kept its promise: nothing lost, nothing written twice on the alert topics. */
    public boolean kept() {
        return lost == 0 && duplicatedOnTopics == 0 && !Double.isNaN(recoverSeconds);
    }
}
