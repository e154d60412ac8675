package org.caspianhub.producers.submit;

/**
 * The broker did not acknowledge a batch in time. The batch's transaction was aborted, so none of
 * it is visible to the pipeline: the caller may retry the whole batch.
 */
public final class WriteFailedException extends Exception {

    public WriteFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
