package org.caspianhub.producers.feeds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Downloads a feed's answer to a temporary file, at most {@code maxBytes} of it: a feed server that
 * sends more (by mistake or on purpose) is cut off with a clear error, both by its declared
 * {@code Content-Length} and while reading, so neither the disk nor the import behind it is flooded.
 */
final class BoundedDownload {

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
     * @param shownUrl the request's URL as it may appear in an error message (redacted)
     */
    static Response get(HttpClient http, HttpRequest request, long maxBytes, String shownUrl, String prefix)
            throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
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
