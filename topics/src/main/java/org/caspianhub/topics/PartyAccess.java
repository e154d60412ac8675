package org.caspianhub.topics;

/**
 * What a party's own principal ({@code User:<party>}) may do with its own copy of a per-party topic;
 * {@link PartyAcls} grants exactly this and the broker denies everything else.
 */
public enum PartyAccess {
    /** The party's clients write it (and describe it); the hub reads it. */
    WRITE,
    /** The party's clients read it (and describe it); only the hub writes it. */
    READ,
    /** Only the hub's services use it. */
    NONE
}
