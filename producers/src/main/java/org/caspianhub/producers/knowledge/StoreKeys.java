package org.caspianhub.producers.knowledge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The store's key layout, one byte string per entry, in unsigned byte order:
 * <ul>
 * <li>{@code v party 0 indicatorKey}: a party's view of an indicator (views of one party in key order,
 *     of one type together since a key starts with its type);</li>
 * <li>{@code i party 0 dimension term 0 indicatorKey}: the search indexes (dimension {@code t} tag,
 *     {@code r} reference, {@code p} reporting party; terms in lower case), empty values;</li>
 * <li>{@code o topic 0 partition}: the next offset to read of an alert topic's partition, written in
 *     the same batch as the views it produced, so a restart resumes exactly where the store is;</li>
 * <li>{@code m name}: the store's own facts: its format, and per party {@code digest/party} how many
 *     alerts it received and the sum of a hash of their ids (the exports' ETags).</li>
 * </ul>
 * Party ids, topic names, tags and indicator keys never hold a zero byte (they are validated text).
 */
final class StoreKeys {

    static final byte VIEW = 'v';
    static final byte INDEX = 'i';
    static final byte OFFSET = 'o';
    static final byte META = 'm';

    private StoreKeys() {
    }

    static byte[] view(String party, String indicatorKey) {
        return concat(new byte[] {VIEW}, utf8(party), new byte[] {0}, utf8(indicatorKey));
    }

    /** The prefix of a party's views. */
    static byte[] views(String party) {
        return concat(new byte[] {VIEW}, utf8(party), new byte[] {0});
    }

    static byte[] index(String party, char dimension, String term, String indicatorKey) {
        return concat(indexPrefix(party, dimension, term), utf8(indicatorKey));
    }

    /** The prefix of one term's index entries. */
    static byte[] indexPrefix(String party, char dimension, String term) {
        return concat(new byte[] {INDEX}, utf8(party), new byte[] {0, (byte) dimension}, utf8(term), new byte[] {0});
    }

    static byte[] offset(String topic, int partition) {
        return concat(new byte[] {OFFSET}, utf8(topic), new byte[] {0}, ByteBuffer.allocate(4).putInt(partition).array());
    }

    static byte[] meta(String name) {
        return concat(new byte[] {META}, utf8(name));
    }

    /** The indicator key at the end of a key that starts with {@code prefix}. */
    static String suffix(byte[] key, byte[] prefix) {
        return new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8);
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The first key after {@code key} itself (for a cursor: resume after the last key answered). */
    static byte[] after(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
