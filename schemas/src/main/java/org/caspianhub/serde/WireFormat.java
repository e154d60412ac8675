package org.caspianhub.serde;

/**
 * Confluent's wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding. Subjects follow the topic name strategy ({@code <topic>-key},
 * {@code <topic>-value}).
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0;
    public static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
