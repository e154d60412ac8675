package org.caspianhub.indicators.warninglist;

/** The entries of one list, indexed for their kind of comparison. Immutable and thread-safe. */
interface EntryMatcher {

    /** Whether the value (already the part of the indicator the list compares) matches an entry. */
    boolean matches(String value);

    /** How many entries were indexed. */
    int size();
}
