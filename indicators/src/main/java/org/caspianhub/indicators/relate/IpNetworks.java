package org.caspianhub.indicators.relate;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import org.caspianhub.indicators.normalize.Limits;

/**
 * Relations between addresses and prefixes, for correlating an IP with the CIDRs reported around
 * it. Values are canonical IPV4, IPV6 or CIDR values; anything the IPAddress library cannot parse
 * is a programming error ({@link IllegalArgumentException}). Prefix strings are in the normalizer's
 * canonical CIDR form, so they can be used as {@code cidr:} keys directly.
 *
 * <p>Co-locating by network: {@link #bucketOf} puts an address or a prefix into the network of a
 * fixed length that holds it (the /16 of an IPv4, the /32 of an IPv6 by default). A prefix broader
 * than the bucket is its own bucket, so {@link #bucketsToSearch} of an address lists its bucket plus
 * every broader prefix down to the widest the hub accepts (/8, /16): with the default buckets, at
 * most 9 look-ups for IPv4 and 17 for IPv6 find every reported prefix that could hold the address.
 */
public final class IpNetworks {

    public static final int DEFAULT_IPV4_BUCKET = 16;
    public static final int DEFAULT_IPV6_BUCKET = 32;

    private IpNetworks() {
    }

    /**
     * Whether every address of {@code addressOrCidr} lies inside {@code cidr}; an address counts as
     * its /32 or /128. False across IP versions.
     */
    public static boolean contains(String cidr, String addressOrCidr) {
        IPAddress outer = block(cidr);
        IPAddress inner = block(addressOrCidr);
        return outer.getIPVersion() == inner.getIPVersion() && outer.contains(inner);
    }

    /**
     * Every prefix that contains the value, from its own length (an address gives its /32 or /128
     * first) down to {@code minPrefixLength}, most specific first, as canonical CIDR strings:
     * {@code 203.0.113.7} with 22 gives {@code 203.0.113.7/32, 203.0.113.6/31, ..., 203.0.112.0/22}.
     * Empty when {@code minPrefixLength} exceeds the value's own length.
     */
    public static List<String> enclosingPrefixes(String ipOrCidr, int minPrefixLength) {
        IPAddress value = block(ipOrCidr);
        int length = prefixLength(value);
        int min = Math.max(0, minPrefixLength);
        List<String> prefixes = new ArrayList<>(Math.max(0, length - min + 1));
        for (int bits = length; bits >= min; bits--) {
            prefixes.add(value.toPrefixBlock(bits).toCanonicalString());
        }
        return prefixes;
    }

    /**
     * The network of {@code bucketPrefixLength} bits holding the value, as a canonical CIDR string;
     * a prefix broader than that is its own bucket. The same value always gives the same bucket.
     */
    public static String bucketOf(String ipOrCidr, int bucketPrefixLength) {
        IPAddress value = block(ipOrCidr);
        int length = Math.min(prefixLength(value), Math.max(0, bucketPrefixLength));
        return value.toPrefixBlock(length).toCanonicalString();
    }

    /** {@link #bucketOf(String, int)} with /16 for IPv4 and /32 for IPv6. */
    public static String bucketOf(String ipOrCidr) {
        IPAddress value = block(ipOrCidr);
        return bucketOf(ipOrCidr, value.isIPv4() ? DEFAULT_IPV4_BUCKET : DEFAULT_IPV6_BUCKET);
    }

    /**
     * The buckets where a prefix containing the value can be stored: its own bucket, then every
     * broader prefix down to the widest CIDR the normalizer accepts.
     */
    public static List<String> bucketsToSearch(String ipOrCidr, int bucketPrefixLength) {
        IPAddress value = block(ipOrCidr);
        int widest = value.isIPv4() ? Limits.MIN_IPV4_PREFIX_LENGTH : Limits.MIN_IPV6_PREFIX_LENGTH;
        int start = Math.min(prefixLength(value), Math.max(0, bucketPrefixLength));
        List<String> buckets = new ArrayList<>();
        for (int bits = start; bits >= widest; bits--) {
            buckets.add(value.toPrefixBlock(bits).toCanonicalString());
        }
        return buckets;
    }

    /** The address as a one-address block, or the prefix as its network block. */
    private static IPAddress block(String value) {
        IPAddress address = new IPAddressString(value.trim()).getAddress();
        if (address == null) {
            throw new IllegalArgumentException("'" + value + "' is not an ip address or cidr");
        }
        if (!address.isPrefixed()) {
            return address.toPrefixBlock(address.getBitCount());
        }
        return address.toPrefixBlock();
    }

    private static int prefixLength(IPAddress block) {
        Integer length = block.getNetworkPrefixLength();
        return length == null ? block.getBitCount() : length;
    }
}
