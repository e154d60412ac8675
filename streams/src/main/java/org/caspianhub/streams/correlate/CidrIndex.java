package org.caspianhub.streams.correlate;

import inet.ipaddr.IPAddress;
import inet.ipaddr.format.util.AddressTrie;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressTrie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The reported prefixes of one task, in memory, to answer "which prefixes contain this address"
 * with one trie walk (the IPAddress library's trie) instead of 25 store look-ups per address.
 * Prefixes are rare next to addresses, so this stays small; the merge stage rebuilds it from its
 * store whenever a task starts, so it never disagrees with the store after a restart or rollback.
 */
public final class CidrIndex {

    private final IPv4AddressTrie v4 = new IPv4AddressTrie();
    private final IPv6AddressTrie v6 = new IPv6AddressTrie();

    /** Adds the prefix a store key names (see {@link Placement}); other keys are ignored. */
    public void addStoreKey(byte[] storeKey) {
        if (isCidr4(storeKey)) {
            v4.add(prefix4(storeKey));
        } else if (isCidr6(storeKey)) {
            v6.add(prefix6(storeKey));
        }
    }

    public void removeStoreKey(byte[] storeKey) {
        if (isCidr4(storeKey)) {
            v4.remove(prefix4(storeKey));
        } else if (isCidr6(storeKey)) {
            v6.remove(prefix6(storeKey));
        }
    }

    public int size() {
        return v4.size() + v6.size();
    }

    /** Store keys of the indexed prefixes that contain the address with this store key. */
    public List<byte[]> containing(byte[] addressStoreKey) {
        List<byte[]> out = new ArrayList<>(2);
        if (addressStoreKey.length == 5 && addressStoreKey[0] == Placement.IPV4 && !v4.isEmpty()) {
            collect(v4.elementsContaining(new IPv4Address(Arrays.copyOfRange(addressStoreKey, 1, 5))), out, true);
        } else if (addressStoreKey.length == 17 && addressStoreKey[0] == Placement.IPV6 && !v6.isEmpty()) {
            collect(v6.elementsContaining(new IPv6Address(Arrays.copyOfRange(addressStoreKey, 1, 17))), out, false);
        }
        return out;
    }

    static boolean isCidr4(byte[] key) {
        return key.length == 6 && key[0] == Placement.CIDR4;
    }

    static boolean isCidr6(byte[] key) {
        return key.length == 18 && key[0] == Placement.CIDR6;
    }

    private static <E extends IPAddress> void collect(AddressTrie.TrieNode<E> containing, List<byte[]> out, boolean v4) {
        if (containing == null) {
            return;
        }
        Iterator<? extends AddressTrie.TrieNode<E>> nodes = containing.nodeIterator(true);
        while (nodes.hasNext()) {
            E prefix = nodes.next().getKey();
            Integer length = prefix.getNetworkPrefixLength();
            out.add(Placement.cidrKey(prefix.getLower().getBytes(), length == null ? prefix.getBitCount() : length, v4));
        }
    }

    private static IPv4Address prefix4(byte[] key) {
        return new IPv4Address(Arrays.copyOfRange(key, 1, 5), (int) key[5] & 0xff).toPrefixBlock();
    }

    private static IPv6Address prefix6(byte[] key) {
        return new IPv6Address(Arrays.copyOfRange(key, 1, 17), (int) key[17] & 0xff).toPrefixBlock();
    }
}
