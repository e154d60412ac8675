package org.caspianhub.producers.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.runtime.Secret;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.net.OutboundDestinations;

/**
 * Reads {@code CASPIAN_FEEDS_FILE}, a JSON array of feeds:
 * <pre>
 * [{"name": "abuse-feodo", "url": "https://feodotracker.abuse.ch/downloads/ipblocklist.txt",
 *   "format": "text", "party": "ir", "tlp": "clear", "interval": "1h", "reliability": 80,
 *   "confidence": 70, "tags": ["botnet-c2"], "authorizationEnv": "FEODO_AUTH"}]
 * </pre>
 * A feed on a loopback, link-local or private address needs {@code "allowPrivateNetwork": true}
 * (see {@link OutboundDestinations}).
 * Every mistake is reported with the feed's position and name, at start-up.
 */
public final class FeedsFile {

    private static final Set<String> FIELDS = Set.of("name", "url", "format", "party", "tlp", "interval",
            "reliability", "confidence", "tags", "authorizationEnv", OutboundDestinations.ALLOW_FIELD);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    private FeedsFile() {
    }

    public static List<FeedConfig> load(Path file, Parties parties, Map<String, String> environment) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feeds file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("feeds file " + file + " must hold a JSON array of feeds");
        }
        List<FeedConfig> feeds = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            FeedConfig feed = feed(root.get(i), "feeds file " + file + ", feed " + i, parties, environment);
            if (!names.add(feed.name())) {
                throw new IllegalArgumentException("feeds file " + file + ": two feeds are named '" + feed.name() + "'");
            }
            feeds.add(feed);
        }
        return feeds;
    }

    static FeedConfig feed(JsonNode f, String where, Parties parties, Map<String, String> environment) {
        if (!f.isObject()) {
            throw new IllegalArgumentException(where + ": a feed must be a JSON object");
        }
        String position = where;
        f.fieldNames().forEachRemaining(n -> {
            if (!FIELDS.contains(n)) {
                throw new IllegalArgumentException(position + ": unknown field '" + n + "' (known: " + FIELDS + ")");
            }
        });
        String name = required(f, "name", where);
        where = where + " ('" + name + "')";
        URI url;
        try {
            url = URI.create(required(f, "url", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": url is not a URL: " + e.getMessage());
        }
        if (url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme())) {
            throw new IllegalArgumentException(where + ": url must be http or https, got " + url);
        }
        String formatName = required(f, "format", where);
        String named = where;
        FeedFormat format = FeedFormat.parse(formatName).orElseThrow(() -> new IllegalArgumentException(
                named + ": format must be one of " + FeedFormat.names() + ", got '" + formatName + "'"));
        PartyId party = PartyId.of(required(f, "party", where));
        if (!parties.contains(party)) {
            throw new IllegalArgumentException(where + ": party '" + party + "' is not configured");
        }
        String tlpName = f.path("tlp").asText("amber");
        String finalWhere = where;
        Tlp tlp = Labels.tlp(tlpName).orElseThrow(() -> new IllegalArgumentException(finalWhere
                + ": tlp must be clear, green, amber, amber+strict or red, got '" + tlpName + "'"));
        Duration interval = interval(f, where);
        if (interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException(where + ": interval must be at least " + MIN_INTERVAL);
        }
        Integer reliability = percent(f, "reliability", where);
        Integer confidence = percent(f, "confidence", where);
        List<String> tags = new ArrayList<>();
        f.path("tags").forEach(t -> tags.add(t.asText()));
        Optional<Secret> authorization = Optional.empty();
        if (f.hasNonNull("authorizationEnv")) {
            String variable = f.get("authorizationEnv").asText();
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(where + ": authorizationEnv names " + variable + ", which is not set");
            }
            authorization = Optional.of(new Secret(value));
        }
        JsonNode allow = f.get(OutboundDestinations.ALLOW_FIELD);
        if (allow != null && !allow.isBoolean()) {
            throw new IllegalArgumentException(where + ": " + OutboundDestinations.ALLOW_FIELD + " must be true or false, got " + allow);
        }
        return new FeedConfig(name, url, format, party, tlp, interval, reliability, confidence, tags, authorization,
                allow != null && allow.booleanValue());
    }

    private static Duration interval(JsonNode f, String where) {
        if (!f.hasNonNull("interval")) {
            return DEFAULT_INTERVAL;
        }
        String text = f.get("interval").asText();
        try {
            return Settings.parseDuration(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": interval " + e.getMessage()); // "must be a duration such as ..."
        }
    }

    private static Integer percent(JsonNode f, String field, String where) {
        if (!f.hasNonNull(field)) {
            return null;
        }
        JsonNode v = f.get(field);
        if (!v.isIntegralNumber() || v.intValue() < 0 || v.intValue() > 100) {
            throw new IllegalArgumentException(where + ": " + field + " must be a whole number from 0 to 100, got " + v);
        }
        return v.intValue();
    }

    private static String required(JsonNode f, String field, String where) {
        JsonNode v = f.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' is required");
        }
        return v.asText().trim();
    }
}
