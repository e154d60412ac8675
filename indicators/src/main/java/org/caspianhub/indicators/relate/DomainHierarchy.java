package org.caspianhub.indicators.relate;

import com.google.common.net.InternetDomainName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caspianhub.indicators.normalize.ReservedNames;

/**
 * Parent domains of a canonical domain, up to its registrable domain (the public suffix plus one
 * label, per Guava's copy of the Public Suffix List, private suffixes included: {@code github.io}
 * users each own their {@code name.github.io}). For the documentation names the normalizer accepts
 * ({@code .example}, {@code .test}) the registrable domain is the last two labels.
 */
public final class DomainHierarchy {

    private DomainHierarchy() {
    }

    /**
     * The registrable domain: {@code login.evil.co.uk} gives {@code evil.co.uk}; empty for a public
     * suffix itself ({@code github.io}) or a name under no public suffix.
     */
    public static Optional<String> registrableDomain(String domain) {
        if (ReservedNames.isDocumentationDomain(domain)) {
            int last = domain.lastIndexOf('.');
            int secondLast = domain.lastIndexOf('.', last - 1);
            return Optional.of(secondLast < 0 ? domain : domain.substring(secondLast + 1));
        }
        if (!InternetDomainName.isValid(domain)) {
            return Optional.empty();
        }
        InternetDomainName name = InternetDomainName.from(domain);
        return name.isUnderPublicSuffix() ? Optional.of(name.topPrivateDomain().toString()) : Optional.empty();
    }

    /**
     * The parents of a domain, nearest first, down to and including its registrable domain:
     * {@code a.b.evil.example} gives {@code b.evil.example, evil.example}. Empty for a registrable
     * domain itself, a public suffix, or a name under no public suffix. Subdomains are not reduced:
     * each parent is an indicator of its own.
     */
    public static List<String> parentDomains(String domain) {
        Optional<String> registrable = registrableDomain(domain);
        if (registrable.isEmpty() || registrable.get().equals(domain)) {
            return List.of();
        }
        List<String> parents = new ArrayList<>(4);
        String current = domain;
        while (!current.equals(registrable.get())) {
            current = current.substring(current.indexOf('.') + 1);
            parents.add(current);
        }
        return parents;
    }
}
