package org.caspianhub.producers.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.runtime.Secret;
import org.caspianhub.runtime.ServiceMetrics;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where a feed's requests may go (OutboundDestinations): a redirect to another origin is refused
 * before the feed's credential goes anywhere, a redirect within the origin is followed, and a feed
 * on a loopback address needs the operator's allowPrivateNetwork.
 */
class FeedDestinationsTest {

    static final String SECRET = "Bearer feed-secret-do-not-forward";

    static TestGateway platform;
    static PartyId ir;
    static HttpServer feedServer;
    static HttpServer elsewhere;
    static FeedPollerService poller;
    static final List<String> feedRequests = Collections.synchronizedList(new ArrayList<>());
    static final List<String> elsewhereRequests = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        platform = new TestGateway("ir");
        ir = TestParties.role(platform.parties, "ir");
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            elsewhereRequests.add(exchange.getRequestURI() + " authorization=" + exchange.getRequestHeaders().getFirst("Authorization"));
            FeedPollerTest.send(exchange, 200, "redirected-elsewhere.example\n");
        });
        elsewhere.start();
        feedServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        feedServer.createContext("/moved-away.txt", exchange -> {
            feedRequests.add("moved-away");
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/list.txt");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        feedServer.createContext("/moved-here.txt", exchange -> {
            feedRequests.add("moved-here");
            exchange.getResponseHeaders().add("Location", "/current.txt");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        feedServer.createContext("/current.txt", exchange -> {
            feedRequests.add("current authorization=" + exchange.getRequestHeaders().getFirst("Authorization"));
            FeedPollerTest.send(exchange, 200, "same-origin-redirect.example\n");
        });
        feedServer.start();
        poller = new FeedPollerService(FeedPollerSettings.from(platform.settings), List.of(), ServiceMetrics.create("feeds"));
        poller.connect();
    }

    @AfterAll
    static void stop() {
        poller.close();
        feedServer.stop(0);
        elsewhere.stop(0);
        platform.close();
    }

    private FeedConfig feed(String name, String path, boolean allowPrivateNetwork) {
        return new FeedConfig(name, URI.create("http://127.0.0.1:" + feedServer.getAddress().getPort() + path), FeedFormat.TEXT, ir,
                Tlp.GREEN, Duration.ofMinutes(1), 75, 60, List.of(), Optional.of(new Secret(SECRET)), allowPrivateNetwork);
    }

    @Test
    void aRedirectToAnotherPortIsRefusedAndTheOtherServerReceivesNothing() {
        PollOutcome outcome = poller.pollNow(feed("moved-away", "/moved-away.txt", true));

        assertThat(outcome.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(outcome.error()).contains("redirecting to another origin, http://127.0.0.1:" + elsewhere.getAddress().getPort())
                .contains("not followed").doesNotContain("feed-secret");
        assertThat(feedRequests).contains("moved-away");
        assertThat(elsewhereRequests).as("no request, so no Authorization header, reaches the other origin").isEmpty();
        assertThat(platform.read(platform.topics.submissions(ir), r -> r.value().getValue().startsWith("redirected-elsewhere"),
                0, Duration.ofSeconds(20))).as("nothing from the other origin is imported").isEmpty();
    }

    @Test
    void aRedirectWithinTheFeedsOriginIsFollowedWithItsCredential() {
        PollOutcome outcome = poller.pollNow(feed("moved-here", "/moved-here.txt", true));

        assertThat(outcome.outcome()).as(String.valueOf(outcome.error())).isEqualTo(PollOutcome.CHANGED);
        assertThat(outcome.submitted()).isEqualTo(1);
        assertThat(feedRequests).contains("moved-here", "current authorization=" + SECRET);
    }

    @Test
    void aFeedOnALoopbackAddressIsRefusedUnlessTheOperatorAllowsIt() {
        int before = feedRequests.size();
        PollOutcome outcome = poller.pollNow(feed("loopback", "/current.txt", false));

        assertThat(outcome.outcome()).isEqualTo(PollOutcome.ERROR);
        assertThat(outcome.error()).contains("feed loopback: 127.0.0.1 resolves to 127.0.0.1, a loopback address")
                .contains("\"allowPrivateNetwork\": true");
        assertThat(feedRequests).hasSize(before);
    }
}
