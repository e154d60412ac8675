package org.caspianhub.indicators.relate;

import java.util.Optional;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.Normalized;

/**
 * The host an indicator points at: a URL's host as a DOMAIN, IPV4 or IPV6 indicator, an email's
 * domain as a DOMAIN. Works on canonical values (from the normalizer), so it only splits text and
 * never re-validates: the parts of a canonical value are canonical themselves.
 */
public final class IndicatorHosts {

    private IndicatorHosts() {
    }

    /**
     * The host of a URL or the domain of an email, as its own indicator; empty for other types.
     * {@code https://user@Evil.example:8443/a} gives {@code domain:evil.example},
     * {@code http://[2001:db8::1]/} gives {@code ipv6:2001:db8::1}.
     */
    public static Optional<Normalized.Valid> hostOf(Normalized.Valid indicator) {
        return switch (indicator.type()) {
            case URL -> Optional.of(urlHost(indicator.value()));
            case EMAIL -> Optional.of(Normalized.Valid.of(IndicatorType.DOMAIN,
                    indicator.value().substring(indicator.value().lastIndexOf('@') + 1)));
            default -> Optional.empty();
        };
    }

    /**
     * Whether a canonical URL is only a site's root: path {@code /}, no query, no user info, the
     * default port ({@code https://www.google.com/}). Such a URL names the site, not a page on it.
     */
    public static boolean isSiteRoot(Normalized.Valid url) {
        if (url.type() != IndicatorType.URL) {
            return false;
        }
        String value = url.value();
        int authorityStart = value.indexOf("://") + 3;
        int pathStart = value.indexOf('/', authorityStart);
        if (pathStart < 0 || pathStart != value.length() - 1) {
            return false; // a path beyond "/", or a query after it
        }
        String authority = value.substring(authorityStart, pathStart);
        if (authority.indexOf('@') >= 0) {
            return false;
        }
        int bracket = authority.lastIndexOf(']');
        return authority.indexOf(':', bracket + 1) < 0;
    }

    private static Normalized.Valid urlHost(String url) {
        int authorityStart = url.indexOf("://") + 3;
        int pathStart = url.indexOf('/', authorityStart);
        String authority = url.substring(authorityStart, pathStart < 0 ? url.length() : pathStart);
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            return Normalized.Valid.of(IndicatorType.IPV6, hostPort.substring(1, hostPort.indexOf(']')));
        }
        int colon = hostPort.indexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        return Normalized.Valid.of(isDottedQuad(host) ? IndicatorType.IPV4 : IndicatorType.DOMAIN, host);
    }

    /** Canonical URL hosts that end in a digit are IPv4 addresses: no top-level domain starts with one. */
    private static boolean isDottedQuad(String host) {
        char last = host.charAt(host.length() - 1);
        return last >= '0' && last <= '9';
    }
}
