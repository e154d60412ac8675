package org.caspianhub.producers.inbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of the alert stream in a test: reads server-sent events as they come, on a thread of its own. */
final class SseReader implements AutoCloseable {

    /** One event: its name, id (null when it had none) and data. */
    record Event(String name, String id, String data) {
    }

    final int status;
    final String contentType;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread thread;
    private volatile boolean ended;

    private SseReader(HttpResponse<InputStream> response) {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.body = response.body();
        this.thread = new Thread(this::read, "sse-reader");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static SseReader open(String url, String key, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET()
                .header("Accept", "text/event-stream");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseReader(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            String id = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(name == null ? "message" : name, id, data.toString()));
                    }
                    name = null;
                    id = null;
                    data = null;
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            ended = true;
        }
    }

    /** The next event of this name, skipping others; null when none came within {@code wait}. */
    Event next(String name, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null || e.name().equals(name)) {
                return e;
            }
        }
    }

    /** Every event of this name that arrives within {@code wait}. */
    List<Event> all(String name, Duration wait) throws InterruptedException {
        List<Event> found = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        for (Event e = next(name, wait); e != null; e = next(name, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            found.add(e);
        }
        return found;
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
