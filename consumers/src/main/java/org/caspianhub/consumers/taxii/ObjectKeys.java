package org.caspianhub.consumers.taxii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.TopicPartition;

/**
 * Keys of the collection index, laid out so RocksDB's byte order is the order TAXII needs:
 * <ul>
 * <li>listing: {@code 'L' party 0x00 date-added} (8 big-endian bytes of epoch microseconds), so
 * one party's collection is one contiguous range in date-added order;</li>
 * <li>versions: {@code 'V' type uuid party 0x00 version} (type one byte, uuid 16, version 8 bytes
 * of epoch milliseconds), so an object's versions are one contiguous range, oldest first; the
 * first {@link #VERSION_PREFIX} bytes name the object, and the index's Bloom filters hash them,
 * so asking for the versions of an object the index does not hold (every new one) reads no block;</li>
 * <li>progress: {@code 'P' topic 0x00 partition}: how far the index has read each alert partition.</li>
 * </ul>
 * Party ids and topic names never contain a 0x00 byte.
 */
final class ObjectKeys {

    /** Length of the part of a version key that names the object ({@code 'V'}, type, uuid). */
    static final int VERSION_PREFIX = 18;

    private static final byte LISTING = 'L';
    private static final byte VERSIONS = 'V';
    private static final byte PROGRESS = 'P';

    private ObjectKeys() {
    }

    static byte[] listing(String party, long dateAddedMicros) {
        return prefixed(LISTING, party, 8).putLong(dateAddedMicros).array();
    }

    /** The first listing key of a party's objects added strictly after {@code micros}. */
    static byte[] listingAfter(String party, long micros) {
        return listing(party, micros == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, micros + 1));
    }

    /** Past the last listing key of a party (exclusive). */
    static byte[] listingEnd(String party) {
        return partyEnd(LISTING, party);
    }

    static long dateAdded(byte[] listingKey) {
        return ByteBuffer.wrap(listingKey, listingKey.length - 8, 8).getLong();
    }

    static byte[] version(String party, StixId id, long versionMillis) {
        byte[] p = party.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(VERSION_PREFIX + p.length + 1 + 8).put(VERSIONS).put(id.type().code())
                .putLong(id.uuid().getMostSignificantBits()).putLong(id.uuid().getLeastSignificantBits())
                .put(p).put((byte) 0).putLong(versionMillis).array();
    }

    /** The common prefix of every version of one object. */
    static byte[] versionsOf(String party, StixId id) {
        byte[] key = version(party, id, 0);
        return Arrays.copyOf(key, key.length - 8);
    }

    static long versionOf(byte[] versionKey) {
        return ByteBuffer.wrap(versionKey, versionKey.length - 8, 8).getLong();
    }

    static byte[] progress(TopicPartition partition) {
        return prefixed(PROGRESS, partition.topic(), 4).putInt(partition.partition()).array();
    }

    static byte[] progressPrefix() {
        return new byte[] {PROGRESS};
    }

    static TopicPartition partitionOf(byte[] progressKey) {
        String topic = new String(progressKey, 1, progressKey.length - 6, StandardCharsets.UTF_8);
        return new TopicPartition(topic, ByteBuffer.wrap(progressKey, progressKey.length - 4, 4).getInt());
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static ByteBuffer prefixed(byte kind, String name, int rest) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + n.length + 1 + rest).put(kind).put(n).put((byte) 0);
    }

    private static byte[] partyEnd(byte kind, String party) {
        byte[] n = party.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + n.length + 1).put(kind).put(n).put((byte) 1).array();
    }
}
