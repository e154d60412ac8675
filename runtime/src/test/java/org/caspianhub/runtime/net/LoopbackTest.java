package org.caspianhub.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The two meanings of "stays on this machine", and where they part. */
class LoopbackTest {

    @Test
    void bothAcceptLocalhostAndLoopbackLiterals() {
        for (String host : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.9.9.9", "::1"}) {
            assertThat(Loopback.isLoopbackBindAddress(host)).as(host).isTrue();
        }
        for (String host : new String[] {"localhost", "LOCALHOST", "127.0.0.1", "127.9.9.9", "[::1]"}) {
            // as a URL's host: an IPv6 literal in brackets
            assertThat(Loopback.isLoopbackLiteral(host)).as(host).isTrue();
        }
    }

    @Test
    void bothRefuseEveryInterfaceAndOtherAddresses() {
        for (String host : new String[] {"0.0.0.0", "::", "10.0.0.1", "203.0.113.7"}) {
            assertThat(Loopback.isLoopbackLiteral(host)).as(host).isFalse();
            assertThat(Loopback.isLoopbackBindAddress(host)).as(host).isFalse();
        }
        assertThat(Loopback.isLoopbackBindAddress("")).as("no host binds every interface").isFalse();
        assertThat(Loopback.isLoopbackBindAddress(null)).isFalse();
        assertThat(Loopback.isLoopbackLiteral(null)).isFalse();
    }

    @Test
    void onlyABindAddressIsResolved() {
        // "127.1" is a name to the literal check (never resolved: a destination's DNS answer can change before
        // the hub connects), while a bind resolves it, as the bind itself will, to 127.0.0.1
        assertThat(Loopback.isLoopbackBindAddress("127.1")).isTrue();
        assertThat(Loopback.isLoopbackLiteral("127.1")).isFalse();
        assertThat(Loopback.isLoopbackBindAddress("no-such-host.invalid")).isFalse();
    }
}
