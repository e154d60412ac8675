package org.caspianhub.producers.feeds;

import java.time.Instant;

/**
 * What one poll of a feed did: {@code changed} (something was imported, with counts),
 * {@code not_modified} (the server said so, or a TAXII collection had nothing new) or {@code error}.
 */
public record PollOutcome(String feed, String outcome, long submitted, long refused, long skipped, String error,
                          Instant at) {

    public static final String CHANGED = "changed";
    public static final String NOT_MODIFIED = "not_modified";
    public static final String ERROR = "error";
}
