package org.caspianhub.indicators.warninglist;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.caspianhub.avro.IndicatorType;

/**
 * Which hub indicator types a list's MISP {@code matching_attributes} cover. MISP attribute types
 * the hub has no counterpart for (sha224, ssdeep, filename, ...) are ignored; a list without
 * {@code matching_attributes}, or with {@code ALL}, applies to every type, as in MISP.
 */
final class MispAttributeTypes {

    private static final Map<String, Set<IndicatorType>> MAPPING = Map.ofEntries(
            Map.entry("ip-src", EnumSet.of(IndicatorType.IPV4, IndicatorType.IPV6, IndicatorType.CIDR)),
            Map.entry("ip-dst", EnumSet.of(IndicatorType.IPV4, IndicatorType.IPV6, IndicatorType.CIDR)),
            Map.entry("ip-src|port", EnumSet.of(IndicatorType.IPV4, IndicatorType.IPV6)),
            Map.entry("ip-dst|port", EnumSet.of(IndicatorType.IPV4, IndicatorType.IPV6)),
            Map.entry("ip", EnumSet.of(IndicatorType.IPV4, IndicatorType.IPV6, IndicatorType.CIDR)),
            // MISP checks both halves of domain|ip: the domain and the address
            Map.entry("domain|ip", EnumSet.of(IndicatorType.DOMAIN, IndicatorType.IPV4, IndicatorType.IPV6)),
            Map.entry("domain", EnumSet.of(IndicatorType.DOMAIN)),
            Map.entry("hostname", EnumSet.of(IndicatorType.DOMAIN)),
            Map.entry("hostname|port", EnumSet.of(IndicatorType.DOMAIN)),
            Map.entry("url", EnumSet.of(IndicatorType.URL)),
            Map.entry("uri", EnumSet.of(IndicatorType.URL)),
            Map.entry("link", EnumSet.of(IndicatorType.URL)),
            Map.entry("email", EnumSet.of(IndicatorType.EMAIL)),
            Map.entry("email-src", EnumSet.of(IndicatorType.EMAIL)),
            Map.entry("email-dst", EnumSet.of(IndicatorType.EMAIL)),
            Map.entry("email-reply-to", EnumSet.of(IndicatorType.EMAIL)),
            Map.entry("target-email", EnumSet.of(IndicatorType.EMAIL)),
            Map.entry("whois-registrant-email", EnumSet.of(IndicatorType.EMAIL)),
            Map.entry("md5", EnumSet.of(IndicatorType.MD5)),
            Map.entry("filename|md5", EnumSet.of(IndicatorType.MD5)),
            Map.entry("sha1", EnumSet.of(IndicatorType.SHA1)),
            Map.entry("filename|sha1", EnumSet.of(IndicatorType.SHA1)),
            Map.entry("sha256", EnumSet.of(IndicatorType.SHA256)),
            Map.entry("filename|sha256", EnumSet.of(IndicatorType.SHA256)),
            Map.entry("sha512", EnumSet.of(IndicatorType.SHA512)),
            Map.entry("filename|sha512", EnumSet.of(IndicatorType.SHA512)),
            Map.entry("vulnerability", EnumSet.of(IndicatorType.CVE)),
            Map.entry("AS", EnumSet.of(IndicatorType.ASN)));

    private MispAttributeTypes() {
    }

    static Set<IndicatorType> indicatorTypes(Collection<String> matchingAttributes) {
        if (matchingAttributes == null || matchingAttributes.isEmpty() || matchingAttributes.contains("ALL")) {
            Set<IndicatorType> all = EnumSet.allOf(IndicatorType.class);
            all.remove(IndicatorType.UNKNOWN);
            return all;
        }
        Set<IndicatorType> types = EnumSet.noneOf(IndicatorType.class);
        for (String attribute : matchingAttributes) {
            types.addAll(MAPPING.getOrDefault(attribute.trim(), Set.of()));
        }
        return types;
    }
}
