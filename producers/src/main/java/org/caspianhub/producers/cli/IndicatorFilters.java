package org.caspianhub.producers.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The search and export filters, as options, sent as the query parameters the gateway reads. */
final class IndicatorFilters {

    @Option(names = "--type", description = "an indicator type: ipv4, domain, url, sha256... (repeatable)")
    List<String> types;

    @Option(names = "--tag", description = "a tag the indicator carries (repeatable)")
    List<String> tags;

    @Option(names = "--reference", description = "an incident or campaign reference (repeatable)")
    List<String> references;

    @Option(names = "--party", description = "a reporting party (repeatable)")
    List<String> parties;

    @Option(names = "--min-score", description = "score at least (0 to 100)")
    Integer minScore;

    @Option(names = "--status", description = "active, revoked or expired")
    String status;

    @Option(names = "--tlp", description = "TLP at most: green gives CLEAR and GREEN only")
    String tlp;

    @Option(names = "--active", description = "only indicators in force: not revoked, expired or decayed")
    boolean active;

    @Option(names = "--first-seen-from", description = "RFC 3339 time")
    String firstSeenFrom;

    @Option(names = "--first-seen-to", description = "RFC 3339 time")
    String firstSeenTo;

    @Option(names = "--last-seen-from", description = "RFC 3339 time")
    String lastSeenFrom;

    @Option(names = "--last-seen-to", description = "RFC 3339 time")
    String lastSeenTo;

    /** {@code ?type=ipv4&minScore=70...}, or the empty string. */
    String query() {
        List<String> params = new ArrayList<>();
        all(params, "type", types);
        all(params, "tag", tags);
        all(params, "reference", references);
        all(params, "party", parties);
        one(params, "minScore", minScore == null ? null : minScore.toString());
        one(params, "status", status);
        one(params, "tlp", tlp);
        one(params, "active", active ? "true" : null);
        one(params, "firstSeenFrom", firstSeenFrom);
        one(params, "firstSeenTo", firstSeenTo);
        one(params, "lastSeenFrom", lastSeenFrom);
        one(params, "lastSeenTo", lastSeenTo);
        return params.isEmpty() ? "" : "?" + String.join("&", params);
    }

    private static void all(List<String> params, String name, List<String> values) {
        if (values != null) {
            values.forEach(v -> one(params, name, v));
        }
    }

    private static void one(List<String> params, String name, String value) {
        if (value != null) {
            params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }
}
