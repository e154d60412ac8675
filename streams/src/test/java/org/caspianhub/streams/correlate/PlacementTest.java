package org.caspianhub.streams.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.caspianhub.avro.IndicatorType;
import org.junit.jupiter.api.Test;

/** Where indicators are placed: related ones share a locality (a task) and sit next to each other in its store. */
class PlacementTest {

    private static Placement of(IndicatorType type, String value) {
        return Placement.of(type, value, type.name().toLowerCase() + ":" + value);
    }

    @Test
    void aUrlItsHostAndTheHostsParentsShareTheRegistrableDomainsLocality() {
        assertThat(of(IndicatorType.URL, "https://a.login.caspian-c2.co.uk/x").locality()).isEqualTo("dns:caspian-c2.co.uk");
        assertThat(of(IndicatorType.DOMAIN, "login.caspian-c2.co.uk").locality()).isEqualTo("dns:caspian-c2.co.uk");
        assertThat(of(IndicatorType.DOMAIN, "caspian-c2.co.uk").locality()).isEqualTo("dns:caspian-c2.co.uk");
        assertThat(of(IndicatorType.EMAIL, "boss@caspian-c2.co.uk").locality()).isEqualTo("dns:caspian-c2.co.uk");
    }

    @Test
    void addressesShareTheirSlash8WithPrefixesOfSlash8OrLonger() {
        assertThat(of(IndicatorType.IPV4, "45.83.12.7").locality()).isEqualTo("ip4:45");
        assertThat(of(IndicatorType.CIDR, "45.83.0.0/16").locality()).isEqualTo("ip4:45");
        assertThat(of(IndicatorType.CIDR, "45.0.0.0/8").locality()).isEqualTo("ip4:45");
        assertThat(of(IndicatorType.URL, "http://45.83.12.7/gate.php").locality()).isEqualTo("ip4:45");
        assertThat(of(IndicatorType.IPV6, "2a01:4f8:1::7").locality()).isEqualTo(of(IndicatorType.CIDR, "2a01:4f8::/32").locality());
        assertThat(of(IndicatorType.SHA256, "ab".repeat(32)).locality()).isEqualTo("sha256:" + "ab".repeat(32));
    }

    @Test
    void addressesInsideAPrefixAreOneRangeOfStoreKeys() {
        byte[] inside = of(IndicatorType.IPV4, "45.83.12.7").storeKey();
        byte[] below = of(IndicatorType.IPV4, "45.83.11.255").storeKey();
        byte[] above = of(IndicatorType.IPV4, "45.83.13.0").storeKey();
        byte[] from = Placement.addressKey(new byte[] {45, 83, 12, 0});
        byte[] to = Placement.addressKey(new byte[] {45, 83, 12, (byte) 255});
        assertThat(Arrays.compareUnsigned(from, inside)).isNegative();
        assertThat(Arrays.compareUnsigned(inside, to)).isNegative();
        assertThat(Arrays.compareUnsigned(below, from)).isNegative();
        assertThat(Arrays.compareUnsigned(above, to)).isPositive();
    }

    @Test
    void aDomainsUrlsAndSubdomainsSortRightAfterIt() {
        byte[] domain = of(IndicatorType.DOMAIN, "caspian-c2.net").storeKey();
        byte[] url = of(IndicatorType.URL, "https://caspian-c2.net/a").storeKey();
        byte[] sub = of(IndicatorType.URL, "https://x.caspian-c2.net/a").storeKey();
        byte[] other = of(IndicatorType.DOMAIN, "caspian-c2x.net").storeKey();
        assertThat(startsWith(url, domain)).isTrue();
        byte[] subPrefix = Arrays.copyOf(domain, domain.length);
        subPrefix[subPrefix.length - 1] = '.';
        assertThat(startsWith(sub, subPrefix)).isTrue();
        // a longer name sharing the letters is neither the domain nor under it
        assertThat(startsWith(other, domain)).isFalse();
        assertThat(startsWith(other, subPrefix)).isFalse();
    }

    @Test
    void theCidrIndexFindsEveryPrefixContainingAnAddress() {
        CidrIndex index = new CidrIndex();
        index.addStoreKey(of(IndicatorType.CIDR, "45.83.0.0/16").storeKey());
        index.addStoreKey(of(IndicatorType.CIDR, "45.83.12.0/24").storeKey());
        index.addStoreKey(of(IndicatorType.CIDR, "45.84.0.0/16").storeKey());
        index.addStoreKey(of(IndicatorType.CIDR, "2a01:4f8::/32").storeKey());

        assertThat(index.containing(of(IndicatorType.IPV4, "45.83.12.7").storeKey()))
                .containsExactlyInAnyOrder(of(IndicatorType.CIDR, "45.83.0.0/16").storeKey(),
                        of(IndicatorType.CIDR, "45.83.12.0/24").storeKey());
        assertThat(index.containing(of(IndicatorType.IPV4, "45.85.0.1").storeKey())).isEmpty();
        assertThat(index.containing(of(IndicatorType.IPV6, "2a01:4f8:1::7").storeKey())).hasSize(1);
        index.removeStoreKey(of(IndicatorType.CIDR, "45.83.0.0/16").storeKey());
        assertThat(index.containing(of(IndicatorType.IPV4, "45.83.12.7").storeKey())).hasSize(1);
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(Arrays.copyOf(key, prefix.length), prefix);
    }
}
