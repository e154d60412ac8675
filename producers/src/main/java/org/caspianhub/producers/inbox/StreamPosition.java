package org.caspianhub.producers.inbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a client of a party's alert stream is: for each partition of the party's alert topic, the
 * offset of the next alert it has not received. Written as the SSE event id ({@code 12.0.7.3.0.9},
 * one number per partition, in partition order), so a reconnect with {@code Last-Event-ID} resumes
 * exactly after the last alert it got, on this gateway replica or any other: offsets are the
 * topic's, not a replica's counter. A partition the id does not name (the topic grew) starts at 0.
 */
public final class StreamPosition {

    /** At most this many partitions in an id: the id arrives from a client, so its size is bounded. */
    static final int MAX_PARTITIONS = 1024;

    private final long[] next;

    StreamPosition(long[] next) {
        this.next = next.clone();
    }

    /** The position an event id names; empty when it is not one (the stream then starts with the recent backlog). */
    public static Optional<StreamPosition> parse(String eventId) {
        if (eventId == null || eventId.isBlank() || eventId.length() > MAX_PARTITIONS * 20) {
            return Optional.empty();
        }
        String[] parts = eventId.trim().split("\\.", -1);
        if (parts.length > MAX_PARTITIONS) {
            return Optional.empty();
        }
        long[] next = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 19 || !parts[i].chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            next[i] = Long.parseLong(parts[i]);
        }
        return Optional.of(new StreamPosition(next));
    }

    /** The next offset to deliver on {@code partition}. */
    public long next(int partition) {
        return partition < next.length ? next[partition] : 0L;
    }

    /** Whether the alert at this place comes after this position (the client has not had it). */
    boolean precedes(int partition, long offset) {
        return offset >= next(partition);
    }

    static String format(long[] next) {
        StringBuilder id = new StringBuilder(next.length * 4);
        for (int i = 0; i < next.length; i++) {
            if (i > 0) {
                id.append('.');
            }
            id.append(next[i]);
        }
        return id.toString();
    }

    @Override
    public String toString() {
        return format(next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamPosition p && Arrays.equals(next, p.next);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(next);
    }
}
