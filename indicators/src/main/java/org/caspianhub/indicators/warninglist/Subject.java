package org.caspianhub.indicators.warninglist;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.relate.IndicatorHosts;

/**
 * One indicator being looked up on every list, with the parts lists compare (a URL's host, an
 * email's domain, the parsed address) worked out once, on first need, rather than once per list.
 * Confined to the looking-up thread.
 */
final class Subject {

    private final Normalized.Valid indicator;
    private String host;
    private boolean hostKnown;
    private IPAddress address;
    private boolean addressKnown;

    Subject(Normalized.Valid indicator) {
        this.indicator = indicator;
    }

    IndicatorType type() {
        return indicator.type();
    }

    String value() {
        return indicator.value();
    }

    Normalized.Valid indicator() {
        return indicator;
    }

    /** A URL's host or an email's domain; null for other types. */
    String host() {
        if (!hostKnown) {
            host = IndicatorHosts.hostOf(indicator).map(Normalized.Valid::value).orElse(null);
            hostKnown = true;
        }
        return host;
    }

    /** The address or prefix an IP-like value (or a URL's IP host) stands for, as a block; null if none. */
    IPAddress address() {
        if (!addressKnown) {
            String text = switch (indicator.type()) {
                case IPV4, IPV6, CIDR -> indicator.value();
                case URL -> host();
                default -> null;
            };
            long bits = text == null ? CidrMatcher.NOT_DOTTED : CidrMatcher.dottedQuad(text);
            if (bits != CidrMatcher.NOT_DOTTED) {
                address = new IPv4Address((int) bits); // most look-ups are plain IPv4: skip the general parser
            } else {
                IPAddress parsed = text == null ? null : new IPAddressString(text).getAddress();
                address = parsed != null && parsed.isPrefixed() ? parsed.toPrefixBlock() : parsed;
            }
            addressKnown = true;
        }
        return address;
    }
}
