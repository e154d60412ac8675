package org.caspianhub.producers.cli;

/**
 * What the CLI's exit status means, for scripts. Stable: changing a number is a breaking change.
 */
public final class ExitCodes {

    /** Everything was accepted (status: the submission is accepted). */
    public static final int OK = 0;
    /** Some items were refused (the rest were written), or the pipeline rejected the submission (status). */
    public static final int PARTIAL = 1;
    /** The command line is wrong (unknown option, missing value, unreadable file). */
    public static final int USAGE = 2;
    /** No API key was given, or the gateway refused it (401), or its role may not do this (403). */
    public static final int AUTH = 3;
    /** The gateway refused the request as a whole (400, 413, 415, 422): nothing was written. */
    public static final int REFUSED = 4;
    /** status: no submission with this id is known for the key's party. */
    public static final int NOT_FOUND = 5;
    /** The gateway could not be reached or failed (5xx): retry later, with the same idempotency key. */
    public static final int UNAVAILABLE = 6;

    private ExitCodes() {
    }

    static int forStatus(int httpStatus) {
        if (httpStatus == 401 || httpStatus == 403) {
            return AUTH;
        }
        if (httpStatus == 404) {
            return NOT_FOUND;
        }
        if (httpStatus >= 500) {
            return UNAVAILABLE;
        }
        if (httpStatus >= 400) {
            return REFUSED;
        }
        return OK;
    }
}
