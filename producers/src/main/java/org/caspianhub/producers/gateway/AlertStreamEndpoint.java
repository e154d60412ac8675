package org.caspianhub.producers.gateway;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.inbox.AlertFeeds;
import org.caspianhub.producers.inbox.AlertStreamSettings;
import org.caspianhub.producers.inbox.AlertSubscription;
import org.caspianhub.producers.inbox.InboxFilter;
import org.caspianhub.producers.inbox.PartyAlertFeed;
import org.caspianhub.producers.inbox.StreamPosition;
import org.caspianhub.producers.inbox.StreamedAlert;
import org.caspianhub.runtime.Json;
import org.caspianhub.runtime.auth.Principal;
import org.caspianhub.runtime.auth.Role;

/**
 * {@code GET /api/v1/alerts/stream}: the caller's party's alerts as server-sent events, live from
 * its alert topic. The party is the API key's; no parameter can name another. Each alert is an
 * {@code alert} event whose data is the alert's JSON exactly as a webhook body renders it, and
 * whose id is the stream position after it, so a reconnect with {@code Last-Event-ID} (or
 * {@code ?lastEventId=}) resumes without loss or repetition while the gateway still keeps the
 * alerts in between; {@code ?since=} (RFC 3339) starts from a time instead. Without either, the
 * stream starts with the {@code recent} most recent alerts.
 *
 * <p>{@code ?poll=true} is the same exchange as a long poll, for clients that cannot read a
 * response as it streams: the answer ends once it has sent alerts, or after {@code wait} seconds
 * without any.
 *
 * <p>Bounded: at most {@code maxClients} streams per party on a replica (503 beyond; counted per
 * party, so another party's streams never refuse this one's, nor tell it how many they hold); a client that does not
 * keep up is sent an {@code end} event with reason {@code too_slow} and disconnected, rather than
 * queueing without bound; every stream ends after {@code maxStream} and the client reconnects.
 */
final class AlertStreamEndpoint {

    static final int DEFAULT_RECENT = 50;
    private static final int DEFAULT_WAIT_SECONDS = 25;
    private static final int MAX_WAIT_SECONDS = 60;

    private final AlertFeeds feeds;
    private final AlertStreamSettings settings;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<PartyId, AtomicInteger> openByParty = new ConcurrentHashMap<>();
    private final MeterRegistry metrics;

    AlertStreamEndpoint(AlertFeeds feeds, AlertStreamSettings settings, MeterRegistry metrics) {
        this.feeds = feeds;
        this.settings = settings;
        this.metrics = metrics;
        Gauge.builder("caspian.alert.streams.open", open, AtomicInteger::get)
                .description("alert streams open on this gateway replica").register(metrics);
    }

    /** Why streams end: too_slow, max_duration, shutdown, client_gone, poll_answered; and alerts sent. */
    private void ended(String reason) {
        metrics.counter("caspian.alert.streams.ended", "reason", reason).increment();
    }

    /** The request's parameters, checked before anything is streamed. */
    private record StreamRequest(InboxFilter filter, Optional<StreamPosition> from, Optional<Instant> since, int recent,
                                 boolean poll, int waitSeconds) {
    }

    void get(Context ctx) throws IOException, InterruptedException {
        Principal principal = Authentication.require(ctx, Role.ANALYST, Role.SOC);
        StreamRequest request = parse(ctx);
        AtomicInteger partyStreams = openByParty.computeIfAbsent(principal.party(), p -> new AtomicInteger());
        if (partyStreams.incrementAndGet() > settings.maxClients()) {
            partyStreams.decrementAndGet();
            throw new ApiException(503, "too_many_streams", "your party has " + settings.maxClients()
                    + " alert streams open on this gateway already; try again shortly", List.of(), Map.of("retryAfterSeconds", 5));
        }
        open.incrementAndGet();
        PartyAlertFeed feed = feeds.of(principal.party());
        try (AlertSubscription subscription = feed.subscribe(request.filter(), request.from(), request.since(),
                request.recent())) {
            HttpServletResponse res = ctx.res();
            res.setStatus(200);
            res.setContentType("text/event-stream; charset=utf-8");
            res.setHeader("Cache-Control", "no-cache, no-store");
            res.setHeader("X-Accel-Buffering", "no"); // a proxy must not hold events back
            OutputStream out = res.getOutputStream();
            ended(stream(out, subscription, request));
        } catch (IOException clientGone) {
            ended("client_gone"); // the client disconnected: nothing to answer
        } finally {
            open.decrementAndGet();
            partyStreams.decrementAndGet();
        }
    }

    /** Streams until the stream ends; answers why. */
    private String stream(OutputStream out, AlertSubscription subscription, StreamRequest request)
            throws IOException, InterruptedException {
        write(out, "retry: 3000\n\n");
        if (subscription.gap()) {
            event(out, "gap", null, Json.mapper().writeValueAsBytes(Map.of("message",
                    "some alerts since your last event are older than the ones this gateway keeps, and are not sent again; "
                            + "look the indicators up instead")));
        }
        int sent = 0;
        for (StreamedAlert alert : subscription.backlog()) {
            event(out, "alert", alert.eventId(), alert.json());
            sent++;
        }
        event(out, "ready", subscription.position(), "{}".getBytes(StandardCharsets.UTF_8));
        out.flush();
        long deadline = System.nanoTime() + (request.poll()
                ? TimeUnit.SECONDS.toNanos(request.waitSeconds()) : settings.maxStream().toNanos());
        long heartbeat = Math.max(1, settings.heartbeat().toMillis());
        while (true) {
            if (request.poll() && sent > 0) {
                return "poll_answered";
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (request.poll()) {
                    return "poll_answered";
                }
                end(out, "max_duration", "this stream has run its maximum time; reconnect with the last event id");
                return "max_duration";
            }
            StreamedAlert alert = subscription.next(Math.min(heartbeat, TimeUnit.NANOSECONDS.toMillis(left) + 1),
                    TimeUnit.MILLISECONDS);
            if (subscription.ending() != null) {
                boolean slow = subscription.ending() == AlertSubscription.Ending.TOO_SLOW;
                end(out, slow ? "too_slow" : "shutdown", slow
                        ? "more alerts were waiting for this client than the gateway queues for one; "
                        + "reconnect with the last event id to resume"
                        : "the gateway is stopping; reconnect with the last event id to resume");
                return slow ? "too_slow" : "shutdown";
            }
            if (alert == null) {
                write(out, ": keep-alive\n\n");
                out.flush();
                continue;
            }
            for (; alert != null; alert = subscription.nextNow()) {
                event(out, "alert", alert.eventId(), alert.json());
                sent++;
            }
            out.flush();
        }
    }

    private static void end(OutputStream out, String reason, String message) throws IOException {
        event(out, "end", null, Json.mapper().writeValueAsBytes(Map.of("reason", reason, "message", message)));
        out.flush();
    }

    /** One event; the data is one line of JSON (a JSON text holds no raw line break). */
    private static void event(OutputStream out, String name, String id, byte[] data) throws IOException {
        StringBuilder head = new StringBuilder(64);
        if (id != null) {
            head.append("id: ").append(id).append('\n');
        }
        head.append("event: ").append(name).append("\ndata: ");
        write(out, head.toString());
        out.write(data);
        write(out, "\n\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private StreamRequest parse(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        InboxFilter filter = InboxFilter.parse(ctx.queryParams("kind"), ctx.queryParams("type"), ctx.queryParam("tlp"),
                ctx.queryParam("minScore"), errors);
        String lastEventId = Optional.ofNullable(ctx.header("Last-Event-ID")).orElse(ctx.queryParam("lastEventId"));
        Optional<StreamPosition> from = Optional.empty();
        if (lastEventId != null && !lastEventId.isBlank()) {
            from = StreamPosition.parse(lastEventId);
            if (from.isEmpty()) {
                errors.add(new FieldError("Last-Event-ID", "invalid_event_id",
                        "Last-Event-ID must be an id this stream sent (numbers separated by dots)"));
            }
        }
        Optional<Instant> since = Optional.empty();
        String sinceText = ctx.queryParam("since");
        if (sinceText != null && !sinceText.isBlank()) {
            try {
                since = Optional.of(Instant.parse(sinceText.trim()));
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("since", "invalid_since", "since must be an RFC 3339 time such as 2026-12-03T09:00:00Z"));
            }
        }
        int recent = number(ctx.queryParam("recent"), "recent", DEFAULT_RECENT, 0, settings.recentAlerts(), errors);
        int wait = number(ctx.queryParam("wait"), "wait", DEFAULT_WAIT_SECONDS, 0, MAX_WAIT_SECONDS, errors);
        String poll = ctx.queryParam("poll");
        if (poll != null && !poll.equals("true") && !poll.equals("false")) {
            errors.add(new FieldError("poll", "invalid_poll", "poll must be true or false"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new StreamRequest(filter, from, since, recent, "true".equals(poll), wait);
    }

    private static int number(String text, String field, int absent, int min, int max, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return Math.min(absent, max);
        }
        String t = text.trim();
        if (t.matches("\\d{1,9}") && Integer.parseInt(t) >= min && Integer.parseInt(t) <= max) {
            return Integer.parseInt(t);
        }
        errors.add(new FieldError(field, "invalid_" + field, field + " must be a whole number from " + min + " to " + max));
        return absent;
    }
}
