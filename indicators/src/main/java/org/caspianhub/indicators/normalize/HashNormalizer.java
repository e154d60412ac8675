package org.caspianhub.indicators.normalize;

import java.util.Locale;
import org.caspianhub.avro.IndicatorType;

/** MD5, SHA-1, SHA-256 and SHA-512 digests: hexadecimal of an exact length, in lower case. */
final class HashNormalizer {

    private HashNormalizer() {
    }

    /** The number of hex characters of a hash type. */
    static int hexLength(IndicatorType type) {
        return switch (type) {
            case MD5 -> 32;
            case SHA1 -> 40;
            case SHA256 -> 64;
            case SHA512 -> 128;
            default -> throw new IllegalArgumentException(type + " is not a hash type");
        };
    }

    /** The hash type whose digests have this many hex characters, or null. */
    static IndicatorType typeOfLength(int length) {
        return switch (length) {
            case 32 -> IndicatorType.MD5;
            case 40 -> IndicatorType.SHA1;
            case 64 -> IndicatorType.SHA256;
            case 128 -> IndicatorType.SHA512;
            default -> null;
        };
    }

    static Normalized hash(String value, IndicatorType type) {
        String name = type.name().toLowerCase(Locale.ROOT);
        int expected = hexLength(type);
        for (int i = 0; i < value.length(); i++) {
            if (!isHex(value.charAt(i))) {
                return Normalized.Invalid.ofValue(ErrorCodes.invalid(type), name + " must be hexadecimal; "
                        + Quote.character(value.codePointAt(i)) + " at position " + (i + 1) + " is not a hex digit");
            }
        }
        if (value.length() != expected) {
            return Normalized.Invalid.ofValue(ErrorCodes.invalid(type),
                    name + " must be " + expected + " hex characters, got " + value.length());
        }
        return Normalized.Valid.of(type, DomainNormalizer.lowerAscii(value));
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isAllHex(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isHex(value.charAt(i))) {
                return false;
            }
        }
        return !value.isEmpty();
    }
}
