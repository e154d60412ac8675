package org.caspianhub.streams.topology;

import java.util.function.Consumer;
import org.caspianhub.registry.client.SchemaRegistryException;
import org.caspianhub.streams.PipelineMetrics;

/**
 * What a stage does when its work on one record fails, in one place. A failure a retry may cure (the schema
 * registry down or failing: {@link #isTransient}) is rethrown, so the transaction aborts, the stream thread is
 * replaced and the record is processed again; nothing is lost. Any other failure is the record's own: it is
 * counted against the stage and handed on (to log it and reject the record, or to skip it), and processing
 * goes on with the next record: one bad record never stops a stream thread.
 */
public final class RecordFailures {

    private RecordFailures() {
    }

    /**
     * Runs {@code work}; a failure that is not {@link #isTransient} is counted under {@code stage} and given to
     * {@code otherwise}, a transient one is rethrown.
     */
    public static void guard(PipelineMetrics metrics, String stage, Runnable work, Consumer<RuntimeException> otherwise) {
        try {
            work.run();
        } catch (RuntimeException e) {
            if (isTransient(e)) {
                throw e;
            }
            metrics.processingError(stage);
            otherwise.accept(e);
        }
    }

    /** A registry that is down or failing (no answer, or a 5xx), as opposed to one that says the schema id is unknown. */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SchemaRegistryException r) {
                return r.httpStatus() < 0 || r.httpStatus() >= 500;
            }
        }
        return false;
    }
}
