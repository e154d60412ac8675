package org.caspianhub.consumers.taxii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the collection stores, laid out so RocksDB's byte order is the order TAXII needs:
 * <ul>
 * <li>objects: {@code party 0x00 date-added} (date added as 8 big-endian bytes of epoch
 * microseconds), so one party's collection is one contiguous range in date-added order;</li>
 * <li>index: {@code party 0x00 stix-id 0x00 version} (version being the object's fixed-width
 * {@code modified} timestamp), so an object's versions are one contiguous range, oldest first.</li>
 * </ul>
 * Party ids and STIX ids never contain a 0x00 byte.
 */
final class ObjectKeys {

    private ObjectKeys() {
    }

    static Bytes object(String party, long dateAddedMicros) {
        byte[] p = party.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(p.length + 9).put(p).put((byte) 0).putLong(dateAddedMicros).array());
    }

    /** The first key of a party's objects added strictly after {@code micros}. */
    static Bytes objectsAfter(String party, long micros) {
        return object(party, micros == Long.MAX_VALUE ? Long.MAX_VALUE : micros + 1);
    }

    static Bytes lastObject(String party) {
        return object(party, Long.MAX_VALUE);
    }

    static long dateAdded(Bytes objectKey) {
        byte[] key = objectKey.get();
        return ByteBuffer.wrap(key, key.length - 8, 8).getLong();
    }

    static Bytes version(String party, String stixId, String version) {
        return Bytes.wrap((party + '\0' + stixId + '\0' + version).getBytes(StandardCharsets.UTF_8));
    }

    /** The range holding every version of one object. */
    static Bytes versionsFrom(String party, String stixId) {
        return Bytes.wrap((party + '\0' + stixId + '\0').getBytes(StandardCharsets.UTF_8));
    }

    static Bytes versionsTo(String party, String stixId) {
        byte[] prefix = (party + '\0' + stixId + '\0').getBytes(StandardCharsets.UTF_8);
        byte[] to = java.util.Arrays.copyOf(prefix, prefix.length + 1);
        to[prefix.length] = (byte) 0xff;
        return Bytes.wrap(to);
    }

    /** The version part of an index key. */
    static String versionOf(Bytes indexKey) {
        String key = new String(indexKey.get(), StandardCharsets.UTF_8);
        return key.substring(key.lastIndexOf('\0') + 1);
    }
}
