package org.caspianhub.producers.inbox;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client's share of its party's alert feed: the alerts it has not been sent yet, in a queue of
 * fixed capacity. The feed never waits for a client: when the queue is full the subscription ends
 * with a reason (the client reconnects with its last event id and resumes from the gateway's
 * recent alerts), so a slow or stalled client costs at most its queue, never the gateway's memory
 * or another client's alerts.
 */
public final class AlertSubscription implements AutoCloseable {

    /** Why the stream ended on the gateway's side. */
    public enum Ending {
        /** The client did not keep up: its queue filled. */
        TOO_SLOW,
        /** The gateway is stopping. */
        SHUTDOWN
    }

    /** Put in the queue when the subscription ends, so a writer waiting for the next alert wakes at once. */
    private static final StreamedAlert WAKE_UP = new StreamedAlert(-1, -1, null, null, null, null, 0, null, new byte[0]);

    private final PartyAlertFeed feed;
    private final InboxFilter filter;
    private final BlockingQueue<StreamedAlert> queue;
    private final List<StreamedAlert> backlog;
    private final boolean gap;
    private final String position;
    private volatile Ending ending;

    AlertSubscription(PartyAlertFeed feed, InboxFilter filter, int capacity, List<StreamedAlert> backlog, boolean gap,
                      String position) {
        this.feed = feed;
        this.filter = filter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.backlog = List.copyOf(backlog);
        this.gap = gap;
        this.position = position;
    }

    /**
     * The event id of the place the live alerts start from: after the backlog and everything the
     * feed had read when the client connected. A client that reconnects with it misses nothing and
     * gets nothing twice.
     */
    public String position() {
        return position;
    }

    /** The alerts the client asked for that the gateway already had when it connected (resumed or recent), oldest first. */
    public List<StreamedAlert> backlog() {
        return backlog;
    }

    /** True when the client asked to resume from a place older than the alerts the gateway still keeps: some were missed. */
    public boolean gap() {
        return gap;
    }

    /** Called by the feed's thread: never blocks. */
    void offer(StreamedAlert alert) {
        if (ending != null || !filter.accepts(alert)) {
            return;
        }
        if (!queue.offer(alert)) {
            end(Ending.TOO_SLOW);
        }
    }

    void end(Ending why) {
        if (ending == null) {
            ending = why;
        }
        feed.unsubscribe(this);
        queue.clear(); // nothing queued is sent after an ending: the client resumes from its last event id
        queue.offer(WAKE_UP);
    }

    /** Why the stream ended, or null while it runs. Alerts already queued are not sent after an ending. */
    public Ending ending() {
        return ending;
    }

    /** The next alert, waiting up to {@code timeout}; null when none came or the subscription ended. */
    public StreamedAlert next(long timeout, TimeUnit unit) throws InterruptedException {
        StreamedAlert next = ending != null ? null : queue.poll(timeout, unit);
        return ending != null ? null : next;
    }

    /** An alert already queued, without waiting; null when none. */
    public StreamedAlert nextNow() {
        StreamedAlert next = ending != null ? null : queue.poll();
        return ending != null ? null : next;
    }

    @Override
    public void close() {
        feed.unsubscribe(this);
        queue.clear();
    }
}
