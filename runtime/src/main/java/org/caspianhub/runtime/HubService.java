package org.caspianhub.runtime;

import java.util.List;

/**
 * One service of the hub (registry, streams, gateway, dispatcher, TAXII server): started and
 * stopped by the launcher or by its own main, with a health check.
 */
public interface HubService extends AutoCloseable {

    /** A short name for logs and the start-up banner. */
    String name();

    /** Starts the service; returns when it is ready to serve. */
    void start() throws Exception;

    Health health();

    /** Where it listens or what it reads, for the start-up banner ("gateway http://localhost:8080"). */
    List<String> endpoints();

    /** Stops the service, releasing its threads and ports. Idempotent. */
    @Override
    void close();
}
