package org.caspianhub.indicators.relate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpNetworksTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            203.0.113.0/24  | 203.0.113.7      | true
            203.0.113.0/24  | 203.0.113.255    | true
            203.0.113.0/24  | 203.0.114.0      | false
            203.0.113.0/24  | 203.0.113.128/25 | true
            203.0.113.0/24  | 203.0.113.0/24   | true
            203.0.113.0/24  | 203.0.112.0/23   | false
            203.0.113.7/32  | 203.0.113.7      | true
            203.0.113.7     | 203.0.113.7      | true
            10.0.0.0/8      | 10.255.255.255   | true
            2001:db8::/32   | 2001:db8:ffff::1 | true
            2001:db8::/32   | 2001:db9::1      | false
            2001:db8::/32   | 2001:db8:1::/48  | true
            2001:db8::1/128 | 2001:db8::1      | true
            0.0.0.0/8       | ::               | false
            ::/96           | 0.0.0.1          | false
            """)
    void containmentOfAddressesAndPrefixes(String cidr, String value, boolean expected) {
        assertThat(IpNetworks.contains(cidr, value)).isEqualTo(expected);
    }

    @Test
    void enclosingPrefixesRunFromTheValueDownToTheMinimumLength() {
        assertThat(IpNetworks.enclosingPrefixes("203.0.113.7", 24)).containsExactly(
                "203.0.113.7/32", "203.0.113.6/31", "203.0.113.4/30", "203.0.113.0/29", "203.0.113.0/28",
                "203.0.113.0/27", "203.0.113.0/26", "203.0.113.0/25", "203.0.113.0/24");
        assertThat(IpNetworks.enclosingPrefixes("10.1.0.0/16", 14)).containsExactly("10.1.0.0/16", "10.0.0.0/15", "10.0.0.0/14");
        assertThat(IpNetworks.enclosingPrefixes("2001:db8::1", 126)).containsExactly("2001:db8::1/128", "2001:db8::/127", "2001:db8::/126");
        assertThat(IpNetworks.enclosingPrefixes("10.1.0.0/16", 20)).isEmpty();
        assertThat(IpNetworks.enclosingPrefixes("203.0.113.7", 0)).hasSize(33).last().isEqualTo("0.0.0.0/0");
    }

    @Test
    void enclosingPrefixesAreCanonicalCidrIndicatorsThatContainTheValue() {
        IndicatorNormalizer normalizer = new IndicatorNormalizer();
        Random random = new Random(24);
        for (int i = 0; i < 300; i++) {
            String address = random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
            for (String prefix : IpNetworks.enclosingPrefixes(address, 8)) {
                Normalized normalized = normalizer.normalize(prefix, IndicatorType.CIDR);
                assertThat(normalized).isInstanceOf(Normalized.Valid.class);
                assertThat(((Normalized.Valid) normalized).value()).isEqualTo(prefix);
                assertThat(IpNetworks.contains(prefix, address)).isTrue();
            }
        }
    }

    @Test
    void bucketsGroupAddressesAndPrefixesOfOneNetwork() {
        assertThat(IpNetworks.bucketOf("203.0.113.7", 16)).isEqualTo("203.0.0.0/16");
        assertThat(IpNetworks.bucketOf("203.0.200.1", 16)).isEqualTo("203.0.0.0/16");
        assertThat(IpNetworks.bucketOf("203.0.113.0/24", 16)).isEqualTo("203.0.0.0/16");
        assertThat(IpNetworks.bucketOf("203.0.0.0/12", 16)).as("a broader prefix is its own bucket").isEqualTo("203.0.0.0/12");
        assertThat(IpNetworks.bucketOf("203.0.113.7")).isEqualTo("203.0.0.0/16");
        assertThat(IpNetworks.bucketOf("2001:db8:aaaa::1")).isEqualTo("2001:db8::/32");
        assertThat(IpNetworks.bucketOf("2001:db8:aaaa::/48", 32)).isEqualTo("2001:db8::/32");
        assertThat(IpNetworks.bucketOf("2001:DB8:AAAA::1", 32)).as("stable for any spelling").isEqualTo("2001:db8::/32");
    }

    @Test
    void searchingTheBucketsOfAnAddressFindsEveryPrefixThatHoldsIt() {
        List<String> reported = List.of("203.0.113.0/24", "203.0.0.0/12", "192.0.0.0/8", "203.0.113.0/28", "198.51.100.0/24");
        String address = "203.0.113.7";
        List<String> search = IpNetworks.bucketsToSearch(address, 16);
        assertThat(search).first().isEqualTo("203.0.0.0/16");
        assertThat(search).last().isEqualTo("203.0.0.0/8");
        assertThat(search).hasSize(9);
        for (String prefix : reported) {
            boolean found = search.contains(IpNetworks.bucketOf(prefix, 16));
            assertThat(found).as(prefix).isEqualTo(IpNetworks.contains(prefix, address));
        }
        assertThat(IpNetworks.bucketsToSearch("2001:db8::1", 32)).hasSize(17).last().isEqualTo("2001::/16");
    }

    @Test
    void valuesThatAreNoAddressAreAProgrammingError() {
        assertThatThrownBy(() -> IpNetworks.contains("evil.example", "1.2.3.4"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'evil.example' is not an ip address or cidr");
    }
}
