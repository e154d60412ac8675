package org.caspianhub.producers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongConsumer;

/** The CLI's HTTP calls to the gateway, with the API key as a bearer token. */
final class GatewayClient {

    /** An answer: its status and JSON body (an empty object when the body was not JSON). */
    record Answer(int status, JsonNode body) {
    }

    /** The gateway could not be reached. */
    static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String apiKey;

    GatewayClient(String baseUrl, String apiKey) {
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
        this.apiKey = apiKey;
    }

    Answer postJson(String path, Object body, String idempotencyKey) throws Unreachable {
        try {
            HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)));
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            return send(request.build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer get(String path) throws Unreachable {
        return send(request(path).GET().build());
    }

    /** Uploads a file, reporting bytes sent to {@code progress} as the gateway reads them. */
    Answer upload(String pathAndQuery, Path file, String contentType, String idempotencyKey, LongConsumer progress)
            throws Unreachable, IOException {
        long size = Files.size(file);
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> counting(file, progress)), size);
        HttpRequest.Builder request = request(pathAndQuery).timeout(Duration.ofHours(2))
                .header("Content-Type", contentType).POST(publisher);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    /** A download's outcome: its status, its ETag, and the error answer when it was not a 200 or 304. */
    record Download(int status, String etag, Answer error) {
    }

    /** Receives each chunk of a download as it arrives: the buffer and how many of its bytes are new. */
    interface ChunkListener {
        void accept(byte[] chunk, int length);
    }

    /**
     * Streams a 200 answer's body into {@code sink}, chunk by chunk (never held whole in memory);
     * with {@code ifNoneMatch}, a 304 writes nothing. Any other answer is read as a JSON error.
     */
    Download download(String pathAndQuery, String ifNoneMatch, java.io.OutputStream sink, ChunkListener progress)
            throws Unreachable, IOException {
        HttpRequest.Builder request = request(pathAndQuery).timeout(Duration.ofHours(2)).header("Accept", "*/*").GET();
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            request.header("If-None-Match", ifNoneMatch);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new Unreachable("cannot reach the gateway at " + base + ": " + (e.getMessage() == null ? e : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
        String etag = response.headers().firstValue("ETag").orElse(null);
        try (InputStream body = response.body()) {
            if (response.statusCode() == 200) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                    sink.write(buffer, 0, n);
                    progress.accept(buffer, n);
                }
                return new Download(200, etag, null);
            }
            if (response.statusCode() == 304) {
                return new Download(304, etag, null);
            }
            return new Download(response.statusCode(), etag, new Answer(response.statusCode(), json(body.readNBytes(1 << 20))));
        } catch (IOException e) {
            throw new Unreachable("the export from " + base + " broke off: " + (e.getMessage() == null ? e : e.getMessage()), e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofMinutes(5)).header("Accept", "application/json");
        if (apiKey != null) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }

    private Answer send(HttpRequest request) throws Unreachable {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), json(response.body()));
        } catch (IOException e) {
            throw new Unreachable("cannot reach the gateway at " + base + ": " + (e.getMessage() == null ? e : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }

    /** A body as JSON; a body that is not JSON becomes {@code {"message": <its text>}}. */
    private static JsonNode json(byte[] bytes) {
        try {
            return bytes.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(bytes);
        } catch (IOException notJson) {
            return MAPPER.createObjectNode().put("message", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static InputStream counting(Path file, LongConsumer progress) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                private long sent;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        sent += n;
                        progress.accept(sent);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
