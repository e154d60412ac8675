package org.caspianhub.producers.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.caspianhub.runtime.net.OutboundDestinations;

/**
 * Downloads a feed's answer to a temporary file, at most {@code maxBytes} of it: a feed server that
 * sends more (by mistake or on purpose) is cut off with a clear error, both by its declared
 * {@code Content-Length} and while reading, so neither the disk nor the import behind it is flooded.
 *
 * <p>Where it connects follows {@link OutboundDestinations}: the host is checked before each
 * request (no loopback, link-local or private address unless the feed allows it), and a redirect
 * (301, 302, 303, 307, 308) is followed only within the feed's origin (scheme, host and port), at
 * most {@value #MAX_REDIRECTS} times. A redirect elsewhere fails the poll with an error naming
 * the other origin: the feed's {@code Authorization} header (which the JDK client would copy to
 * any redirect target) never leaves its origin, and nothing another server answers is imported.
 */
final class BoundedDownload {

    static final int MAX_REDIRECTS = 5;

    /** What the server answered: the status and headers, and for a 2xx answer the body in a temporary file the caller deletes. */
    record Response(int status, HttpHeaders headers, Path body) {
    }

    /** A download stopped at the limit. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private BoundedDownload() {
    }

    /**
     * @param http     a client that does not follow redirects itself
     * @param shownUrl the request's URL as it may appear in an error message (redacted)
     * @param feed     whose request this is: its name for errors, and whether it may reach private addresses
     */
    static Response get(HttpClient http, HttpRequest request, long maxBytes, String shownUrl, String prefix,
                        FeedConfig feed) throws IOException, InterruptedException {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            OutboundDestinations.check(current.uri(), feed.allowPrivateNetwork(), feed.describe());
            HttpResponse<InputStream> response = http.send(current, HttpResponse.BodyHandlers.ofInputStream());
            Optional<String> location = response.headers().firstValue("Location");
            if (!REDIRECTS.contains(response.statusCode()) || location.isEmpty()) {
                return read(response, maxBytes, hop == 0 ? shownUrl : FeedUrls.redacted(current.uri()), prefix);
            }
            response.body().close();
            URI target;
            try {
                target = current.uri().resolve(location.get().trim());
            } catch (IllegalArgumentException e) {
                throw new IOException("GET " + shownUrl + " answered " + response.statusCode() + " with a Location that is not a URL");
            }
            if (!OutboundDestinations.sameOrigin(request.uri(), target)) {
                throw new OutboundDestinations.Refused("GET " + shownUrl + " answered " + response.statusCode()
                        + " redirecting to another origin, " + OutboundDestinations.origin(target) + ": not followed, so the feed's "
                        + "credentials stay with " + OutboundDestinations.origin(request.uri()) + " and nothing from elsewhere is "
                        + "imported; point the feed at the final URL if it moved");
            }
            if (hop == MAX_REDIRECTS) {
                throw new IOException("GET " + shownUrl + " redirected more than " + MAX_REDIRECTS + " times");
            }
            current = HttpRequest.newBuilder(current, (name, value) -> true).uri(target).build();
        }
    }

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private static Response read(HttpResponse<InputStream> response, long maxBytes, String shownUrl, String prefix)
            throws IOException {
        try (InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                return new Response(response.statusCode(), response.headers(), null); // closing the stream discards the rest
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw tooLarge(shownUrl, maxBytes, "its Content-Length is " + declared);
            }
            Path body = Files.createTempFile(prefix, ".body");
            try {
                copy(in, body, maxBytes, shownUrl);
                return new Response(response.statusCode(), response.headers(), body);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(body);
                throw e;
            }
        }
    }

    private static void copy(InputStream in, Path file, long maxBytes, String shownUrl) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(shownUrl, maxBytes, "more than that arrived");
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static TooLarge tooLarge(String shownUrl, long maxBytes, String detail) {
        return new TooLarge("GET " + shownUrl + " is larger than the limit of " + maxBytes
                + " bytes (CASPIAN_FEEDS_MAX_BYTES; " + detail + "); the download was stopped");
    }
}
