package org.caspianhub.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one outbound rule of feeds and webhooks: which addresses it refuses, and what one origin is. */
class OutboundDestinationsTest {

    @Test
    void loopbackLinkLocalPrivateSharedUnspecifiedAndMulticastAddressesAreRefused() throws Exception {
        for (String address : List.of("127.0.0.1", "127.8.9.10", "::1", "169.254.169.254", "fe80::1", "10.1.2.3", "172.16.0.1",
                "172.31.255.255", "192.168.1.1", "fd00::1", "fc00::1", "100.64.0.1", "100.127.255.255", "0.0.0.0", "::", "0.1.2.3",
                "224.0.0.1", "ff02::1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:c0a8:0101::1", "fec0::1")) {
            assertThat(OutboundDestinations.restriction(InetAddress.getByName(address))).as(address).isPresent();
        }
        for (String address : List.of("198.51.100.7", "203.0.113.9", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2001:db8::1",
                "2606:4700::1111", "64:ff9b::808:808")) {
            assertThat(OutboundDestinations.restriction(InetAddress.getByName(address))).as(address).isEmpty();
        }
    }

    @Test
    void aRefusedHostNamesTheEntryTheAddressAndTheFlag() throws Exception {
        assertThatThrownBy(() -> OutboundDestinations.check(URI.create("http://localhost:8081/subjects"), false, "feed f"))
                .isInstanceOf(OutboundDestinations.Refused.class)
                .hasMessageStartingWith("feed f: localhost resolves to")
                .hasMessageContaining("a loopback address").hasMessageContaining("\"allowPrivateNetwork\": true");
        OutboundDestinations.check(URI.create("http://localhost:8081/subjects"), true, "feed f");
        OutboundDestinations.check(URI.create("https://[2001:db8::1]/x"), false, "feed f");
    }

    @Test
    void anOriginIsSchemeHostAndPortWithTheSchemesDefaultPort() {
        assertThat(OutboundDestinations.sameOrigin(URI.create("https://feeds.example/a"), URI.create("https://FEEDS.example:443/b?x")))
                .isTrue();
        assertThat(OutboundDestinations.sameOrigin(URI.create("https://feeds.example/a"), URI.create("http://feeds.example/a"))).isFalse();
        assertThat(OutboundDestinations.sameOrigin(URI.create("http://127.0.0.1:8090/a"), URI.create("http://127.0.0.1:8091/a"))).isFalse();
        assertThat(OutboundDestinations.sameOrigin(URI.create("https://feeds.example/a"), URI.create("https://evil.example/a"))).isFalse();
    }
}
