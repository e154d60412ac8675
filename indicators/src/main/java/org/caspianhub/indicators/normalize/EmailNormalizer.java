package org.caspianhub.indicators.normalize;

import java.util.Locale;
import org.caspianhub.avro.IndicatorType;

/**
 * Email addresses: {@code local@domain}, an optional {@code mailto:} dropped, the domain normalized
 * as a domain (punycode, public suffix), the local part checked as an RFC 5322 dot-atom (with
 * RFC 6531 UTF-8 letters) and lower-cased.
 *
 * <p>Lower-casing the local part is a decision: RFC 5321 lets a server treat {@code John} and
 * {@code john} as two mailboxes, but no common provider does, and phishing senders are reported
 * in whatever case a mail client showed. One key per mailbox lets two parties' reports of the
 * same sender match. Nothing else is rewritten: dots and {@code +tags} are provider-specific.
 */
final class EmailNormalizer {

    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private EmailNormalizer() {
    }

    static Normalized email(String value) {
        String v = value.regionMatches(true, 0, "mailto:", 0, 7) ? value.substring(7) : value;
        int at = v.lastIndexOf('@');
        if (at < 0) {
            return invalid(Quote.of(value) + " has no '@'; an email looks like user@evil.example");
        }
        String local = v.substring(0, at);
        String domain = v.substring(at + 1);
        if (local.isEmpty()) {
            return invalid(Quote.of(value) + " has nothing before the '@'");
        }
        if (domain.isEmpty()) {
            return invalid(Quote.of(value) + " has nothing after the '@'");
        }
        if (local.charAt(0) == '"') {
            return invalid(Quote.of(value) + " has a quoted local part, which the hub does not accept");
        }
        if (local.indexOf('@') >= 0) {
            return invalid(Quote.of(value) + " has more than one '@'");
        }
        if (local.length() > Limits.MAX_LOCAL_PART_LENGTH) {
            return Normalized.Invalid.ofValue(ErrorCodes.TOO_LONG, "the part before the '@' is " + local.length()
                    + " characters long; the limit is " + Limits.MAX_LOCAL_PART_LENGTH + " (RFC 5321)");
        }
        String localProblem = localPartProblem(local);
        if (localProblem != null) {
            return invalid(Quote.of(value) + " " + localProblem);
        }
        if (domain.charAt(0) == '[') {
            return invalid(Quote.of(value) + " has an address literal as its domain; submit the address as an ip indicator");
        }
        Normalized normalizedDomain = DomainNormalizer.domain(domain);
        if (normalizedDomain instanceof Normalized.Invalid invalid) {
            return UrlNormalizer.prefixed(invalid, "the email domain: ");
        }
        String canonical = local.toLowerCase(Locale.ROOT) + "@" + ((Normalized.Valid) normalizedDomain).value();
        if (canonical.length() > Limits.MAX_EMAIL_LENGTH) {
            return Normalized.Invalid.ofValue(ErrorCodes.TOO_LONG, "the email is " + canonical.length()
                    + " characters long; the limit is " + Limits.MAX_EMAIL_LENGTH + " (RFC 5321)");
        }
        return Normalized.Valid.of(IndicatorType.EMAIL, canonical);
    }

    private static String localPartProblem(String local) {
        if (local.charAt(0) == '.' || local.charAt(local.length() - 1) == '.') {
            return "has a dot at the start or end of the part before the '@'";
        }
        if (local.contains("..")) {
            return "has two dots in a row before the '@'";
        }
        for (int i = 0; i < local.length(); ) {
            int c = local.codePointAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || (c < 128 && ATEXT_SYMBOLS.indexOf(c) >= 0)
                    || (c >= 128 && Character.isLetterOrDigit(c));
            if (!ok) {
                return "contains " + Quote.character(c) + ", which is not allowed before the '@'";
            }
            i += Character.charCount(c);
        }
        return null;
    }

    private static Normalized.Invalid invalid(String message) {
        return Normalized.Invalid.ofValue(ErrorCodes.INVALID_EMAIL, message);
    }
}
