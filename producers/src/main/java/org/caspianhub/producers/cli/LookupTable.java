package org.caspianhub.producers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The human table of {@code caspian lookup}: one line per value, in the order given. */
final class LookupTable {

    private static final String FORMAT = "%-32s  %-7s  %-6s  %-40s  %-8s  %5s  %-8s  %-16s  %-24s  %s%n";

    private final PrintWriter out;
    private int unknown;
    private int invalid;

    LookupTable(PrintWriter out) {
        this.out = out;
    }

    void header() {
        out.printf(FORMAT, "INPUT", "FOUND", "TYPE", "VALUE", "STATUS", "SCORE", "SEVERITY", "TLP", "LAST SEEN", "PARTIES");
    }

    void count(JsonNode result) {
        if (result.has("error")) {
            invalid++;
        } else if (!result.path("found").asBoolean()) {
            unknown++;
        }
    }

    void row(JsonNode result) {
        String input = clip(result.path("input").asText(), 32);
        if (result.has("error")) {
            JsonNode e = result.path("error");
            out.printf("%-32s  %-7s  %s%n", input, "invalid", e.path("field").asText("value") + ": " + e.path("message").asText());
            return;
        }
        boolean found = result.path("found").asBoolean();
        JsonNode s = result.path("summary");
        List<String> parties = new ArrayList<>();
        s.path("parties").forEach(p -> parties.add(p.asText()));
        out.printf(FORMAT, input, found ? "yes" : "no", result.path("type").asText("-"), clip(result.path("value").asText("-"), 40),
                found ? s.path("status").asText("-").toLowerCase(java.util.Locale.ROOT) : "-",
                found ? s.path("score").asText("-") : "-",
                found ? s.path("severity").asText("-").toLowerCase(java.util.Locale.ROOT) : "-",
                found ? s.path("tlp").asText("-") : "-", found ? s.path("lastSeen").asText("-") : "-",
                found ? String.join(",", parties) : "-");
    }

    int unknown() {
        return unknown;
    }

    int invalid() {
        return invalid;
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
