package org.caspianhub.indicators.normalize;

import java.util.Locale;
import org.caspianhub.avro.IndicatorType;

/**
 * Validates and normalizes a raw indicator value: refangs it, detects its type when none is
 * declared (or checks the declared one), and brings it to canonical form. Thread-safe and cheap to
 * construct; every instance shares the same immutable parsers.
 *
 * <p>Steps: trim (Unicode spaces too), refuse empty, over-long and control-character values,
 * refang ({@code hxxp}, {@code [.]}, {@code [at]}, ...), then the type's own normalizer. A declared
 * type is never overridden: when the value is invalid for it but valid as another type, the answer
 * is a {@code type_mismatch} error on the {@code type} field that names the type it is.
 */
public final class IndicatorNormalizer {

    /**
     * @param raw      the value as submitted, possibly defanged ({@code hxxp://evil[.]example})
     * @param declared the type the submitter declared, or null to detect it
     */
    public Normalized normalize(String raw, IndicatorType declared) {
        if (raw == null) {
            return Normalized.Invalid.ofValue(ErrorCodes.REQUIRED, "value is missing");
        }
        String value = trim(raw);
        if (value.isEmpty()) {
            return Normalized.Invalid.ofValue(ErrorCodes.REQUIRED, "value is empty");
        }
        if (value.length() > Limits.MAX_VALUE_LENGTH) {
            return Normalized.Invalid.ofValue(ErrorCodes.TOO_LONG, "value is " + value.length()
                    + " characters long; the limit is " + Limits.MAX_VALUE_LENGTH);
        }
        Normalized.Invalid control = controlCharacter(value);
        if (control != null) {
            return control;
        }
        value = Refanger.refang(value);
        if (declared == null) {
            TypeDetector.Detection detection = TypeDetector.detect(value);
            if (detection.type() == null) {
                return Normalized.Invalid.ofValue(ErrorCodes.UNRECOGNIZED, detection.unrecognizedReason());
            }
            return normalizeAs(detection.type(), value);
        }
        if (declared == IndicatorType.UNKNOWN) {
            return Normalized.Invalid.of(FieldError.TYPE, ErrorCodes.UNSUPPORTED_TYPE,
                    "the declared type is unknown to this version of the hub; leave the type out to have it detected");
        }
        Normalized result = normalizeAs(declared, value);
        if (result instanceof Normalized.Invalid) {
            Normalized.Invalid mismatch = mismatch(declared, value);
            if (mismatch != null) {
                return mismatch;
            }
        }
        return result;
    }

    /** The normalizer of one type, applied to a trimmed, refanged value. */
    private static Normalized normalizeAs(IndicatorType type, String value) {
        return switch (type) {
            case IPV4 -> AddressNormalizer.ipv4(value);
            case IPV6 -> AddressNormalizer.ipv6(value);
            case CIDR -> AddressNormalizer.cidr(value);
            case DOMAIN -> DomainNormalizer.domain(value);
            case URL -> UrlNormalizer.url(value);
            case EMAIL -> EmailNormalizer.email(value);
            case MD5, SHA1, SHA256, SHA512 -> HashNormalizer.hash(value, type);
            case CVE -> CveNormalizer.cve(value);
            case ASN -> AsnNormalizer.asn(value);
            case UNKNOWN -> throw new IllegalArgumentException("UNKNOWN is not a type to normalize to");
        };
    }

    /** When a value failed as its declared type but is valid as another: say which. */
    private static Normalized.Invalid mismatch(IndicatorType declared, String value) {
        IndicatorType actual = TypeDetector.detect(value).type();
        if (actual == null || actual == declared) {
            return null;
        }
        if (!(normalizeAs(actual, value) instanceof Normalized.Valid valid)) {
            return null;
        }
        String declaredName = name(declared);
        String message = "declared " + declaredName + " but " + Quote.of(value) + " is " + describe(actual);
        if ((declared == IndicatorType.IPV4 || declared == IndicatorType.IPV6) && actual == IndicatorType.CIDR) {
            message += ", not a single address; declare cidr";
        } else if (declared == IndicatorType.CIDR && (actual == IndicatorType.IPV4 || actual == IndicatorType.IPV6)) {
            message += " without a prefix length; declare " + name(actual) + ", or write it as a cidr ("
                    + valid.value() + (actual == IndicatorType.IPV4 ? "/32" : "/128") + ")";
        } else if (declared == IndicatorType.URL && actual == IndicatorType.DOMAIN) {
            message += "; declare domain, or write the url with its scheme (http://" + valid.value() + "/)";
        } else {
            message += "; declare " + name(actual) + " or leave the type out to have it detected";
        }
        return Normalized.Invalid.of(FieldError.TYPE, ErrorCodes.TYPE_MISMATCH, message);
    }

    private static String describe(IndicatorType type) {
        return switch (type) {
            case IPV4 -> "an ipv4 address";
            case IPV6 -> "an ipv6 address";
            case CIDR -> "a cidr prefix";
            case DOMAIN -> "a domain";
            case URL -> "a url";
            case EMAIL -> "an email address";
            case MD5 -> "an md5 hash (32 hex characters)";
            case SHA1 -> "a sha1 hash (40 hex characters)";
            case SHA256 -> "a sha256 hash (64 hex characters)";
            case SHA512 -> "a sha512 hash (128 hex characters)";
            case CVE -> "a cve";
            case ASN -> "an asn";
            case UNKNOWN -> "of an unknown type";
        };
    }

    private static String name(IndicatorType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** Strips whitespace, no-break spaces and byte-order marks at both ends (copy-paste brings them). */
    static String trim(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && isTrimmable(raw.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmable(raw.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == raw.length() ? raw : raw.substring(start, end);
    }

    private static boolean isTrimmable(char c) {
        return c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B)
                || c == '\u00A0' || c == '\uFEFF' || c == '\u200B'
                || (c >= 0x80 && Character.isWhitespace(c));
    }

    /** Control characters, invisible format characters and lone surrogates have no place in an indicator. */
    private static Normalized.Invalid controlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean bad;
            if (c < 0x80) {
                bad = c < 0x20 || c == 0x7F;
            } else {
                int type = Character.getType(c);
                bad = type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR
                        || (Character.isHighSurrogate(c) && (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))))
                        || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1))));
            }
            if (bad) {
                return Normalized.Invalid.ofValue(ErrorCodes.CONTROL_CHARACTER, "value contains the control or invisible character "
                        + String.format("U+%04X", (int) c) + " at position " + (i + 1));
            }
        }
        return null;
    }
}
