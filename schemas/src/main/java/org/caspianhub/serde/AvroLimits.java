package org.caspianhub.serde;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.LongConsumer;
import org.apache.avro.SystemLimitException;

/**
 * Bounds what an Avro length prefix may claim while the hub decodes bytes from the wire. Avro's
 * {@code BinaryDecoder} allocates a string, a byte buffer or a collection of the claimed size before it
 * notices the bytes are not there, so a record claiming a 2 GB string runs the JVM out of memory; a
 * party's own Kafka client can write such a record. Avro refuses a longer claim with a
 * {@link SystemLimitException}, which the hub turns into a rejection like any other bad record.
 *
 * <p>No legitimate record comes near the limit: a string, a byte buffer or a collection (each of whose
 * items in the hub's schemas takes at least one byte) cannot be longer than the record holding it, and a
 * record is at most {@link #MAX_RECORD_BYTES}, the {@code max.message.bytes} the topic catalogue sets on every topic (the
 * hub's producers also stop at Kafka's {@code max.request.size} of 1 MiB).
 *
 * <p>Avro reads the three system properties once, when {@link SystemLimitException} initializes. A value
 * an operator sets with {@code -D} is kept; only absent ones are set here. When some other Avro use
 * initialized the class before this ran, Avro is asked to read the properties again.
 */
public final class AvroLimits {

    /**
     * The largest record batch the broker takes on each topic ({@code max.message.bytes}, Kafka's default),
     * which {@code TopicLayout} sets on every topic. Defined here, below the topic catalogue, because the
     * decoder's limit follows from it.
     */
    public static final int MAX_RECORD_BYTES = 1_048_588;

    /** The longest string or byte buffer, and the most collection items, one record may claim. */
    public static final int MAX_LENGTH = MAX_RECORD_BYTES;

    /** One of Avro's limits: its system property and the check Avro makes against it. */
    private record Limit(String property, LongConsumer check) {
    }

    private static final List<Limit> LIMITS = List.of(
            new Limit(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, SystemLimitException::checkMaxStringLength),
            new Limit(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, SystemLimitException::checkMaxBytesLength),
            new Limit(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, SystemLimitException::checkMaxCollectionLength));

    private static boolean applied;

    private AvroLimits() {
    }

    /**
     * Puts the limits in force for this JVM (idempotent): sets each property an operator did not set
     * and makes sure Avro enforces what the properties say.
     *
     * @throws IllegalStateException when Avro cannot be made to enforce them
     */
    public static synchronized void apply() {
        if (applied) {
            return;
        }
        for (Limit limit : LIMITS) {
            if (System.getProperty(limit.property()) == null) {
                System.setProperty(limit.property(), Integer.toString(MAX_LENGTH));
            }
        }
        if (!inForce()) {
            rereadProperties();
            if (!inForce()) {
                throw new IllegalStateException("Avro does not enforce the limits " + describe());
            }
        }
        applied = true;
    }

    /** The limits as an analyst reads them in a rejection, e.g. "strings and bytes at most 1048588 bytes, ...". */
    public static String describe() {
        return "strings at most " + value(LIMITS.get(0)) + " bytes, bytes at most " + value(LIMITS.get(1))
                + " bytes, collections at most " + value(LIMITS.get(2)) + " items";
    }

    /** Whether Avro refuses one more than each property's value (a value Avro cannot parse: its own default). */
    private static boolean inForce() {
        for (Limit limit : LIMITS) {
            long max = value(limit);
            if (max >= Integer.MAX_VALUE - 8) {
                continue; // Avro's own ceiling, always in force
            }
            try {
                limit.check().accept(max + 1);
                return false;
            } catch (SystemLimitException expected) {
                // refused, as it should be
            }
        }
        return true;
    }

    private static long value(Limit limit) {
        try {
            return Integer.parseUnsignedInt(System.getProperty(limit.property(), Integer.toString(MAX_LENGTH)));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE - 8; // what Avro falls back to
        }
    }

    /**
     * {@code SystemLimitException.resetLimits}, package-private, is how Avro itself re-reads the
     * properties; there is no public way once the class has initialized.
     */
    private static void rereadProperties() {
        try {
            Method reset = SystemLimitException.class.getDeclaredMethod("resetLimits");
            reset.setAccessible(true);
            reset.invoke(null);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new IllegalStateException("Avro read its limits before the hub set them and cannot read them again ("
                    + e + "); start the JVM with -D" + SystemLimitException.MAX_STRING_LENGTH_PROPERTY + "=" + MAX_LENGTH
                    + " and the same for " + SystemLimitException.MAX_BYTES_LENGTH_PROPERTY + " and "
                    + SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, e);
        }
    }
}
