package org.caspianhub.indicators.normalize;

/** The size limits the normalizer enforces, named in its error messages. */
public final class Limits {

    /** Longest raw value accepted, after trimming (a long phishing URL fits; a pasted file does not). */
    public static final int MAX_VALUE_LENGTH = 4096;
    /** Longest canonical URL, after percent-encoding what must be encoded. */
    public static final int MAX_URL_LENGTH = 4096;
    /** RFC 1035: a domain name is at most 253 characters in text form. */
    public static final int MAX_DOMAIN_LENGTH = 253;
    /** RFC 1035: a label is 1 to 63 characters. */
    public static final int MAX_LABEL_LENGTH = 63;
    /** RFC 5321: a mailbox is at most 254 characters, its local part at most 64. */
    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MAX_LOCAL_PART_LENGTH = 64;
    /**
     * The widest prefixes the hub shares. A wider one is almost always a typo (10.0.0.0/4 for /24),
     * and shared as a blocklist entry it would cut a partner off from a large part of the Internet.
     */
    public static final int MIN_IPV4_PREFIX_LENGTH = 8;
    public static final int MIN_IPV6_PREFIX_LENGTH = 16;

    private Limits() {
    }
}
