package org.caspianhub.producers.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.runtime.ServiceMetrics;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed poller against a real local HTTP server serving fixture files: conditional requests
 * (an unchanged feed is a 304 and imports nothing), a TAXII 2.1 collection followed page by page
 * from its last date added, and a MISP feed's manifest and events. Failed imports are real ones:
 * a feed of a party whose topics do not exist yet, so the broker refuses the write; once the
 * topics are created, the next poll imports everything the failed one did not.
 */
class FeedPollerTest {

    static final String PARTNER_AMBER = "marking-definition--0a11c0de-0000-4000-8000-00000000a3be";
    static final int MAX_BYTES = 64 * 1024;

    static TestGateway platform;
    static PartyId ir;
    static HttpServer server;
    static FeedPollerService poller;
    /** Fails fast when the broker refuses a write, and downloads at most {@link #MAX_BYTES}. */
    static FeedPollerService strict;
    static final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    static final String BLOCKLIST = "# test feed\n203.0.113.201\nfeed-one.example\n";
    static final String MISP_UUID = "5e6b7c1a-2222-4f00-9000-000000000002";

    @BeforeAll
    static void start() throws Exception {
        platform = new TestGateway("ir");
        ir = TestParties.role(platform.parties, "ir");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/blocklist.txt", exchange -> {
            requests.add("blocklist " + exchange.getRequestHeaders().getFirst("If-None-Match"));
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            send(exchange, 200, BLOCKLIST);
        });
        server.createContext("/broken.txt", exchange -> send(exchange, 500, "oops"));
        server.createContext("/big.txt", exchange -> send(exchange, 200, bigList("big")));
        server.createContext("/big-chunked.txt", exchange -> {
            byte[] bytes = bigList("chunked").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, 0); // no Content-Length: only counting while reading can stop it
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.createContext("/taxii/api1/collections/c1/objects/", FeedPollerTest::taxii);
        server.createContext("/taxii/api1/collections/late/objects/", FeedPollerTest::lateTaxii);
        server.createContext("/late-misp/manifest.json", recorded(null, 200, mispManifest(LATE_MISP_UUID)));
        server.createContext("/late-misp/" + LATE_MISP_UUID + ".json", exchange -> {
            requests.add("late misp event " + exchange.getRequestHeaders().getFirst("If-None-Match"));
            if ("\"e1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("ETag", "\"e1\"");
            send(exchange, 200, "{\"Event\": {\"uuid\": \"" + LATE_MISP_UUID + "\", \"info\": \"late event\","
                    + " \"Attribute\": [{\"uuid\": \"m-2\", \"type\": \"domain\", \"value\": \"late-misp.example\", \"to_ids\": true}]}}");
        });
        server.createContext("/misp/manifest.json", recorded(null, 200, mispManifest(MISP_UUID)));
        server.createContext("/misp/" + MISP_UUID + ".json", recorded("misp event", 200, "{\"Event\": {\"uuid\": \""
                + MISP_UUID + "\", \"info\": \"feed event\", \"Tag\": [{\"name\": \"tlp:green\"}],"
                + " \"Attribute\": [{\"uuid\": \"m-1\", \"type\": \"domain\", \"value\": \"misp-feed.example\", \"to_ids\": true}]}}"));
        server.createContext("/mixed-misp/manifest.json", recorded(null, 200,
                mispManifest(BROKEN_MISP_UUID, MISSING_MISP_UUID, GOOD_MISP_UUID)));
        server.createContext("/mixed-misp/" + BROKEN_MISP_UUID + ".json", recorded("mixed misp broken", 200,
                "{\"Event\": {\"uuid\": \"" + BROKEN_MISP_UUID + "\", \"Attribute\": ["));
        server.createContext("/mixed-misp/" + MISSING_MISP_UUID + ".json", recorded("mixed misp missing", 404, "not here"));
        server.createContext("/mixed-misp/" + GOOD_MISP_UUID + ".json", recorded("mixed misp good", 200, "{\"Event\": {\"uuid\": \""
                + GOOD_MISP_UUID + "\", \"info\": \"good\","
                + " \"Attribute\": [{\"uuid\": \"m-3\", \"type\": \"domain\", \"value\": \"good-misp.example\", \"to_ids\": true}]}}"));
        server.createContext("/down-misp/manifest.json", recorded(null, 200, mispManifest(BROKEN_MISP_UUID, GOOD_MISP_UUID)));
        // every event file: the manifest's own context is more specific
        server.createContext("/down-misp/", recorded("down misp event", 503, "maintenance"));
        server.start();
        poller = new FeedPollerService(FeedPollerSettings.from(platform.settings), List.of(), ServiceMetrics.create("feeds"));
        poller.connect();
        strict = new FeedPollerService(FeedPollerSettings.from(platform.settings.with(Map.of(
                "CASPIAN_FEEDS_SEND_TIMEOUT", "4s", "CASPIAN_FEEDS_MAX_BYTES", String.valueOf(MAX_BYTES)))),
                List.of(), ServiceMetrics.create("feeds"));
        strict.connect();
    }

    @AfterAll
    static void stop() {
        poller.close();
        strict.close();
        server.stop(0);
    }

    static final String LATE_MISP_UUID = "5e6b7c1a-2222-4f00-9000-000000000003";
    static final String BROKEN_MISP_UUID = "5e6b7c1a-2222-4f00-9000-000000000004";
    static final String MISSING_MISP_UUID = "5e6b7c1a-2222-4f00-9000-000000000005";
    static final String GOOD_MISP_UUID = "5e6b7c1a-2222-4f00-9000-000000000006";

    /** A blocklist larger than {@link #MAX_BYTES}. */
    static String bigList(String name) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; list.length() <= 2 * MAX_BYTES; i++) {
            list.append(name).append('-').append(i).append(".big.example\n");
        }
        return list.toString();
    }

    /** A MISP feed manifest listing these events, all with one timestamp. */
    static String mispManifest(String... uuids) {
        List<String> events = new ArrayList<>();
        for (String uuid : uuids) {
            events.add("\"" + uuid + "\": {\"info\": \"event " + uuid + "\", \"timestamp\": \"1700000000\"}");
        }
        return "{" + String.join(",", events) + "}";
    }

    /** Answers every request with {@code status} and {@code body}, noting it in {@link #requests} as {@code request} (unless null). */
    static HttpHandler recorded(String request, int status, String body) {
        return exchange -> {
            if (request != null) {
                requests.add(request);
            }
            send(exchange, status, body);
        };
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Two pages on the first poll (more/next), nothing new after the cursor. */
    static void taxii(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        requests.add("taxii " + query);
        assertThat(exchange.getRequestHeaders().getFirst("Accept")).startsWith("application/taxii+json");
        exchange.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
        if (query.contains("added_after=2026-01-02")) {
            send(exchange, 200, "{\"more\": false}");
        } else if (query.contains("next=page2")) {
            exchange.getResponseHeaders().add("X-TAXII-Date-Added-Last", "2026-01-02T00:00:00.000Z");
            // marked by the partner's own definition, which came on page 1
            send(exchange, 200, "{\"more\": false, \"objects\": [" + indicator("2", "[domain-name:value = 'taxii-two.example']",
                    PARTNER_AMBER) + "]}");
        } else {
            exchange.getResponseHeaders().add("X-TAXII-Date-Added-Last", "2026-01-01T00:00:00.000Z");
            send(exchange, 200, "{\"more\": true, \"next\": \"page2\", \"objects\": [{\"type\": \"marking-definition\","
                    + " \"spec_version\": \"2.1\", \"id\": \"" + PARTNER_AMBER + "\", \"name\": \"TLP:AMBER\","
                    + " \"definition_type\": \"statement\", \"definition\": {\"statement\": \"partner: TLP:AMBER\"}}, "
                    + indicator("1", "[ipv4-addr:value = '198.51.100.201' OR url:value = 'http://taxii-one.example/x']") + "]}");
        }
    }

    /** The same two pages for the late party's feed, under other values; nothing after the first page's cursor. */
    static void lateTaxii(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        requests.add("late taxii " + query);
        exchange.getResponseHeaders().add("Content-Type", "application/taxii+json;version=2.1");
        if (query.contains("added_after=")) {
            send(exchange, 200, "{\"more\": false}");
        } else if (query.contains("next=page2")) {
            exchange.getResponseHeaders().add("X-TAXII-Date-Added-Last", "2026-01-02T00:00:00.000Z");
            send(exchange, 200, "{\"more\": false, \"objects\": [" + indicator("4", "[domain-name:value = 'late-taxii-two.example']") + "]}");
        } else {
            exchange.getResponseHeaders().add("X-TAXII-Date-Added-Last", "2026-01-01T00:00:00.000Z");
            send(exchange, 200, "{\"more\": true, \"next\": \"page2\", \"objects\": ["
                    + indicator("3", "[domain-name:value = 'late-taxii-one.example']") + "]}");
        }
    }

    static String indicator(String n, String pattern) {
        return indicator(n, pattern, "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da");
    }

    static String indicator(String n, String pattern, String marking) {
        return "{\"type\": \"indicator\", \"spec_version\": \"2.1\", \"id\": \"indicator--0000000" + n
                + "-0000-4000-8000-000000000000\", \"pattern_type\": \"stix\", \"pattern\": \"" + pattern + "\","
                + " \"object_marking_refs\": [\"" + marking + "\"]}";
    }

    private FeedConfig feed(String name, String path, FeedFormat format) {
        return feed(name, path, format, ir);
    }

    private FeedConfig feed(String name, String path, FeedFormat format, PartyId party) {
        return new FeedConfig(name, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), format, party,
                Tlp.CLEAR, Duration.ofMinutes(1), 75, 60, List.of("feed:" + name), Optional.empty(), true);
    }

    private List<IndicatorSubmission> written(String value) {
        return written(ir, value, 1);
    }

    private List<IndicatorSubmission> written(PartyId party, String value, int expected) {
        return platform.read(platform.topics.submissions(party), r -> r.value().getValue().equals(value), expected,
                Duration.ofSeconds(20)).stream().map(ConsumerRecord::value).toList();
    }

    /** A party whose topics do not exist yet: every write for it fails until {@link #createTopics} is called. */
    private static Parties lateParty() {
        return TestParties.unique("late");
    }

    private static void createTopics(Parties parties) {
        platform.platform.provisionTopics(parties);
    }

    @Test
    void aTextFeedIsImportedOnceAndAnUnchangedFeedCostsNothing() {
        FeedConfig feed = feed("blocklist", "/blocklist.txt", FeedFormat.TEXT);
        PollOutcome first = poller.pollNow(feed);
        assertThat(first.outcome()).isEqualTo(PollOutcome.CHANGED);
        assertThat(first.submitted()).isEqualTo(2);
        PollOutcome second = poller.pollNow(feed);
        assertThat(second.outcome()).isEqualTo(PollOutcome.NOT_MODIFIED);
        assertThat(requests).contains("blocklist null", "blocklist \"v1\"");
        assertThat(written("feed-one.example")).singleElement().satisfies(s -> {
            assertThat(s.getChannel()).isEqualTo(SourceChannel.FEED);
            assertThat(s.getSubmitter()).isEqualTo("blocklist");
            assertThat(s.getTlp()).isEqualTo(Tlp.CLEAR);
            assertThat(s.getSourceReliability()).isEqualTo(75);
            assertThat(s.getConfidence()).isEqualTo(60);
            assertThat(s.getTags()).contains("feed:blocklist");
        });
    }

    @Test
    void aFailingFeedIsAnErrorOutcomeNotAnException() {
        PollOutcome outcome = poller.pollNow(feed("broken", "/broken.txt", FeedFormat.TEXT));
        assertThat(outcome.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(outcome.error()).contains("500");
    }

    @Test
    void aTaxiiCollectionIsFollowedAcrossPagesAndThenAskedOnlyForWhatIsNew() {
        FeedConfig feed = feed("taxii", "/taxii/api1/collections/c1/", FeedFormat.TAXII);
        PollOutcome first = poller.pollNow(feed);
        assertThat(first.outcome()).isEqualTo(PollOutcome.CHANGED);
        assertThat(first.submitted()).isEqualTo(3);
        PollOutcome second = poller.pollNow(feed);
        assertThat(second.outcome()).isEqualTo(PollOutcome.NOT_MODIFIED);
        assertThat(requests).contains("taxii ", "taxii next=page2",
                "taxii added_after=2026-01-02T00%3A00%3A00.000Z");
        assertThat(written("http://taxii-one.example/x")).singleElement().satisfies(s -> {
            assertThat(s.getTlp()).as("the marking wins over the feed's default").isEqualTo(Tlp.GREEN);
            assertThat(s.getGroupRef()).isEqualTo("indicator--00000001-0000-4000-8000-000000000000");
        });
        assertThat(written("taxii-two.example")).singleElement().satisfies(s -> assertThat(s.getTlp())
                .as("the partner's marking definition came on page 1; page 2 refers to it").isEqualTo(Tlp.AMBER));
    }

    @Test
    void aTaxiiPageThatFailedToImportIsAskedForAgainNotSkipped() {
        Parties late = lateParty();
        PartyId party = TestParties.role(late, "late");
        FeedConfig feed = feed("late-taxii", "/taxii/api1/collections/late/", FeedFormat.TAXII, party);
        PollOutcome failed = strict.pollNow(feed);
        assertThat(failed.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(requests).as("the poll stops at the page it could not import").contains("late taxii ")
                .doesNotContain("late taxii next=page2");

        createTopics(late);
        PollOutcome recovered = strict.pollNow(feed);
        assertThat(recovered.outcome()).as(String.valueOf(recovered.error())).isEqualTo(PollOutcome.CHANGED);
        assertThat(recovered.submitted()).isEqualTo(2);
        assertThat(requests.stream().filter(r -> r.equals("late taxii "))).as("asked again from the start").hasSize(2);
        assertThat(written(party, "late-taxii-one.example", 1)).hasSize(1);
        assertThat(written(party, "late-taxii-two.example", 1)).hasSize(1);
    }

    @Test
    void aMispEventThatFailedToImportIsFetchedWholeAndImportedOnTheNextPoll() {
        Parties late = lateParty();
        PartyId party = TestParties.role(late, "late");
        FeedConfig feed = feed("late-misp", "/late-misp/", FeedFormat.MISP_FEED, party);
        assertThat(strict.pollNow(feed).outcome()).isEqualTo(PollOutcome.ERROR);

        createTopics(late);
        PollOutcome recovered = strict.pollNow(feed);
        assertThat(recovered.outcome()).as(String.valueOf(recovered.error())).isEqualTo(PollOutcome.CHANGED);
        assertThat(recovered.submitted()).isEqualTo(1);
        assertThat(requests).as("no validators were kept for the event that failed")
                .containsSubsequence("late misp event null", "late misp event null");
        assertThat(written(party, "late-misp.example", 1)).hasSize(1);
        assertThat(strict.pollNow(feed).outcome()).as("imported now: the event is not read again")
                .isEqualTo(PollOutcome.NOT_MODIFIED);
    }

    @Test
    void aMispEventThatCannotBeFetchedOrReadIsNamedAndTheFeedsOtherEventsAreStillImported() {
        FeedConfig feed = feed("mixed-misp", "/mixed-misp/", FeedFormat.MISP_FEED);
        PollOutcome first = poller.pollNow(feed);

        assertThat(first.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(first.submitted()).isEqualTo(1);
        assertThat(first.error()).startsWith("2 of 3 changed event(s) not imported: ")
                .contains("event " + BROKEN_MISP_UUID + ": ").contains("event " + MISSING_MISP_UUID + ": ").contains("404");
        assertThat(written("good-misp.example")).hasSize(1);

        // the next poll reads the manifest again and asks only for the two events still missing
        PollOutcome second = poller.pollNow(feed);
        assertThat(second.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(second.submitted()).isZero();
        assertThat(second.error()).startsWith("2 of 2 changed event(s) not imported: ");
        assertThat(requests.stream().filter(r -> r.startsWith("mixed misp")).toList()).containsExactly(
                "mixed misp broken", "mixed misp missing", "mixed misp good", "mixed misp broken", "mixed misp missing");
    }

    @Test
    void aMispServerThatFailsStopsThePollAtTheFirstEventInsteadOfAskingForEveryOne() {
        PollOutcome outcome = poller.pollNow(feed("down-misp", "/down-misp/", FeedFormat.MISP_FEED));

        assertThat(outcome.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(outcome.error()).startsWith("stopped at event " + BROKEN_MISP_UUID + ": ").contains("answered 503");
        assertThat(requests.stream().filter(r -> r.equals("down misp event"))).hasSize(1);
    }

    @Test
    void aDownloadBeyondTheLimitIsStoppedWithAClearErrorAndImportsNothing() {
        for (String path : List.of("/big.txt", "/big-chunked.txt")) {
            PollOutcome outcome = strict.pollNow(feed("big", path, FeedFormat.TEXT));
            assertThat(outcome.outcome()).as(path).isEqualTo(PollOutcome.ERROR);
            assertThat(outcome.error()).as(path).contains("larger than the limit of " + MAX_BYTES + " bytes")
                    .contains("CASPIAN_FEEDS_MAX_BYTES");
        }
        assertThat(written(ir, "big-0.big.example", 0)).isEmpty();
        assertThat(written(ir, "chunked-0.big.example", 0)).isEmpty();
    }

    @Test
    void aFeedsApiKeyInItsUrlNeverShowsInTheBannerOrAnError() {
        FeedConfig feed = feed("keyed", "/broken.txt?apikey=s3cret-token&format=txt", FeedFormat.TEXT);
        PollOutcome outcome = poller.pollNow(feed);
        assertThat(outcome.error()).contains("500").contains("/broken.txt?…").doesNotContain("s3cret-token");
        FeedPollerService banner = new FeedPollerService(FeedPollerSettings.from(platform.settings), List.of(feed),
                ServiceMetrics.create("feeds"));
        assertThat(String.join("\n", banner.endpoints())).contains("/broken.txt?…").doesNotContain("s3cret-token");
        assertThat(feed.toString()).doesNotContain("s3cret-token");
        FeedConfig userInfo = feed("user-info", "/broken.txt", FeedFormat.TEXT);
        URI withPassword = URI.create(userInfo.url().toString().replace("http://", "http://reader:pa55word@"));
        assertThat(FeedUrls.redacted(withPassword)).doesNotContain("pa55word").doesNotContain("reader");
    }

    @Test
    void aMispFeedReadsItsManifestThenOnlyChangedEvents() {
        FeedConfig feed = feed("misp", "/misp/", FeedFormat.MISP_FEED);
        assertThat(poller.pollNow(feed).submitted()).isEqualTo(1);
        PollOutcome second = poller.pollNow(feed);
        assertThat(second.outcome()).isEqualTo(PollOutcome.NOT_MODIFIED);
        assertThat(requests.stream().filter(r -> r.equals("misp event"))).hasSize(1);
        assertThat(written("misp-feed.example")).singleElement()
                .satisfies(s -> assertThat(s.getTlp()).isEqualTo(Tlp.GREEN));
    }

    @Test
    void theFeedsFileIsReadWithEveryMistakeNamed() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("feeds", ".json");
        java.nio.file.Files.writeString(file, "[{\"name\": \"f\", \"url\": \"https://x.example/l.txt\", \"format\": \"text\","
                + " \"party\": \"" + ir.value() + "\", \"tlp\": \"green\", \"interval\": \"30m\", \"reliability\": 80,"
                + " \"authorizationEnv\": \"FEED_TOKEN\"}]");
        List<FeedConfig> feeds = FeedsFile.load(file, platform.parties, Map.of("FEED_TOKEN", "Bearer s3cret"));
        assertThat(feeds).singleElement().satisfies(f -> {
            assertThat(f.interval()).isEqualTo(Duration.ofMinutes(30));
            assertThat(f.authorization().orElseThrow().reveal()).isEqualTo("Bearer s3cret");
            assertThat(f.toString()).doesNotContain("s3cret");
        });
        java.nio.file.Files.writeString(file, "[{\"name\": \"f\", \"url\": \"ftp://x\", \"format\": \"text\", \"party\": \"ir\"}]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FeedsFile.load(file, platform.parties, Map.of()))
                .hasMessageContaining("feed 0 ('f')").hasMessageContaining("http or https");
        java.nio.file.Files.writeString(file, "[{\"name\": \"hourly\", \"url\": \"https://x.example/l.txt\", \"format\": \"text\","
                + " \"party\": \"" + ir.value() + "\", \"interval\": \"every hour\"}]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FeedsFile.load(file, platform.parties, Map.of()))
                .hasMessageContaining("feed 0 ('hourly'): interval must be a duration").hasMessageContaining("'every hour'");
        java.nio.file.Files.writeString(file, "[{\"name\": \"odd\", \"url\": \"https://x.example/l.txt\", \"format\": \"xlsx\","
                + " \"party\": \"" + ir.value() + "\"}]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FeedsFile.load(file, platform.parties, Map.of()))
                .hasMessageContaining("feed 0 ('odd'): format must be one of");
    }
}
