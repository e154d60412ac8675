package org.caspianhub.consumers.stix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.parties.PartyId;

/**
 * Deterministic STIX identifiers: a name-based UUID (version 5, RFC 9562) in the hub's own
 * namespace. The objects about an indicator are named per recipient: the same recipient always
 * gets the same {@code indicator--...} id for an indicator key, in its collection, its webhook
 * bundles and after every rebuild, so it can update its copy in place; two recipients never share
 * one, since STIX requires one id and {@code modified} to name one content, and each recipient's
 * content is its own view (its TLP, parties and alert id).
 */
public final class StixIds {

    /** The Caspian Hub's UUIDv5 namespace. Never change it: every id a partner holds derives from it. */
    public static final UUID NAMESPACE = UUID.fromString("6f1b1d52-4b0e-5c4e-9a53-8f7f3c1d2a90");

    /** One digest per thread: every delivered alert computes its id. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is always available", e);
        }
    });

    private StixIds() {
    }

    /**
     * The STIX object for an indicator key as one recipient sees it: {@code vulnerability--} for a
     * CVE, {@code indicator--} otherwise.
     */
    public static String forIndicator(String recipient, IndicatorType type, String indicatorKey) {
        return (type == IndicatorType.CVE ? "vulnerability--" : "indicator--") + uuid5(recipient + "|" + indicatorKey);
    }

    public static String forParty(PartyId party) {
        return "identity--" + uuid5("party:" + party.value());
    }

    public static String forParty(String party) {
        return "identity--" + uuid5("party:" + party);
    }

    public static String hubIdentity() {
        return "identity--" + uuid5("caspian-hub");
    }

    public static String sighting(String recipient, String indicatorKey, String basis) {
        return "sighting--" + uuid5("sighting:" + recipient + "|" + indicatorKey + ":" + basis);
    }

    /** One relationship per recipient, unordered pair and kind, whichever side's alert reveals it. */
    public static String relationship(String recipient, String keyA, String keyB, String kind) {
        String first = keyA.compareTo(keyB) <= 0 ? keyA : keyB;
        String second = first.equals(keyA) ? keyB : keyA;
        return "relationship--" + uuid5("relationship:" + recipient + "|" + kind + ":" + first + ":" + second);
    }

    public static String bundle(String alertId) {
        return "bundle--" + uuid5("bundle:" + alertId);
    }

    public static String collection(PartyId party) {
        return uuid5("collection:" + party.value()).toString();
    }

    /** A version 5 (SHA-1, name-based) UUID of {@code name} in {@link #NAMESPACE}. */
    public static UUID uuid5(String name) {
        return uuid5(NAMESPACE, name);
    }

    public static UUID uuid5(UUID namespace, String name) {
        MessageDigest sha1 = SHA1.get();
        sha1.reset();
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
