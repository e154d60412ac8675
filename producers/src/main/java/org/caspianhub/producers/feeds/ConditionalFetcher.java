package org.caspianhub.producers.feeds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Downloads feed files with conditional requests: it sends back each URL's {@code ETag} and
 * {@code Last-Modified} ({@code If-None-Match}, {@code If-Modified-Since}), so an unchanged feed
 * answers 304 and costs no import. Bodies go to a temporary file (at most {@code maxBytes}), never
 * the heap.
 *
 * <p>A URL's validators are kept only once the caller says its body was imported
 * ({@link #remember}): a 304 must mean "what you already imported", never "what you downloaded and
 * then failed to import", or a failed import would be lost for good. The validators live in
 * memory: after a restart each feed is read once more, which the topology's merge absorbs (a
 * re-submission only refreshes counters).
 */
final class ConditionalFetcher {

    /** A fetch's outcome: a changed body in a temporary file (the caller deletes it), or not modified. */
    sealed interface Fetched permits Changed, NotModified {
    }

    /** A new body, with the validators to {@link #remember} once it is imported. */
    record Changed(URI url, Path body, Validators validators) implements Fetched {
    }

    record NotModified() implements Fetched {
    }

    record Validators(String etag, String lastModified) {
    }

    /** The server answered with a status other than 2xx or 304. */
    static final class Refused extends IOException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;
    private final Map<URI, Validators> validators = new ConcurrentHashMap<>();

    ConditionalFetcher(HttpClient http, Duration timeout, long maxBytes) {
        this.http = http;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** {@code url} of {@code feed} (the feed's own URL, its MISP manifest or an event), with the feed's credentials. */
    Fetched fetch(URI url, FeedConfig feed, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET().header("Accept", accept);
        feed.authorization().ifPresent(a -> request.header("Authorization", a.reveal()));
        Validators known = validators.get(url);
        if (known != null) {
            if (known.etag() != null) {
                request.header("If-None-Match", known.etag());
            }
            if (known.lastModified() != null) {
                request.header("If-Modified-Since", known.lastModified());
            }
        }
        String shown = FeedUrls.redacted(url);
        BoundedDownload.Response response = BoundedDownload.get(http, request.build(), maxBytes, shown, "caspian-feed-", feed);
        if (response.status() == 304) {
            return new NotModified();
        }
        if (response.body() == null) {
            throw new Refused(response.status(), "GET " + shown + " answered " + response.status());
        }
        String etag = response.headers().firstValue("ETag").orElse(null);
        String lastModified = response.headers().firstValue("Last-Modified").orElse(null);
        return new Changed(url, response.body(),
                etag == null && lastModified == null ? null : new Validators(etag, lastModified));
    }

    /** The body of {@code changed} was imported: the next fetch of its URL may be answered 304. */
    void remember(Changed changed) {
        if (changed.validators() == null) {
            validators.remove(changed.url());
        } else {
            validators.put(changed.url(), changed.validators());
        }
    }

    /** Forgets a URL's validators, so the next fetch reads it whole (after a failed import). */
    void forget(URI url) {
        validators.remove(url);
    }
}
