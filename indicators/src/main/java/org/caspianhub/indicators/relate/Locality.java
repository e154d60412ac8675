package org.caspianhub.indicators.relate;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.kafka.common.utils.Utils;
import org.caspianhub.indicators.normalize.Normalized;

/**
 * Where an indicator is worked on: its <b>locality</b>, the name that related indicators share,
 * and the Kafka partition that locality maps to. The topology merges and correlates all
 * indicators of one locality in one task (a URL with its host's domain and parent domains, an
 * address with the prefixes of /8 or longer around it), and the gateway writes each submission to
 * that same partition of the party's submissions topic, so the topology can process it where it
 * arrives. Both call this class: the two must never disagree.
 *
 * <table>
 * <caption>localities</caption>
 * <tr><td>domain, URL on a named host, e-mail</td><td>{@code dns:} + registrable domain of the host
 *     ({@code login.evil.co.uk}, {@code https://evil.co.uk/x}, {@code boss@evil.co.uk} give
 *     {@code dns:evil.co.uk}); the host itself when it has none</td></tr>
 * <tr><td>IPv4, IPv4 prefix of /8 or longer, URL on an IPv4 host</td><td>{@code ip4:} + first octet</td></tr>
 * <tr><td>IPv6, IPv6 prefix of /32 or longer, URL on an IPv6 host</td><td>{@code ip6:} + first 32 bits in hex</td></tr>
 * <tr><td>broader prefixes</td><td>{@code ip4:wide}, {@code ip6:wide}</td></tr>
 * <tr><td>anything else (hashes, CVE, ASN)</td><td>its own key</td></tr>
 * </table>
 *
 * Values are canonical (from {@link org.caspianhub.indicators.normalize.IndicatorNormalizer}).
 */
public final class Locality {

    /** Prefixes broader than these do not share a block with their addresses. */
    public static final int IPV4_BLOCK_BITS = 8;
    public static final int IPV6_BLOCK_BITS = 32;

    private Locality() {
    }

    /** The locality of a canonical indicator. */
    public static String of(Normalized.Valid indicator) {
        return switch (indicator.type()) {
            case IPV4, IPV6 -> ofAddress(new IPAddressString(indicator.value()).getAddress().getBytes());
            case CIDR -> ofPrefix(new IPAddressString(indicator.value()).getAddress());
            case DOMAIN -> ofHost(indicator.value());
            case URL, EMAIL -> IndicatorHosts.hostOf(indicator)
                    .map(host -> host.type() == org.caspianhub.avro.IndicatorType.DOMAIN ? ofHost(host.value())
                            : ofAddress(new IPAddressString(host.value()).getAddress().getBytes()))
                    .orElse(indicator.key());
            default -> indicator.key();
        };
    }

    /** The locality of an address given as its bytes (4 or 16): its /8 or its /32 block. */
    public static String ofAddress(byte[] address) {
        if (address.length == 4) {
            return "ip4:" + (address[0] & 0xff);
        }
        return "ip6:" + HexFormat.of().formatHex(address, 0, 4);
    }

    private static String ofPrefix(IPAddress prefix) {
        byte[] network = prefix.getLower().getBytes();
        boolean v4 = prefix.isIPv4();
        Integer length = prefix.getNetworkPrefixLength();
        int bits = length == null ? network.length * 8 : length;
        if (bits < (v4 ? IPV4_BLOCK_BITS : IPV6_BLOCK_BITS)) {
            return v4 ? "ip4:wide" : "ip6:wide";
        }
        return ofAddress(network);
    }

    /** {@code dns:} + the registrable domain of a canonical host name (the name itself when it has none). */
    public static String ofHost(String host) {
        return "dns:" + DomainHierarchy.registrableDomain(host).orElse(host);
    }

    /**
     * The partition of a topic with {@code partitions} partitions that a locality maps to: the one
     * Kafka's default partitioner picks for a record keyed by the locality's UTF-8 bytes (murmur2).
     */
    public static int partition(String locality, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition, got " + partitions);
        }
        return Utils.toPositive(Utils.murmur2(locality.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The partition of a canonical indicator's locality. */
    public static int partitionOf(Normalized.Valid indicator, int partitions) {
        return partition(of(indicator), partitions);
    }
}
