package org.caspianhub.consumers.taxii;

import java.util.Optional;
import java.util.UUID;

/**
 * A STIX id ({@code <type>--<uuid>}) in the form the collection index keeps it: one byte for the
 * type, sixteen for the UUID, instead of a string of up to 50 characters per entry.
 */
record StixId(Type type, UUID uuid) {

    /** The object types a collection holds, with the code the index stores for each. */
    enum Type {
        INDICATOR("indicator"), VULNERABILITY("vulnerability"), SIGHTING("sighting"), RELATIONSHIP("relationship"),
        IDENTITY("identity"), MARKING_DEFINITION("marking-definition");

        private final String stix;

        Type(String stix) {
            this.stix = stix;
        }

        String stix() {
            return stix;
        }

        byte code() {
            return (byte) (ordinal() + 1);
        }

        static Type ofCode(int code) {
            return values()[code - 1];
        }

        static Optional<Type> of(String stix) {
            for (Type type : values()) {
                if (type.stix.equals(stix)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }

    /** The id, or empty when it is no id this server could hold (another type, not a canonical UUID). */
    static Optional<StixId> parse(String id) {
        int dashes = id == null ? -1 : id.indexOf("--");
        if (dashes < 0 || id.length() - dashes - 2 != 36) {
            return Optional.empty();
        }
        Optional<Type> type = Type.of(id.substring(0, dashes));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            UUID uuid = UUID.fromString(id.substring(dashes + 2));
            return uuid.toString().equals(id.substring(dashes + 2)) ? Optional.of(new StixId(type.get(), uuid)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return type.stix() + "--" + uuid;
    }
}
