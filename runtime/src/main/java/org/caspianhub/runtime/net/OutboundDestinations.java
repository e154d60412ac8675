package org.caspianhub.runtime.net;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule for where the hub's outbound requests (feed downloads, webhook deliveries) may go,
 * and where their redirects may lead:
 * <ul>
 * <li>an address that is loopback, link-local, private (RFC 1918, IPv6 unique local), shared
 * (RFC 6598, carrier-grade NAT), unspecified or multicast is refused, unless the operator allows it
 * for that entry ({@code "allowPrivateNetwork": true} in the feeds or subscriptions file). A name is
 * checked by every address it resolves to, at each request: one refused address refuses the host.</li>
 * <li>a redirect is followed only within its origin (scheme, host and port), so a credential sent
 * to a feed never reaches another server.</li>
 * </ul>
 * Without this, a feed or webhook URL (or a redirect a feed server answers) could point the hub at
 * services that only trust the hub's own network: the registry, the management ports, cloud
 * metadata at 169.254.169.254.
 */
public final class OutboundDestinations {

    /** What the operator writes in an entry to allow an address this rule refuses. */
    public static final String ALLOW_FIELD = "allowPrivateNetwork";

    private OutboundDestinations() {
    }

    /** A request this rule refuses; never retried, since asking again gives the same answer. */
    public static final class Refused extends IOException {
        public Refused(String message) {
            super(message);
        }
    }

    /** Why the rule refuses an address ("a loopback address"), or empty when it may be reached. */
    public static Optional<String> restriction(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return Optional.of("a shared (carrier-grade NAT) address");
        }
        if (address instanceof Inet4Address && (b[0] & 0xff) == 0) {
            return Optional.of("an address of 'this network' (0.0.0.0/8)");
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a private (unique local) address");
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return Optional.of("a private (site-local) address");
            }
            Optional<Inet4Address> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return restriction(embedded.get()).map(r -> r + " (embedded in an IPv6 address)");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address an IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address carries. */
    private static Optional<Inet4Address> embeddedIpv4(byte[] b) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 = b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        byte[] v4 = null;
        if (compatible || nat64) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            v4 = new byte[] {b[2], b[3], b[4], b[5]};
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * Every address {@code host} resolves to, when the rule lets the hub reach all of them.
     *
     * @param allowPrivate the entry's {@code allowPrivateNetwork}
     * @param what         names the entry in the error ("feed abuse-feodo")
     * @throws Refused             when one of them is refused
     * @throws UnknownHostException when the name does not resolve
     */
    public static List<InetAddress> resolve(String host, boolean allowPrivate, String what) throws IOException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = List.of(InetAddress.getAllByName(name));
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                Optional<String> restriction = restriction(address);
                if (restriction.isPresent()) {
                    throw new Refused(what + ": " + host + " resolves to " + address.getHostAddress() + ", "
                            + restriction.get() + "; the hub does not send requests to its own or private networks unless "
                            + "the operator adds \"" + ALLOW_FIELD + "\": true to this entry");
                }
            }
        }
        return addresses;
    }

    /** Checks the host of {@code url} as {@link #resolve} does. */
    public static void check(URI url, boolean allowPrivate, String what) throws IOException {
        if (url.getHost() == null) {
            throw new Refused(what + ": the URL has no host");
        }
        resolve(url.getHost(), allowPrivate, what);
    }

    /** Whether two absolute URLs share scheme, host and port (the port a scheme implies counts as given). */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    /** {@code https://host:port}: an origin as messages show it. */
    public static String origin(URI url) {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost() + ":" + port(url);
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : "http".equalsIgnoreCase(url.getScheme()) ? 80 : -1;
    }
}
