package org.caspianhub.streams.correlate;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.relate.DomainHierarchy;
import org.caspianhub.indicators.relate.IndicatorHosts;
import org.caspianhub.indicators.relate.Locality;

/**
 * Where an indicator lives in the merge stage, chosen so that related indicators meet without
 * cross-partition probes:
 *
 * <ul>
 * <li>its <b>locality</b>, which the partitioners hash (the indicators module's {@link Locality},
 *     shared with the gateway, which writes each submission to its locality's partition): the
 *     registrable domain for domains, URLs and e-mail addresses ({@code login.evil.co.uk} and
 *     {@code https://evil.co.uk/x} share {@code dns:evil.co.uk}), the /8 block for IPv4 addresses,
 *     prefixes of /8 or longer and URLs on such hosts, the /32 block for IPv6; anything else by its
 *     own key;</li>
 * <li>its <b>store key</b>, ordered so that a relation is a point look-up or a short range scan in
 *     the task's store: addresses and prefixes by number (the addresses inside a prefix are one
 *     range), hosts by reversed labels with the host's URLs right after it (a domain's URLs and
 *     its subdomains' are one range).</li>
 * </ul>
 *
 * Values are canonical (normalized upstream), so parsing here never meets untrusted text.
 */
public record Placement(String locality, byte[] storeKey) {

    static final byte IPV4 = 0x01;
    static final byte IPV6 = 0x02;
    static final byte CIDR4 = 0x03;
    static final byte CIDR6 = 0x04;
    static final byte HOST = 0x05;
    static final byte OTHER = 0x06;
    static final byte END_OF_HOST = 0x00;

    public static Placement of(IndicatorType type, String value, String key) {
        return switch (type) {
            case IPV4, IPV6 -> address(value);
            case CIDR -> prefix(value);
            case DOMAIN -> new Placement(Locality.ofHost(value), hostKey(value, null));
            case URL -> url(value, key);
            case EMAIL -> new Placement(Locality.of(new Normalized.Valid(type, value, key)), other(key));
            default -> new Placement(key, other(key));
        };
    }

    private static Placement address(String value) {
        IPAddress address = new IPAddressString(value).getAddress();
        byte[] bytes = address.getBytes();
        return new Placement(Locality.ofAddress(bytes), concat(address.isIPv4() ? IPV4 : IPV6, bytes));
    }

    private static Placement prefix(String value) {
        IPAddress prefix = new IPAddressString(value).getAddress();
        byte[] network = prefix.getLower().getBytes();
        int length = prefix.getNetworkPrefixLength() == null ? network.length * 8 : prefix.getNetworkPrefixLength();
        return new Placement(Locality.of(Normalized.Valid.of(IndicatorType.CIDR, value)),
                cidrKey(network, length, prefix.isIPv4()));
    }

    private static Placement url(String value, String key) {
        String host = hostOfUrl(value);
        if (host == null) {
            return new Placement(key, other(key));
        }
        if (isIpLiteral(host)) {
            IPAddress address = new IPAddressString(host).getAddress();
            return new Placement(Locality.ofAddress(address.getBytes()), hostKey(address.toCanonicalString(), value));
        }
        return new Placement(Locality.ofHost(host), hostKey(host, value));
    }

    /** The host of a canonical URL (the indicators module's {@link IndicatorHosts}), IPv6 without brackets. */
    public static String hostOfUrl(String url) {
        return IndicatorHosts.hostOf(Normalized.Valid.of(IndicatorType.URL, url)).map(Normalized.Valid::value).orElse(null);
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || (!host.isEmpty() && Character.isDigit(host.charAt(host.length() - 1)));
    }

    /** The host, then each parent domain down to (and including) its registrable domain. */
    public static List<String> selfAndParents(String host) {
        List<String> parents = DomainHierarchy.parentDomains(host);
        List<String> names = new ArrayList<>(parents.size() + 1);
        names.add(host);
        names.addAll(parents);
        return names;
    }

    // ---- store keys -------------------------------------------------------------------------

    static byte[] cidrKey(byte[] network, int prefixLength, boolean v4) {
        byte[] key = new byte[network.length + 2];
        key[0] = v4 ? CIDR4 : CIDR6;
        System.arraycopy(network, 0, key, 1, network.length);
        key[key.length - 1] = (byte) prefixLength;
        return key;
    }

    static byte[] addressKey(byte[] address) {
        return concat(address.length == 4 ? IPV4 : IPV6, address);
    }

    /** {@code HOST, reversed host, 0} for a domain; followed by the URL for a URL on that host. */
    static byte[] hostKey(String host, String url) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(HOST);
        byte[] segment = hostSegment(host);
        out.write(segment, 0, segment.length);
        out.write(END_OF_HOST);
        if (url != null) {
            byte[] u = url.getBytes(StandardCharsets.UTF_8);
            out.write(u, 0, u.length);
        }
        return out.toByteArray();
    }

    /** Labels reversed ({@code www.evil.example} → {@code example.evil.www}) so subdomains sort under their parent; IPs as they are. */
    static byte[] hostSegment(String host) {
        if (isIpLiteral(host)) {
            return host.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        }
        String[] labels = host.split("\\.");
        StringBuilder reversed = new StringBuilder(host.length());
        for (int i = labels.length - 1; i >= 0; i--) {
            reversed.append(labels[i]);
            if (i > 0) {
                reversed.append('.');
            }
        }
        return reversed.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] other(String key) {
        return concat(OTHER, key.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte tag, byte[] rest) {
        byte[] key = new byte[rest.length + 1];
        key[0] = tag;
        System.arraycopy(rest, 0, key, 1, rest.length);
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Placement p && p.locality.equals(locality) && java.util.Arrays.equals(p.storeKey, storeKey);
    }

    @Override
    public int hashCode() {
        return locality.hashCode() * 31 + java.util.Arrays.hashCode(storeKey);
    }

    @Override
    public String toString() {
        return "Placement[" + locality + ", " + HexFormat.of().formatHex(storeKey) + "]";
    }
}
