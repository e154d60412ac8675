package org.caspianhub.indicators.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.caspianhub.avro.IndicatorType;

/**
 * http, https and ftp URLs, normalized by RFC 3986 section 6 with the host handled as the hub
 * handles domains and addresses: scheme and host in lower case, the host's IDN in punycode, the
 * default port (80, 443, 21) removed, percent-encoding normalized, dot segments removed, an empty
 * path written {@code /}, the fragment dropped (browsers never send it), the query kept in its
 * order (servers may care about it).
 *
 * <p>Where browsers and RFC 3986 differ, the hub reads a URL as a browser does, because a victim's
 * browser decides where the victim goes: a backslash in the path is a slash, and a numeric host
 * such as {@code 0x7f.1} is the IPv4 address it names. A URL without a scheme is refused rather
 * than completed: {@code http://} and {@code https://} versions are different indicators, and a
 * guess would create one that no other party's submission matches.
 *
 * <p>Hand-written over the JDK's {@code java.net.URI}, which refuses the unencoded characters real
 * malicious URLs carry, and OkHttp's {@code HttpUrl}, which knows no ftp.
 */
final class UrlNormalizer {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443, "ftp", 21);

    private UrlNormalizer() {
    }

    static Normalized url(String value) {
        int colon = value.indexOf(':');
        if (colon > 0 && isPortAfter(value, colon)) {
            return Normalized.Invalid.ofValue(ErrorCodes.URL_MISSING_SCHEME, Quote.of(value)
                    + " is a host and port without a scheme; submit the host alone, or the url with its scheme"
                    + " (http://, https:// or ftp://)");
        }
        if (colon <= 0 || !isScheme(value, colon)) {
            return Normalized.Invalid.ofValue(ErrorCodes.URL_MISSING_SCHEME, Quote.of(value)
                    + " has no scheme; write http://, https:// or ftp:// in front (the hub does not guess one:"
                    + " the http and https versions would be different indicators)");
        }
        String scheme = value.substring(0, colon).toLowerCase(Locale.ROOT);
        Integer defaultPort = DEFAULT_PORTS.get(scheme);
        if (defaultPort == null) {
            return Normalized.Invalid.ofValue(ErrorCodes.UNSUPPORTED_SCHEME, "the scheme " + Quote.of(scheme)
                    + " is not supported; the hub accepts http, https and ftp urls");
        }
        if (!value.startsWith("//", colon + 1)) {
            return invalid("after " + Quote.of(scheme + ":") + " a url needs '//' and a host");
        }
        String rest = value.substring(colon + 3);
        int authorityEnd = indexOfAny(rest, "/\\?#");
        String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        String tail = authorityEnd < 0 ? "" : rest.substring(authorityEnd);

        String userinfo = "";
        String hostPort = authority;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userinfo = PercentEncoding.normalize(authority.substring(0, at), PercentEncoding.Component.USERINFO);
            hostPort = authority.substring(at + 1);
        }

        String rawHost;
        String rawPort = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                return invalid("the ipv6 host of " + Quote.of(value) + " has no closing ']'");
            }
            rawHost = hostPort.substring(0, close + 1);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty()) {
                if (after.charAt(0) != ':') {
                    return invalid(Quote.of(after) + " follows the ipv6 host of " + Quote.of(value));
                }
                rawPort = after.substring(1);
            }
        } else {
            int portColon = hostPort.lastIndexOf(':');
            rawHost = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
            rawPort = portColon < 0 ? null : hostPort.substring(portColon + 1);
        }
        if (rawHost.isEmpty()) {
            return invalid(Quote.of(value) + " has no host");
        }
        if (!rawHost.startsWith("[") && rawHost.indexOf(':') >= 0) {
            return invalid("the host of " + Quote.of(value) + " holds ':'; an ipv6 host is written in brackets,"
                    + " e.g. http://[2001:db8::1]/");
        }
        int port = -1;
        if (rawPort != null && !rawPort.isEmpty()) {
            port = parsePort(rawPort);
            if (port < 1) {
                return invalid("the port " + Quote.of(rawPort) + " of " + Quote.of(value) + " is not a number from 1 to 65535");
            }
        }
        Host host = host(rawHost);
        if (host.error() != null) {
            return host.error();
        }

        int fragment = tail.indexOf('#');
        if (fragment >= 0) {
            tail = tail.substring(0, fragment);
        }
        int question = tail.indexOf('?');
        String path = question < 0 ? tail : tail.substring(0, question);
        String query = question < 0 ? null : tail.substring(question + 1);

        StringBuilder canonical = new StringBuilder(value.length() + 8);
        canonical.append(scheme).append("://");
        if (!userinfo.isEmpty()) {
            canonical.append(userinfo).append('@');
        }
        canonical.append(host.text());
        if (port > 0 && port != defaultPort) {
            canonical.append(':').append(port);
        }
        canonical.append(path(path));
        if (query != null) {
            canonical.append('?').append(PercentEncoding.normalize(query, PercentEncoding.Component.QUERY));
        }
        if (canonical.length() > Limits.MAX_URL_LENGTH) {
            return Normalized.Invalid.ofValue(ErrorCodes.TOO_LONG, "the url is " + canonical.length()
                    + " characters long once normalized; the limit is " + Limits.MAX_URL_LENGTH);
        }
        return Normalized.Valid.of(IndicatorType.URL, canonical.toString());
    }

    /** A URL's host in canonical text ({@code evil.example}, {@code 192.0.2.1}, {@code [2001:db8::1]}), or why not. */
    private record Host(String text, Normalized.Invalid error) {
        static Host of(String text) {
            return new Host(text, null);
        }

        static Host failed(Normalized.Invalid error) {
            return new Host(null, error);
        }
    }

    private static Host host(String rawHost) {
        String host = rawHost;
        if (host.indexOf('%') >= 0 && !host.startsWith("[")) {
            host = PercentEncoding.decodeAll(host); // browsers decode a host before resolving it
            if (host == null) {
                return Host.failed(invalid("the host " + Quote.of(rawHost) + " has broken percent-encoding"));
            }
        }
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                return Host.failed(invalid("the host " + Quote.of(rawHost) + " has no closing ']'"));
            }
            Normalized address = AddressNormalizer.ipv6(host.substring(1, host.length() - 1));
            return address instanceof Normalized.Valid valid ? Host.of("[" + valid.value() + "]")
                    : Host.failed(prefixed((Normalized.Invalid) address, "the url host: "));
        }
        if (endsInNumber(host)) {
            String ipv4 = AddressNormalizer.browserIpv4(host);
            return ipv4 != null ? Host.of(ipv4) : Host.failed(invalid("the host " + Quote.of(rawHost)
                    + " ends in a number but is not an ipv4 address"));
        }
        Normalized domain = DomainNormalizer.domain(host);
        return domain instanceof Normalized.Valid valid ? Host.of(valid.value())
                : Host.failed(prefixed((Normalized.Invalid) domain, "the url host: "));
    }

    /** WHATWG's test for an IPv4 host: the last label is decimal, or 0x-hex. */
    static boolean endsInNumber(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        boolean digits = true;
        for (int i = 0; i < last.length(); i++) {
            char c = last.charAt(i);
            if (c < '0' || c > '9') {
                digits = false;
                break;
            }
        }
        if (digits) {
            return true;
        }
        return (last.startsWith("0x") || last.startsWith("0X")) && HashNormalizer.isAllHex(last.substring(2))
                || last.equalsIgnoreCase("0x");
    }

    private static String path(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        String path = rawPath.indexOf('\\') >= 0 ? rawPath.replace('\\', '/') : rawPath;
        path = PercentEncoding.normalize(path, PercentEncoding.Component.PATH);
        return path.contains("/.") ? removeDotSegments(path) : path;
    }

    /** RFC 3986 section 5.2.4 for an absolute path; empty segments are kept (servers may differ on them). */
    static String removeDotSegments(String path) {
        String[] segments = path.substring(1).split("/", -1);
        List<String> out = new ArrayList<>(segments.length);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals(".")) {
                if (last) {
                    out.add("");
                }
            } else if (segment.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else {
                out.add(segment);
            }
        }
        return "/" + String.join("/", out);
    }

    private static boolean isScheme(String value, int colon) {
        char first = value.charAt(0);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z'))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '-' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether the value starts with a scheme followed by "://" (how a URL is recognized). */
    static boolean hasSchemeAndSlashes(String value) {
        int colon = value.indexOf(':');
        return colon > 0 && value.startsWith("//", colon + 1) && isScheme(value, colon);
    }

    /** evil.example:8080/x: what looks like a scheme is a host, followed by its port. */
    private static boolean isPortAfter(String value, int colon) {
        int i = colon + 1;
        while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
            i++;
        }
        return i > colon + 1 && (i == value.length() || value.charAt(i) == '/' || value.charAt(i) == '?');
    }

    private static int parsePort(String text) {
        if (text.length() > 5) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n <= 65535 ? n : -1;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static Normalized.Invalid invalid(String message) {
        return Normalized.Invalid.ofValue(ErrorCodes.INVALID_URL, message);
    }

    /** The same reasons, their messages saying which part of a bigger value they concern. */
    static Normalized.Invalid prefixed(Normalized.Invalid invalid, String prefix) {
        List<FieldError> errors = new ArrayList<>(invalid.errors().size());
        for (FieldError error : invalid.errors()) {
            errors.add(new FieldError(error.field(), error.code(), prefix + error.message()));
        }
        return new Normalized.Invalid(errors);
    }
}
