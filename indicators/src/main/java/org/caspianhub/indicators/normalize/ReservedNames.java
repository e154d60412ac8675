package org.caspianhub.indicators.normalize;

import java.util.Set;

/**
 * Top-level names reserved so that documentation and tests never name a real domain (RFC 2606,
 * RFC 6761): {@code evil.example}, {@code c2.test}. They are not on the Public Suffix List, yet the
 * hub accepts them as if they were, so examples, demos and tests can use realistic indicators
 * without pointing at anyone's real domain. {@code localhost} and {@code invalid}, reserved too, are
 * not accepted: they never name an Internet host.
 */
public final class ReservedNames {

    /** The reserved top-level names treated as public suffixes. */
    public static final Set<String> DOCUMENTATION_TLDS = Set.of("example", "test");

    private ReservedNames() {
    }

    /** Whether a canonical domain ends in a reserved documentation TLD. */
    public static boolean isDocumentationDomain(String canonicalDomain) {
        int dot = canonicalDomain.lastIndexOf('.');
        return dot > 0 && DOCUMENTATION_TLDS.contains(canonicalDomain.substring(dot + 1));
    }
}
