package org.caspianhub.consumers.taxii;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.common.utils.ByteUtils;
import org.caspianhub.consumers.alert.Timestamps;

/**
 * One version of one object in a collection, as the index lists it: what TAXII's filters and
 * the manifest need, and where the alert it was made from lies in the party's alert topic. The
 * object itself is not kept: it is rendered from that alert when a request asks for it.
 *
 * @param dateAdded   epoch microseconds, unique and increasing within the collection
 * @param id          the object's STIX id
 * @param version     the object's {@code modified} (for a fixed object, its {@code created}), epoch milliseconds
 * @param created     the {@code created} of the object's first version, epoch milliseconds
 * @param fixed       a marking definition or identity: always the same content, rendered as it is
 * @param partition   partition of {@code cti.<party>.alerts} holding the alert
 * @param offset      the alert's offset there
 * @param objectIndex which of the alert's STIX objects ({@link org.caspianhub.consumers.stix.StixMapper#objects}) this is
 */
record ListedObject(long dateAdded, StixId id, long version, long created, boolean fixed, int partition, long offset,
                    int objectIndex) {

    String versionText() {
        return Timestamps.millis(Instant.ofEpochMilli(version));
    }

    /** The listing value: about 25 bytes (the key holds the party and date added). */
    byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(1 + 16 + 4 * 10 + 5);
        out.put((byte) (id.type().code() | (fixed ? 0x80 : 0)));
        out.putLong(id.uuid().getMostSignificantBits()).putLong(id.uuid().getLeastSignificantBits());
        ByteUtils.writeVarlong(version - dateAdded / 1000, out);
        ByteUtils.writeVarlong(version - created, out);
        ByteUtils.writeVarint(partition, out);
        ByteUtils.writeVarlong(offset, out);
        ByteUtils.writeVarint(objectIndex, out);
        return Arrays.copyOf(out.array(), out.position());
    }

    static ListedObject decode(long dateAdded, byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        int flags = in.get() & 0xff;
        StixId id = new StixId(StixId.Type.ofCode(flags & 0x7f), new UUID(in.getLong(), in.getLong()));
        long version = dateAdded / 1000 + ByteUtils.readVarlong(in);
        long created = version - ByteUtils.readVarlong(in);
        return new ListedObject(dateAdded, id, version, created, (flags & 0x80) != 0, ByteUtils.readVarint(in),
                ByteUtils.readVarlong(in), ByteUtils.readVarint(in));
    }
}
