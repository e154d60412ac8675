package org.caspianhub.producers.feeds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.caspianhub.runtime.Secret;

/**
 * Downloads feed files with conditional requests: it remembers each URL's {@code ETag} and
 * {@code Last-Modified} and sends them back ({@code If-None-Match}, {@code If-Modified-Since}), so an
 * unchanged feed answers 304 and costs no import. Bodies go to a temporary file, never the heap.
 * The validators live in memory: after a restart each feed is read once more, which the
 * topology's merge absorbs (a re-submission only refreshes counters).
 */
final class ConditionalFetcher {

    /** A fetch's outcome: a changed body in a temporary file (the caller deletes it), or not modified. */
    sealed interface Fetched permits Changed, NotModified {
    }

    record Changed(Path body) implements Fetched {
    }

    record NotModified() implements Fetched {
    }

    private record Validators(String etag, String lastModified) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Map<URI, Validators> validators = new ConcurrentHashMap<>();

    ConditionalFetcher(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    Fetched fetch(URI url, Optional<Secret> authorization, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET().header("Accept", accept);
        authorization.ifPresent(a -> request.header("Authorization", a.reveal()));
        Validators known = validators.get(url);
        if (known != null) {
            if (known.etag() != null) {
                request.header("If-None-Match", known.etag());
            }
            if (known.lastModified() != null) {
                request.header("If-Modified-Since", known.lastModified());
            }
        }
        Path body = Files.createTempFile("caspian-feed-", ".body");
        try {
            HttpResponse<Path> response = http.send(request.build(), HttpResponse.BodyHandlers.ofFile(body));
            if (response.statusCode() == 304) {
                Files.deleteIfExists(body);
                return new NotModified();
            }
            if (response.statusCode() / 100 != 2) {
                throw new IOException("GET " + url + " answered " + response.statusCode());
            }
            String etag = response.headers().firstValue("ETag").orElse(null);
            String lastModified = response.headers().firstValue("Last-Modified").orElse(null);
            if (etag != null || lastModified != null) {
                validators.put(url, new Validators(etag, lastModified));
            }
            return new Changed(body);
        } catch (IOException | InterruptedException | RuntimeException e) {
            Files.deleteIfExists(body);
            throw e;
        }
    }

    /** Forgets a URL's validators, so the next fetch reads it whole (after a failed import). */
    void forget(URI url) {
        validators.remove(url);
    }
}
