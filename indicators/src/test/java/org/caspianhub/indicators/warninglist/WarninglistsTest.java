package org.caspianhub.indicators.warninglist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarninglistsTest {

    private static final IndicatorNormalizer NORMALIZER = new IndicatorNormalizer();
    private static final String PUBLIC_DNS_V4 = "List of known IPv4 public DNS resolvers";
    private static final String PUBLIC_DNS_V6 = "List of known IPv6 public DNS resolvers";
    private static final String PUBLIC_DNS_HOSTNAME = "List of known public DNS resolvers expressed as hostname";
    private static final String RFC1918 = "List of RFC 1918 CIDR blocks";
    private static final String RFC5735 = "List of RFC 5735 CIDR blocks";
    private static final String RFC3849 = "List of RFC 3849 CIDR blocks";
    private static final String RFC6761 = "List of RFC 6761 Special-Use Domain Names";
    private static final String LINK_LOCAL = "List of IPv6 link local blocks";
    private static final String MULTICAST = "List of RFC 5771 multicast CIDR blocks";
    private static final String EMPTY_HASHES = "List of known hashes for empty files";
    private static final String COMMON_FP = "List of known hashes with common false-positives (based on Florian Roth input list)";
    private static final String CISCO_TOP = "Top 1000 websites from Cisco Umbrella";
    private static final String CLOUDFLARE_TOP = "Top 10,000 domains from Cloudflare Radar";
    private static final String SECOND_LEVEL = "Second level TLDs as known by Mozilla Foundation";

    private static List<String> matches(String raw) {
        return Warninglists.bundled().matches(valid(raw));
    }

    private static Normalized.Valid valid(String raw) {
        return (Normalized.Valid) NORMALIZER.normalize(raw, null);
    }

    @Test
    void loadsEveryBundledListWithItsEntries() {
        Warninglists lists = Warninglists.bundled();
        assertThat(lists.lists()).hasSize(15);
        assertThat(lists.lists()).extracting(Warninglist::name).contains(PUBLIC_DNS_V4, RFC1918, EMPTY_HASHES, CISCO_TOP);
        Warninglist publicDns = lists.lists().stream().filter(l -> l.name().equals(PUBLIC_DNS_V4)).findFirst().orElseThrow();
        assertThat(publicDns.type()).isEqualTo(ListType.CIDR);
        assertThat(publicDns.size()).isEqualTo(62_745);
        assertThat(publicDns.appliesTo()).contains(IndicatorType.IPV4, IndicatorType.IPV6, IndicatorType.CIDR)
                .doesNotContain(IndicatorType.URL, IndicatorType.EMAIL, IndicatorType.MD5);
        assertThat(Warninglists.bundled()).as("loaded once").isSameAs(lists);
    }

    @Test
    void theIndexNamesEveryBundledFileAndTheSourceIsKept() throws IOException {
        Path dir = Path.of("src/main/resources/warninglists");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> json = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
            assertThat(Warninglists.bundledFileNames()).containsExactlyInAnyOrderElementsOf(json);
        }
        assertThat(Files.readString(dir.resolve("SOURCE.txt"))).contains("MISP warninglists", "CC0");
    }

    @ParameterizedTest(name = "{0} is on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            8.8.8.8                                   | List of known IPv4 public DNS resolvers
            1.1.1.1                                   | List of known IPv4 public DNS resolvers
            10.1.2.3                                  | List of RFC 1918 CIDR blocks
            172.31.255.255                            | List of RFC 1918 CIDR blocks
            192.0.2.1                                 | List of RFC 5735 CIDR blocks
            203.0.113.7                               | List of RFC 5735 CIDR blocks
            127.0.0.1                                 | List of RFC 5735 CIDR blocks
            255.255.255.255                           | List of RFC 5735 CIDR blocks
            240.0.0.1                                 | List of RFC 5735 CIDR blocks
            100.64.1.1                                | List of RFC 6598 CIDR blocks
            224.0.0.251                               | List of RFC 5771 multicast CIDR blocks
            2001:db8::1                               | List of RFC 3849 CIDR blocks
            fe80::1                                   | List of IPv6 link local blocks
            2001:4860:4860::8888                      | List of known IPv6 public DNS resolvers
            10.1.0.0/16                               | List of RFC 1918 CIDR blocks
            2001:db8:1::/48                           | List of RFC 3849 CIDR blocks
            8.8.8.8/32                                | List of known IPv4 public DNS resolvers
            ::ffff:10.1.2.3                           | List of RFC 1918 CIDR blocks
            d41d8cd98f00b204e9800998ecf8427e          | List of known hashes for empty files
            D41D8CD98F00B204E9800998ECF8427E          | List of known hashes with common false-positives (based on Florian Roth input list)
            da39a3ee5e6b4b0d3255bfef95601890afd80709  | List of known hashes for empty files
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 | List of known hashes for empty files
            google.com                                | Top 10,000 domains from Cloudflare Radar
            www.google.com                            | Top 1000 websites from Cisco Umbrella
            WWW.Google.Com.                           | Top 1000 websites from Cisco Umbrella
            example.com                               | List of RFC 6761 Special-Use Domain Names
            135-100-252-113-on-nets.com               | List of known public DNS resolvers expressed as hostname
            ns1.135-100-252-113-on-nets.com           | List of known public DNS resolvers expressed as hostname
            https://www.google.com/                   | Top 1000 websites from Cisco Umbrella
            hxxps://www[.]google[.]com                | Top 1000 websites from Cisco Umbrella
            http://ns1.135-100-252-113-on-nets.com/x  | List of known public DNS resolvers expressed as hostname
            """)
    void knownBenignValuesAreMarkedWithTheListsName(String raw, String list) {
        assertThat(matches(raw)).contains(list);
    }

    @Test
    void aValueOnSeveralListsNamesThemAll() {
        assertThat(matches("10.1.2.3")).containsExactlyInAnyOrder(RFC1918, RFC5735);
        assertThat(matches("d41d8cd98f00b204e9800998ecf8427e")).containsExactlyInAnyOrder(EMPTY_HASHES, COMMON_FP);
        assertThat(matches("8.8.8.8")).containsExactly(PUBLIC_DNS_V4);
    }

    @ParameterizedTest(name = "{0} is on no list")
    @CsvSource(delimiter = '|', textBlock = """
            198.51.99.7
            8.8.8.9
            11.0.0.1
            8.8.8.0/24
            2001:db9::1
            login.evil.example
            evilgoogle.com
            google.com.evil.example
            mail.google.com.evil.example
            3-251-245-178-tuhinenterprise.com
            https://docs.google.com/forms/d/e/1FAIpQLSf/viewform
            https://www.google.com/url?q=https://evil.example/
            https://www.google.com:8443/
            https://attacker@www.google.com/
            http://8.8.8.8/payload
            phisher@google.com
            0123456789abcdef0123456789abcdef
            CVE-2021-44228
            AS15169
            """)
    void everythingElseIsNotMarked(String raw) {
        assertThat(matches(raw)).isEmpty();
        assertThat(Warninglists.bundled().isListed(valid(raw))).isFalse();
    }

    @Test
    void aPrefixMatchesOnlyWhenItLiesWhollyInsideAListedOne() {
        assertThat(matches("10.0.0.0/8")).containsExactlyInAnyOrder(RFC1918, RFC5735);
        assertThat(matches("172.16.0.0/13")).containsExactlyInAnyOrder(RFC1918, RFC5735);
        assertThat(matches("172.0.0.0/11")).isEmpty(); // holds 172.16.0.0/12, but is not all private
    }

    @Test
    void extraListsFromADirectoryAddToTheBundledOnes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("partner-benign.json"), """
                {"name": "Partner CDN hosts", "version": 1, "description": "hosts our partners run",
                 "type": "hostname", "matching_attributes": ["hostname", "domain", "url"],
                 "list": ["cdn.partner.example", ".static.partner.example."]}
                """);
        Path nested = Files.createDirectories(dir.resolve("lists").resolve("scanners"));
        Files.writeString(nested.resolve("list.json"), """
                {"name": "Research scanners", "type": "regex", "matching_attributes": ["url"],
                 "list": ["/^https?:\\\\/\\\\/scan[0-9]+\\\\.research\\\\.example\\\\//i"]}
                """);
        Files.writeString(dir.resolve("tokens.json"), """
                {"name": "Sinkhole paths", "type": "substring", "matching_attributes": ["url"],
                 "list": ["/SINKHOLED/"]}
                """);
        Files.writeString(dir.resolve("scanner-asn.json"), """
                {"name": "Scanner ASNs", "type": "string", "list": ["as64500"]}
                """);

        Warninglists lists = Warninglists.bundledAnd(dir);
        assertThat(lists.lists()).hasSize(19);
        assertThat(lists.matches(valid("img.cdn.partner.example"))).containsExactly("Partner CDN hosts");
        assertThat(lists.matches(valid("a.static.partner.example"))).containsExactly("Partner CDN hosts");
        assertThat(lists.matches(valid("https://cdn.partner.example/app.js"))).containsExactly("Partner CDN hosts");
        assertThat(lists.matches(valid("partner.example"))).isEmpty();
        assertThat(lists.matches(valid("HTTPS://SCAN42.research.example/probe"))).containsExactly("Research scanners");
        assertThat(lists.matches(valid("https://evil.example/scan42.research.example/"))).isEmpty();
        assertThat(lists.matches(valid("http://evil.example/sinkholed/x"))).containsExactly("Sinkhole paths");
        assertThat(lists.matches(valid("AS64500"))).as("no matching_attributes: every type").containsExactly("Scanner ASNs");
        assertThat(lists.matches(valid("8.8.8.8"))).containsExactly(PUBLIC_DNS_V4);
        assertThat(Warninglists.fromDirectory(dir).lists()).hasSize(4);
    }

    @Test
    void aBrokenListFailsTheLoadNamingTheFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{\"name\": \"x\", \"type\": \"cidr\", \"list\": [\"10.0.0.0/8\", \"not-an-ip\"]}");
        assertThatThrownBy(() -> Warninglists.fromDirectory(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.json").hasMessageContaining("'not-an-ip' is not an address or cidr");

        Files.writeString(dir.resolve("broken.json"), "{\"name\": \"x\", \"type\": \"bloom\", \"list\": []}");
        assertThatThrownBy(() -> Warninglists.fromDirectory(dir)).hasMessageContaining("unknown warninglist type 'bloom'");

        Files.writeString(dir.resolve("broken.json"), "{\"name\": \"x\", \"type\": \"regex\", \"list\": [\"/([a-z/\"]}");
        assertThatThrownBy(() -> Warninglists.fromDirectory(dir)).hasMessageContaining("does not compile");

        Files.writeString(dir.resolve("broken.json"), "not json");
        assertThatThrownBy(() -> Warninglists.fromDirectory(dir)).hasMessageContaining("not a MISP warninglist JSON file");

        assertThatThrownBy(() -> Warninglists.fromDirectory(dir.resolve("missing")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void listEntriesAreComparedInCanonicalForm() {
        Warninglist list = Warninglists.parse(new ByteArrayInputStream("""
                {"name": "odd spellings", "type": "string",
                 "list": ["D41D8CD98F00B204E9800998ECF8427E", "2001:DB8:0:0::1", "Evil.Example.", "10.1.2.3/8"]}
                """.getBytes(StandardCharsets.UTF_8)), "test");
        Warninglists lists = Warninglists.of(List.of(list));
        assertThat(lists.matches(valid("d41d8cd98f00b204e9800998ecf8427e"))).containsExactly("odd spellings");
        assertThat(lists.matches(valid("2001:db8::1"))).containsExactly("odd spellings");
        assertThat(lists.matches(valid("evil.example"))).containsExactly("odd spellings");

        Warninglist cidr = Warninglists.parse(new ByteArrayInputStream("""
                {"name": "host bits", "type": "cidr", "list": ["10.1.2.3/8", "2001:DB8::/32"]}
                """.getBytes(StandardCharsets.UTF_8)), "test");
        assertThat(Warninglists.of(List.of(cidr)).matches(valid("10.200.0.1"))).containsExactly("host bits");
    }

    @Test
    void singleAddressesMatchAcrossTheWholeAddressSpace() {
        Warninglist singles = Warninglists.parse(new ByteArrayInputStream("""
                {"name": "singles", "type": "cidr",
                 "list": ["0.0.0.1", "1.2.3.4", "127.255.255.255", "128.0.0.0", "203.0.113.9", "255.255.255.254"]}
                """.getBytes(StandardCharsets.UTF_8)), "test");
        Warninglists lists = Warninglists.of(List.of(singles));
        for (String listed : List.of("0.0.0.1", "1.2.3.4", "127.255.255.255", "128.0.0.0", "203.0.113.9",
                "255.255.255.254", "255.255.255.254/32", "::ffff:203.0.113.9")) {
            assertThat(lists.matches(valid(listed))).as(listed).containsExactly("singles");
        }
        for (String other : List.of("0.0.0.0", "1.2.3.5", "128.0.0.1", "203.0.113.8", "255.255.255.255",
                "203.0.113.8/31", "::ffff:203.0.113.8")) {
            assertThat(lists.matches(valid(other))).as(other).isEmpty();
        }
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<Normalized.Valid> values = Stream.of("8.8.8.8", "10.1.2.3", "evil.example", "www.google.com",
                "d41d8cd98f00b204e9800998ecf8427e", "2001:db8::1", "https://www.google.com/", "203.0.113.0/24")
                .map(WarninglistsTest::valid).toList();
        Warninglists lists = Warninglists.bundled();
        List<List<String>> expected = values.stream().map(lists::matches).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        int k = i % values.size();
                        if (!lists.matches(values.get(k)).equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> future : futures) {
                assertThat(future.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
