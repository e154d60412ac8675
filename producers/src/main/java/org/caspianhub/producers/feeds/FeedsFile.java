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
import org.caspianhub.runtime.json.StrictJsonObject;
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
        StrictJsonObject json = new StrictJsonObject(f, "");
        json.onlyKnown(FIELDS);
        String name = json.text("name", true, 200);
        if (name != null) {
            where = where + " ('" + name + "')";
        }
        URI url = url(json);
        String formatName = json.text("format", true, 64);
        FeedFormat format = formatName == null ? null : FeedFormat.parse(formatName).orElse(null);
        if (formatName != null && format == null) {
            json.problem("format", "invalid_format", "must be one of " + FeedFormat.names() + ", got '" + formatName + "'");
        }
        PartyId party = party(json, parties);
        Tlp tlp = json.strictLabel("tlp", Labels::tlp, "clear, green, amber, amber+strict or red");
        Duration interval = json.duration("interval");
        if (interval != null && interval.compareTo(MIN_INTERVAL) < 0) {
            json.problem("interval", "out_of_range", "must be at least " + MIN_INTERVAL);
        }
        Integer reliability = json.integer("reliability", 0, 100);
        Integer confidence = json.integer("confidence", 0, 100);
        List<String> tags = json.strings("tags", 100, 100);
        Optional<Secret> authorization = Optional.empty();
        String variable = json.text("authorizationEnv", false, 200);
        if (variable != null) {
            String value = environment.get(variable);
            if (value == null || value.isBlank()) {
                json.problem("authorizationEnv", "not_set", "names " + variable + ", which is not set");
            }
            authorization = Optional.ofNullable(value).map(Secret::new);
        }
        boolean allowPrivate = json.bool(OutboundDestinations.ALLOW_FIELD, false);
        if (!json.problems().isEmpty()) {
            // every mistake in the feed at once, each with its field
            throw new IllegalArgumentException(where + ": " + String.join("; ",
                    json.problems().stream().map(StrictJsonObject.Problem::message).toList()));
        }
        return new FeedConfig(name, url, format, party, tlp == null ? Tlp.AMBER : tlp,
                interval == null ? DEFAULT_INTERVAL : interval, reliability, confidence, tags, authorization, allowPrivate);
    }

    private static PartyId party(StrictJsonObject json, Parties parties) {
        String name = json.text("party", true, 64);
        if (name == null) {
            return null;
        }
        try {
            PartyId party = PartyId.of(name);
            if (parties.contains(party)) {
                return party;
            }
            json.problem("party", "unknown_party", "'" + party + "' is not configured");
        } catch (IllegalArgumentException e) {
            json.problem("party", "invalid_party", e.getMessage());
        }
        return null;
    }

    private static URI url(StrictJsonObject json) {
        String text = json.text("url", true, 2000);
        if (text == null) {
            return null;
        }
        try {
            URI url = URI.create(text);
            if (url.getScheme() != null && Set.of("http", "https").contains(url.getScheme())) {
                return url;
            }
            json.problem("url", "invalid_url", "must be http or https, got " + url);
        } catch (IllegalArgumentException e) {
            json.problem("url", "invalid_url", "is not a URL: " + e.getMessage());
        }
        return null;
    }
}
