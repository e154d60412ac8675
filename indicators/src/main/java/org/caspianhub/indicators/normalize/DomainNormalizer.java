package org.caspianhub.indicators.normalize;

import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.IDNA;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.caspianhub.avro.IndicatorType;

/**
 * Domain names: lower case, internationalized names to punycode by UTS #46 (IDNA2008,
 * non-transitional, as browsers resolve them), one trailing dot stripped, RFC 1035 lengths, and a
 * public suffix from Guava's copy of the Public Suffix List. Subdomains are kept as given.
 *
 * <p>Label characters follow Guava's {@link InternetDomainName}: letters, digits, hyphens and
 * underscores, not at the start or end of a label. Underscores are tolerated because they occur in
 * real malicious host names although RFC 1035 leaves them out.
 */
final class DomainNormalizer {

    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.CHECK_CONTEXTO);

    /** ICU findings this class reports itself with clearer words (or, for "ab--cd", accepts). */
    private static final Set<IDNA.Error> CHECKED_HERE = EnumSet.of(IDNA.Error.EMPTY_LABEL,
            IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG, IDNA.Error.LEADING_HYPHEN,
            IDNA.Error.TRAILING_HYPHEN, IDNA.Error.HYPHEN_3_4);

    private DomainNormalizer() {
    }

    static Normalized domain(String value) {
        String v = value;
        if (v.length() > 1 && v.charAt(v.length() - 1) == '.' && v.charAt(v.length() - 2) != '.') {
            v = v.substring(0, v.length() - 1); // the DNS root: evil.example. is evil.example
        }
        if (v.indexOf('*') >= 0) {
            return invalid(Quote.of(value) + " is a wildcard; submit the domain itself (its subdomains are related to it)");
        }
        String ascii;
        if (isAscii(v)) {
            ascii = lowerAscii(v);
        } else {
            StringBuilder out = new StringBuilder(v.length() + 16);
            IDNA.Info info = new IDNA.Info();
            try {
                UTS46.nameToASCII(v, out, info);
            } catch (com.ibm.icu.util.ICUInputTooLongException e) {
                // ICU refuses to map input this long at all (found by ImportersFuzzTest): far beyond any domain
                return Normalized.Invalid.ofValue(ErrorCodes.TOO_LONG, "the domain is " + v.length()
                        + " characters long; the limit is " + Limits.MAX_DOMAIN_LENGTH + " (RFC 1035)");
            }
            String idnaProblem = idnaProblem(info.getErrors());
            if (idnaProblem != null) {
                return invalid(Quote.of(value) + " is not a valid internationalized domain name: " + idnaProblem);
            }
            ascii = out.toString();
            if (ascii.endsWith(".") && !ascii.endsWith("..") && !v.endsWith(".")) {
                ascii = ascii.substring(0, ascii.length() - 1); // a trailing ideographic or fullwidth dot
            }
        }
        if (ascii.length() > Limits.MAX_DOMAIN_LENGTH) {
            return Normalized.Invalid.ofValue(ErrorCodes.TOO_LONG, "the domain is " + ascii.length()
                    + " characters long" + (ascii.equals(v) ? "" : " in punycode") + "; the limit is "
                    + Limits.MAX_DOMAIN_LENGTH + " (RFC 1035)");
        }
        Normalized labelProblem = checkLabels(value, ascii);
        if (labelProblem != null) {
            return labelProblem;
        }
        return withPublicSuffix(value, ascii);
    }

    private static Normalized checkLabels(String original, String ascii) {
        int labels = 0;
        boolean allNumeric = true;
        int start = 0;
        String last = null;
        while (start <= ascii.length()) {
            int end = ascii.indexOf('.', start);
            if (end < 0) {
                end = ascii.length();
            }
            String label = ascii.substring(start, end);
            labels++;
            if (label.isEmpty()) {
                return invalid(Quote.of(original) + " has an empty label (two dots in a row, or a dot at the start)");
            }
            if (label.length() > Limits.MAX_LABEL_LENGTH) {
                return invalid("the label " + Quote.of(label) + " is " + label.length()
                        + " characters long; the limit is " + Limits.MAX_LABEL_LENGTH + " (RFC 1035)");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    return invalid(Quote.of(original) + " contains " + Quote.character(ascii.codePointAt(start + i))
                            + ", which is not allowed in a domain name (letters, digits and hyphens)");
                }
                if (c < '0' || c > '9') {
                    allNumeric = false;
                }
            }
            char first = label.charAt(0);
            char lastChar = label.charAt(label.length() - 1);
            if (first == '-' || first == '_' || lastChar == '-' || lastChar == '_') {
                return invalid("the label " + Quote.of(label) + " " + (first == '-' || first == '_' ? "starts" : "ends")
                        + " with " + (first == '_' || lastChar == '_' ? "an underscore" : "a hyphen")
                        + ", which a host name may not");
            }
            if (label.startsWith("xn--")) {
                String problem = aceProblem(label);
                if (problem != null) {
                    return invalid("the label " + Quote.of(label) + " is not valid punycode: " + problem);
                }
            }
            last = label;
            start = end + 1;
        }
        if (allNumeric && labels == 4) {
            return invalid(Quote.of(original) + " is an ipv4 address, not a domain");
        }
        char tldStart = last.charAt(0);
        if (tldStart >= '0' && tldStart <= '9') {
            return invalid("the top-level label " + Quote.of(last) + " starts with a digit; no top-level domain does");
        }
        return null;
    }

    private static Normalized withPublicSuffix(String original, String ascii) {
        int dot = ascii.lastIndexOf('.');
        if (dot < 0 && InternetDomainName.isValid(ascii) && InternetDomainName.from(ascii).isRegistrySuffix()) {
            return Normalized.Invalid.ofValue(ErrorCodes.PUBLIC_SUFFIX_ONLY, Quote.of(original)
                    + " is a top-level domain, under which domains are registered, not a domain");
        }
        if (dot < 0) {
            return Normalized.Invalid.ofValue(ErrorCodes.NO_PUBLIC_SUFFIX, Quote.of(original)
                    + " is a single label, not a name on the Internet (like localhost or an intranet host);"
                    + " it is not a sharable indicator");
        }
        if (ReservedNames.DOCUMENTATION_TLDS.contains(ascii.substring(dot + 1))) {
            return Normalized.Valid.of(IndicatorType.DOMAIN, ascii);
        }
        InternetDomainName name;
        try {
            name = InternetDomainName.from(ascii);
        } catch (IllegalArgumentException e) {
            return invalid(Quote.of(original) + " is not a valid domain name");
        }
        if (!name.hasPublicSuffix()) {
            return Normalized.Invalid.ofValue(ErrorCodes.NO_PUBLIC_SUFFIX, Quote.of(original)
                    + " does not end in a public suffix (" + Quote.of(ascii.substring(dot + 1))
                    + " is not on the Public Suffix List), so it is no name on the Internet"
                    + " (an intranet or local name) and not a sharable indicator");
        }
        if (name.isRegistrySuffix()) {
            return Normalized.Invalid.ofValue(ErrorCodes.PUBLIC_SUFFIX_ONLY, Quote.of(original)
                    + " is itself a public suffix, under which domains are registered, not a domain");
        }
        return Normalized.Valid.of(IndicatorType.DOMAIN, ascii);
    }

    private static String aceProblem(String label) {
        StringBuilder out = new StringBuilder(label.length());
        IDNA.Info info = new IDNA.Info();
        try {
            UTS46.labelToUnicode(label, out, info);
        } catch (com.ibm.icu.util.ICUInputTooLongException e) {
            return "the label is too long for IDNA";
        }
        return idnaProblem(info.getErrors());
    }

    /** A sentence for the first IDNA error that matters, or null. */
    private static String idnaProblem(Set<IDNA.Error> errors) {
        for (IDNA.Error error : errors) {
            if (CHECKED_HERE.contains(error)) {
                continue;
            }
            return switch (error) {
                case PUNYCODE, INVALID_ACE_LABEL -> "a label is not valid punycode";
                case BIDI -> "it mixes right-to-left and left-to-right text in a way IDNA forbids";
                case CONTEXTJ -> "it contains a zero-width joiner or non-joiner where IDNA forbids it";
                case CONTEXTO_PUNCTUATION, CONTEXTO_DIGITS -> "it contains a character not allowed in that context";
                case LEADING_COMBINING_MARK -> "a label starts with a combining mark";
                case DISALLOWED -> "it contains a character not allowed in domain names";
                case LABEL_HAS_DOT -> "a label contains a dot";
                default -> "IDNA reports " + error.name().toLowerCase(Locale.ROOT);
            };
        }
        return null;
    }

    private static Normalized.Invalid invalid(String message) {
        return Normalized.Invalid.ofValue(ErrorCodes.INVALID_DOMAIN, message);
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    char d = chars[j];
                    if (d >= 'A' && d <= 'Z') {
                        chars[j] = (char) (d + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }
}
