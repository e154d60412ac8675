package org.caspianhub.indicators.warninglist;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressTrie;
import java.util.Arrays;
import java.util.List;

/**
 * Addresses and prefixes. Prefixes go into binary tries (the IPAddress library's), one per IP
 * version, so a look-up walks at most 32 or 128 bits whatever the list's size. Single IPv4
 * addresses, which make up the 60,000 entries of the public DNS list, go into a sorted
 * {@code int[]} searched by bisection: the same answer as a trie, loaded in a fraction of the time
 * and memory. An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) is also looked up as its IPv4
 * address.
 */
final class CidrMatcher implements EntryMatcher {

    static final long NOT_DOTTED = -1;

    private final int[] ipv4Singles;
    private final IPv4AddressTrie ipv4 = new IPv4AddressTrie();
    private final IPv6AddressTrie ipv6 = new IPv6AddressTrie();
    private final int size;

    CidrMatcher(List<String> entries, String listName) {
        int[] singles = new int[entries.size()];
        int singleCount = 0;
        int added = 0;
        for (String entry : entries) {
            long dotted = dottedQuad(entry.trim());
            if (dotted != NOT_DOTTED) {
                singles[singleCount++] = (int) dotted;
                added++;
                continue;
            }
            IPAddress address = new IPAddressString(entry.trim()).getAddress();
            if (address == null) {
                throw new IllegalArgumentException("warninglist '" + listName + "': '" + entry
                        + "' is not an address or cidr");
            }
            // MISP lists sometimes write a prefix with host bits (10.1.2.3/8): it means the network
            IPAddress block = address.isPrefixed() ? address.toPrefixBlock() : address.withoutPrefixLength();
            if (block.isIPv4()) {
                ipv4.add(block.toIPv4());
            } else {
                ipv6.add(block.toIPv6());
            }
            added++;
        }
        this.ipv4Singles = Arrays.stream(singles, 0, singleCount).sorted().distinct().toArray();
        this.size = added;
    }

    @Override
    public boolean matches(String value) {
        long dotted = dottedQuad(value);
        if (dotted != NOT_DOTTED) {
            return containsIpv4((int) dotted, null);
        }
        IPAddress address = new IPAddressString(value).getAddress();
        if (address == null) {
            return false;
        }
        return contains(address.isPrefixed() ? address.toPrefixBlock() : address);
    }

    /** Whether an address, or every address of a prefix block, lies inside a listed entry. */
    boolean contains(IPAddress address) {
        if (address.isIPv4()) {
            IPv4Address v4 = address.toIPv4();
            if (!v4.isPrefixed() || v4.getNetworkPrefixLength() == IPv4Address.BIT_COUNT) {
                return Arrays.binarySearch(ipv4Singles, v4.intValue()) >= 0
                        || (!ipv4.isEmpty() && ipv4.elementContains(v4));
            }
            return !ipv4.isEmpty() && ipv4.elementContains(v4);
        }
        IPv6Address v6 = address.toIPv6();
        if (!ipv6.isEmpty() && ipv6.elementContains(v6)) {
            return true;
        }
        return v6.isIPv4Mapped() && !v6.isPrefixed() && contains(v6.getEmbeddedIPv4Address());
    }

    /** A single address (prefix null) or a prefix block. */
    private boolean containsIpv4(int single, IPv4Address prefix) {
        if (prefix == null) {
            return Arrays.binarySearch(ipv4Singles, single) >= 0
                    || (!ipv4.isEmpty() && ipv4.elementContains(new IPv4Address(single)));
        }
        return !ipv4.isEmpty() && ipv4.elementContains(prefix);
    }

    /**
     * A plain a.b.c.d (no prefix, no leading zeros) as its 32 bits (unsigned), or NOT_DOTTED: the
     * common entry and the common value, parsed without the library's generality. The singles
     * array holds these bits cast to int, as does {@code IPv4Address.intValue()}.
     */
    static long dottedQuad(String text) {
        int value = 0;
        int octet = 0;
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits > 0 && octet == 0) {
                    return NOT_DOTTED; // a leading zero
                }
                octet = octet * 10 + (c - '0');
                if (++digits > 3 || octet > 255) {
                    return NOT_DOTTED;
                }
            } else if (c == '.' && digits > 0 && dots < 3) {
                value = (value << 8) | octet;
                octet = 0;
                digits = 0;
                dots++;
            } else {
                return NOT_DOTTED;
            }
        }
        if (dots != 3 || digits == 0) {
            return NOT_DOTTED;
        }
        return ((value << 8) | octet) & 0xFFFF_FFFFL; // non-negative, so never NOT_DOTTED
    }

    @Override
    public int size() {
        return size;
    }
}
