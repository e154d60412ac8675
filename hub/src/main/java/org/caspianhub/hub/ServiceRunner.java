package org.caspianhub.hub;

import java.net.BindException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.caspianhub.runtime.HubService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts services in order, stops them in reverse order (on close, on Ctrl-C, or when one fails to
 * start), and turns the usual start-up failures into a sentence an operator can act on.
 */
final class ServiceRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunner.class);

    private final List<HubService> started = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Starts the service; on failure stops everything started so far and rethrows with a clear message. */
    <S extends HubService> S start(S service) {
        long begin = System.nanoTime();
        try {
            service.start();
        } catch (Exception | LinkageError e) {
            // a missing class is as fatal as a bad setting: stop what runs, say which service failed
            service.close();
            close();
            throw new StartupFailure(service.name(), explain(e), e);
        }
        started.add(service);
        LOG.info("{} started in {} ms", service.name(), (System.nanoTime() - begin) / 1_000_000);
        return service;
    }

    List<HubService> services() {
        return Collections.unmodifiableList(started);
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then stops every service. */
    void runUntilStopped() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            stopped.countDown();
        }, "caspian-hub-shutdown"));
        stopped.await();
    }

    @Override
    public synchronized void close() {
        List<HubService> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        for (HubService service : reverse) {
            try {
                service.close();
                LOG.info("{} stopped", service.name());
            } catch (RuntimeException e) {
                LOG.warn("{} did not stop cleanly: {}", service.name(), e.toString());
            }
        }
        started.clear();
    }

    private static String explain(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "a port it needs is already in use (" + cause.getMessage()
                        + "); stop what holds it or choose another port (see README, Configuration)";
            }
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** A service that did not start, with the reason in words. */
    static final class StartupFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartupFailure(String service, String reason, Throwable cause) {
            super(service + " did not start: " + reason, cause);
        }
    }
}
