package org.caspianhub.consumers.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.siem.SyslogTrust;
import org.caspianhub.tlp.TlpLevels;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.Secret;
import org.caspianhub.runtime.Settings;
import org.caspianhub.runtime.json.StrictJsonObject;
import org.caspianhub.runtime.net.Loopback;
import org.caspianhub.runtime.net.OutboundDestinations;

/**
 * Reads the subscriptions file (CASPIAN_SUBSCRIPTIONS_FILE), a JSON document:
 * <pre>
 * {"subscriptions": [
 *   {"id": "ir-soc", "party": "ir",
 *    "destination": {"type": "webhook", "url": "https://soc.example.ir/hooks/cti", "format": "json",
 *                    "secretEnv": "IR_SOC_WEBHOOK_SECRET"},
 *    "filter": {"types": ["IPV4", "DOMAIN"], "minScore": 50, "maxTlp": "AMBER"},
 *    "delivery": {"maxAge": "24h", "initialBackoff": "1s", "maxBackoff": "5m", "timeout": "10s"}},
 *   {"id": "ir-siem", "party": "ir", "destination": {"type": "syslog", "host": "siem.example.ir", "port": 6514,
 *                                                   "tls": true, "caFile": "/etc/caspian/siem-ca.pem"}}
 * ]}
 * </pre>
 * Every problem in the file is reported at once, each with its path ({@code subscriptions[0]
 * (ir-soc).destination.url: ...}), and start-up fails: a dispatcher never runs on half a
 * configuration. HMAC secrets never appear in the file: it names an environment variable
 * ({@code secretEnv}) or a file ({@code secretFile}) holding the key. A webhook URL is https;
 * http only to this machine or with {@code "insecure": true}. Syslog goes over TLS with
 * {@code "tls": true} (trusting {@code "caFile"}, PEM, or the JVM's trust store); plain TCP
 * likewise only to this machine or with {@code "insecure": true}.
 */
public final class SubscriptionsFile {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Names, hosts, paths: long enough for any real one, short enough that a pasted document is refused. */
    private static final int MAX_TEXT = 4096;
    private static final Set<String> SUBSCRIPTION_FIELDS = Set.of("id", "party", "enabled", "description", "destination", "filter", "delivery");
    private static final Set<String> WEBHOOK_FIELDS = Set.of("type", "url", "format", "secretEnv", "secretFile", "insecure",
            OutboundDestinations.ALLOW_FIELD);
    private static final Set<String> SYSLOG_FIELDS = Set.of("type", "host", "port", "hostname", "facility", "appName",
            "tls", "caFile", "insecure");
    private static final Set<String> FILTER_FIELDS = Set.of("types", "minScore", "minConfidence", "minSeverity", "tags", "kinds", "maxTlp");
    private static final Set<String> DELIVERY_FIELDS = Set.of("maxAttempts", "initialBackoff", "maxBackoff", "timeout",
            "maxInFlight", "maxRetryAfter", "startFrom", "maxAge");
    private static final Map<String, Integer> FACILITIES = Map.ofEntries(
            Map.entry("kern", 0), Map.entry("user", 1), Map.entry("daemon", 3), Map.entry("auth", 4),
            Map.entry("syslog", 5), Map.entry("authpriv", 10), Map.entry("security", 13),
            Map.entry("local0", 16), Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19),
            Map.entry("local4", 20), Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));

    private final Parties parties;
    private final DeliveryPolicy defaults;
    private final Settings settings;
    private final Path baseDirectory;
    private final List<String> problems = new ArrayList<>();

    private SubscriptionsFile(Parties parties, DeliveryPolicy defaults, Settings settings, Path baseDirectory) {
        this.parties = parties;
        this.defaults = defaults;
        this.settings = settings;
        this.baseDirectory = baseDirectory;
    }

    /**
     * @param settings where {@code secretEnv} names are looked up (environment, system properties)
     * @throws IllegalArgumentException listing every problem in the file
     */
    public static List<Subscription> load(Path file, Parties parties, DeliveryPolicy defaults, Settings settings) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read subscriptions file " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, file.toString(), parties, defaults, settings, base);
    }

    /** Parses a document; {@code source} names it in error messages. */
    public static List<Subscription> parse(String json, String source, Parties parties, DeliveryPolicy defaults,
                                           Settings settings, Path baseDirectory) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("subscriptions file " + source + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        SubscriptionsFile reader = new SubscriptionsFile(parties, defaults, settings, baseDirectory);
        List<Subscription> subscriptions = reader.read(root);
        if (!reader.problems.isEmpty()) {
            throw new IllegalArgumentException("subscriptions file " + source + " has " + reader.problems.size()
                    + (reader.problems.size() == 1 ? " problem" : " problems") + ":\n  "
                    + String.join("\n  ", reader.problems));
        }
        return subscriptions;
    }

    private List<Subscription> read(JsonNode root) {
        JsonNode list = root;
        if (root != null && root.isObject()) {
            json(root, "").onlyKnown(Set.of("subscriptions"));
            list = root.get("subscriptions");
        }
        if (list == null || !list.isArray()) {
            problems.add("the document must be {\"subscriptions\": [...]} or an array of subscriptions");
            return List.of();
        }
        List<Subscription> subscriptions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            String id = entry != null && entry.path("id").isTextual() ? entry.get("id").asText() : null;
            String path = "subscriptions[" + i + "]" + (id == null ? "" : " (" + id + ")");
            if (entry == null || !entry.isObject()) {
                problems.add(path + ": must be an object");
                continue;
            }
            if (id != null && !ids.add(id)) {
                problems.add(path + ".id: '" + id + "' is used by another subscription");
            }
            subscription(entry, path).ifPresent(subscriptions::add);
        }
        return List.copyOf(subscriptions);
    }

    private Optional<Subscription> subscription(JsonNode node, String path) {
        int before = problems.size();
        StrictJsonObject json = json(node, path);
        json.onlyKnown(SUBSCRIPTION_FIELDS);
        String id = json.text("id", true, MAX_TEXT);
        String partyName = json.text("party", true, MAX_TEXT);
        PartyId party = partyName == null ? null : party(partyName, path + ".party");
        boolean enabled = json.bool("enabled", true);
        if (json.present("enabled") && !json.has("enabled")) {
            json.problem("enabled", "not_a_boolean", "must be true or false, got null"); // null never means enabled
        }
        JsonNode destinationNode = json.object("destination", true);
        Destination destination = destinationNode == null ? null : destination(destinationNode, path + ".destination");
        JsonNode filterNode = json.object("filter", false);
        AlertFilter filter = filterNode == null ? AlertFilter.all() : filter(filterNode, path + ".filter");
        JsonNode deliveryNode = json.object("delivery", false);
        DeliveryPolicy policy = deliveryNode == null ? defaults : policy(deliveryNode, path + ".delivery");
        if (problems.size() > before || !enabled) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Subscription(id, party, destination, filter, policy));
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The destination, or null after a problem. */
    private Destination destination(JsonNode node, String path) {
        int before = problems.size();
        StrictJsonObject json = json(node, path);
        String type = json.text("type", true, MAX_TEXT);
        if (type == null) {
            return null;
        }
        Destination destination = switch (type.toLowerCase(Locale.ROOT)) {
            case "webhook" -> {
                json.onlyKnown(WEBHOOK_FIELDS);
                boolean insecure = json.bool("insecure", false);
                boolean allowPrivate = json.bool(OutboundDestinations.ALLOW_FIELD, false);
                URI url = url(json.text("url", true, MAX_TEXT), path + ".url", insecure, allowPrivate);
                WebhookFormat format = Objects.requireNonNullElse(json.constant("format", WebhookFormat.class), WebhookFormat.JSON);
                Secret secret = secret(json, path);
                yield url == null || secret == null ? null : new Destination.Webhook(url, format, secret, allowPrivate);
            }
            case "syslog" -> {
                json.onlyKnown(SYSLOG_FIELDS);
                String host = json.text("host", true, MAX_TEXT);
                Integer port = json.integer("port", 1, 65535);
                if (port == null && !json.has("port")) {
                    json.problem("port", "required", "is required");
                }
                String hostname = Objects.requireNonNullElseGet(json.text("hostname", false, MAX_TEXT), SubscriptionsFile::localHostName);
                String facilityName = Objects.requireNonNullElse(json.text("facility", false, MAX_TEXT), "local0");
                Integer facility = FACILITIES.get(facilityName.toLowerCase(Locale.ROOT));
                if (facility == null) {
                    json.problem("facility", "invalid_facility", "must be one of " + FACILITIES.keySet().stream().sorted().toList()
                            + ", got '" + facilityName + "'");
                }
                String appName = Objects.requireNonNullElse(json.text("appName", false, MAX_TEXT), "caspian-hub");
                Optional<Destination.Syslog.Tls> tls = syslogTls(json, host, path);
                yield host == null || port == null || facility == null || tls == null ? null
                        : new Destination.Syslog(host, port, printable(hostname, 255), facility, printable(appName, 48), tls);
            }
            case "log" -> {
                json.onlyKnown(Set.of("type"));
                yield new Destination.Log();
            }
            default -> {
                json.problem("type", "invalid_type", "must be webhook, syslog or log, got '" + type + "'");
                yield null;
            }
        };
        return problems.size() > before ? null : destination;
    }

    private Secret secret(StrictJsonObject json, String path) {
        boolean env = json.present("secretEnv");
        boolean file = json.present("secretFile");
        if (env == file) {
            problems.add(path + ": a webhook needs exactly one of secretEnv (the environment variable holding "
                    + "its HMAC key) or secretFile (a file holding it)");
            return null;
        }
        if (env) {
            String name = json.text("secretEnv", true, MAX_TEXT);
            if (name == null) {
                return null;
            }
            Optional<Secret> secret = settings.secret(name);
            if (secret.isEmpty()) {
                problems.add(path + ".secretEnv: the environment variable " + name + " is not set");
                return null;
            }
            return weakSecret(secret.get(), path + ".secretEnv");
        }
        String name = json.text("secretFile", true, MAX_TEXT);
        if (name == null) {
            return null;
        }
        Path secretFile = besideThisFile(name);
        try {
            String value = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                problems.add(path + ".secretFile: " + secretFile + " is empty");
                return null;
            }
            return weakSecret(new Secret(value), path + ".secretFile");
        } catch (IOException e) {
            problems.add(path + ".secretFile: cannot read " + secretFile + " (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    /** A short key makes a forgeable signature: refuse below 16 bytes. */
    private Secret weakSecret(Secret secret, String path) {
        if (secret.reveal().getBytes(StandardCharsets.UTF_8).length < 16) {
            problems.add(path + ": the HMAC key must be at least 16 bytes long");
            return null;
        }
        return secret;
    }

    private AlertFilter filter(JsonNode node, String path) {
        int before = problems.size();
        StrictJsonObject json = json(node, path);
        json.onlyKnown(FILTER_FIELDS);
        // a condition written as null is a mistake, never "no condition": it would widen what a destination gets
        for (String field : FILTER_FIELDS) {
            if (!field.equals("maxTlp") && json.present(field) && node.get(field).isNull()) {
                json.problem(field, "null_condition", "is null; leave the field out for no condition");
            }
        }
        Set<IndicatorType> types = constants(json, "types", IndicatorType.class);
        Integer minScore = Objects.requireNonNullElse(json.integer("minScore", 0, 100), 0);
        Integer minConfidence = Objects.requireNonNullElse(json.integer("minConfidence", 0, 100), 0);
        Severity minSeverity = json.constant("minSeverity", Severity.class);
        Set<String> tags = new LinkedHashSet<>(json.strings("tags", Integer.MAX_VALUE, MAX_TEXT));
        Set<AlertKind> kinds = constants(json, "kinds", AlertKind.class);
        // a ceiling written but left empty or null is a mistake, never "no ceiling": it is refused
        String tlp = json.present("maxTlp") ? json.text("maxTlp", true, MAX_TEXT) : null;
        Tlp maxTlp = null;
        if (tlp != null) {
            try {
                maxTlp = TlpLevels.require(tlp);
            } catch (IllegalArgumentException e) {
                json.problem("maxTlp", "invalid_max_tlp", e.getMessage());
            }
        }
        if (problems.size() > before) {
            return AlertFilter.all();
        }
        return new AlertFilter(types, minScore, minConfidence, minSeverity, tags, kinds, maxTlp);
    }

    /** An array of an enum's constant names, by name in any case. */
    private static <E extends Enum<E>> Set<E> constants(StrictJsonObject json, String field, Class<E> type) {
        Set<E> constants = new LinkedHashSet<>();
        List<String> names = json.strings(field, Integer.MAX_VALUE, MAX_TEXT);
        for (int i = 0; i < names.size(); i++) {
            Optional<E> constant = StrictJsonObject.constantOf(type, names.get(i));
            if (constant.isPresent()) {
                constants.add(constant.get());
            } else {
                json.problem(field + "[" + i + "]", "invalid_" + field,
                        "must be one of " + StrictJsonObject.constantNames(type) + ", got '" + names.get(i) + "'");
            }
        }
        return constants;
    }

    private DeliveryPolicy policy(JsonNode node, String path) {
        int before = problems.size();
        StrictJsonObject json = json(node, path);
        json.onlyKnown(DELIVERY_FIELDS);
        int attempts = Objects.requireNonNullElse(json.integer("maxAttempts", 0, 100_000), defaults.maxAttempts());
        Duration initial = Objects.requireNonNullElse(json.duration("initialBackoff"), defaults.initialBackoff());
        Duration max = Objects.requireNonNullElse(json.duration("maxBackoff"), defaults.maxBackoff());
        Duration timeout = Objects.requireNonNullElse(json.duration("timeout"), defaults.timeout());
        int inFlight = Objects.requireNonNullElse(json.integer("maxInFlight", 1, 4096), defaults.maxInFlight());
        Duration retryAfter = Objects.requireNonNullElse(json.duration("maxRetryAfter"), defaults.maxRetryAfter());
        Duration maxAge = Objects.requireNonNullElse(json.duration("maxAge"), defaults.maxAge());
        String startFrom = Objects.requireNonNullElse(json.text("startFrom", false, MAX_TEXT), defaults.startFrom());
        if (problems.size() > before) {
            return defaults;
        }
        try {
            return new DeliveryPolicy(attempts, initial, max, timeout, inFlight, retryAfter, startFrom.toLowerCase(Locale.ROOT), maxAge);
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return defaults;
        }
    }

    private PartyId party(String value, String path) {
        try {
            PartyId party = PartyId.of(value);
            if (!parties.contains(party)) {
                problems.add(path + ": '" + value + "' is not a configured party " + parties.all());
                return null;
            }
            return party;
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * An absolute https URL; http only to this machine, or where the entry says
     * {@code "insecure": true}: a plain-HTTP alert crosses every network on its way readable, TLP
     * marking and all. An address literal that {@link OutboundDestinations} refuses (loopback,
     * link-local, private) needs {@code "allowPrivateNetwork": true}; a name is checked by what it
     * resolves to at each delivery.
     */
    private URI url(String value, String path, boolean insecure, boolean allowPrivate) {
        if (value == null) {
            return null;
        }
        try {
            URI url = new URI(value);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                problems.add(path + ": must be an absolute http or https URL with a host, got '" + redact(value) + "'");
                return null;
            }
            if (url.getRawUserInfo() != null) {
                problems.add(path + ": must not carry credentials; the hub signs its requests instead");
                return null;
            }
            if (!allowPrivate && InetAddresses.isUriInetAddress(url.getHost())) {
                Optional<String> restriction = OutboundDestinations.restriction(InetAddresses.forUriString(url.getHost()));
                if (restriction.isPresent()) {
                    problems.add(path + ": " + url.getHost() + " is " + restriction.get() + "; alerts go to the hub's own or "
                            + "private networks only where the operator adds \"" + OutboundDestinations.ALLOW_FIELD
                            + "\": true to this destination");
                    return null;
                }
            }
            if (scheme.equals("http") && !insecure && !Loopback.isLoopbackLiteral(url.getHost())) {
                problems.add(path + ": plain http to " + url.getHost() + " would send alerts readable by anyone on the way; "
                        + "use https, or add \"insecure\": true to this destination on a network you trust "
                        + "(http needs no flag only to this machine: localhost, 127.0.0.1, [::1])");
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            problems.add(path + ": is not a valid URL (" + e.getReason() + ")");
            return null;
        }
    }

    /**
     * TLS for a syslog destination ({@code "tls": true}, optionally {@code "caFile"}); plain TCP
     * only to this machine or with {@code "insecure": true}, as for webhooks. Null after a problem.
     */
    private Optional<Destination.Syslog.Tls> syslogTls(StrictJsonObject json, String host, String path) {
        int before = problems.size();
        boolean tls = json.bool("tls", false);
        boolean insecure = json.bool("insecure", false);
        if (problems.size() > before) {
            return null;
        }
        if (tls && insecure) {
            // it would read as "skip the certificate check", which nothing here does
            problems.add(path + ".insecure: only for plain TCP; with \"tls\": true the listener's certificate is always "
                    + "checked (name the certificates to trust in \"caFile\")");
            return null;
        }
        if (!tls) {
            if (json.present("caFile")) {
                problems.add(path + ".caFile: only for \"tls\": true");
                return null;
            }
            if (host != null && !insecure && !Loopback.isLoopbackLiteral(host)) {
                problems.add(path + ": plain TCP syslog to " + host + " would send alerts readable by anyone on the way; "
                        + "add \"tls\": true (RFC 5425, the listener's port for TLS, often 6514), or \"insecure\": true "
                        + "on a network you trust (plain TCP needs no flag only to this machine)");
                return null;
            }
            return Optional.empty();
        }
        if (!json.present("caFile")) {
            return Optional.of(new Destination.Syslog.Tls(Optional.empty()));
        }
        String file = json.text("caFile", true, MAX_TEXT);
        if (file == null) {
            return null;
        }
        Optional<Path> caFile = Optional.of(besideThisFile(file));
        try {
            SyslogTrust.context(caFile); // read now: a bad file stops start-up, not the first delivery
        } catch (IllegalArgumentException e) {
            problems.add(path + ".caFile: " + e.getMessage());
            return null;
        }
        return Optional.of(new Destination.Syslog.Tls(caFile));
    }

    /** A file the subscriptions file names: a relative name is found next to it. */
    private Path besideThisFile(String name) {
        return baseDirectory == null ? Path.of(name) : baseDirectory.resolve(name);
    }

    /** A URL in an error message, without what may follow '?' or precede '@'. */
    private static String redact(String url) {
        String s = url.contains("?") ? url.substring(0, url.indexOf('?')) + "?..." : url;
        int at = s.indexOf('@');
        int scheme = s.indexOf("://");
        return at > 0 && scheme >= 0 && at > scheme ? s.substring(0, scheme + 3) + "...@" + s.substring(at + 1) : s;
    }

    /** A reader of one object of the file whose problems are this file's, each as "path: what is wrong". */
    private StrictJsonObject json(JsonNode node, String path) {
        return new StrictJsonObject(node, path, problem -> problems.add(problem.path() + ": " + problem.predicate()));
    }

    /** RFC 5424 header fields are printable US-ASCII without spaces. */
    private static String printable(String value, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c > 32 && c < 127 && s.length() < maxLength) {
                s.append(c);
            }
        }
        return s.isEmpty() ? "-" : s.toString();
    }

    static String localHostName() {
        try {
            return printable(java.net.InetAddress.getLocalHost().getHostName(), 255);
        } catch (java.net.UnknownHostException e) {
            return "caspian-hub";
        }
    }
}
