package org.caspianhub.producers.feeds;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TAXII 2.1 collection as a feed source: {@code GET <collection>/objects/?added_after=<cursor>},
 * following {@code more}/{@code next} pagination, each page (an envelope whose {@code objects} a
 * STIX reader takes as a bundle's) handed over as a temporary file. The cursor is the server's
 * {@code X-TAXII-Date-Added-Last}, so the next poll asks only for what was added since.
 *
 * <p>The cursor moves past a page only once that page was imported. When a page's import fails,
 * the poll stops there and the next poll asks again from the last imported page, so nothing the
 * collection holds is skipped.
 */
final class TaxiiCollection {

    static final String MEDIA_TYPE = "application/taxii+json;version=2.1";
    private static final int MAX_PAGES = 10_000;

    /** Receives each page's file; the collection deletes it afterwards. */
    interface PageSink {
        /** @return true when the page was imported; false stops the poll without moving the cursor past it */
        boolean page(Path envelope) throws IOException;
    }

    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;
    private final Map<URI, String> cursors = new ConcurrentHashMap<>();
    private final ObjectMapper mapper = new ObjectMapper();

    TaxiiCollection(HttpClient http, Duration timeout, long maxBytes) {
        this.http = http;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /**
     * Reads every page added since the last imported one; returns how many pages held objects. Stops at
     * the first page the sink could not import (the cursor stays before it).
     */
    int poll(URI collection, FeedConfig feed, PageSink sink) throws IOException, InterruptedException {
        URI objects = collection.resolve(collection.getPath().endsWith("/") ? "objects/" : collection.getPath() + "/objects/");
        String cursor = cursors.get(collection);
        String next = null;
        int pagesWithObjects = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            StringBuilder query = new StringBuilder();
            if (cursor != null) {
                query.append("added_after=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            }
            if (next != null) {
                query.append(query.length() == 0 ? "" : "&").append("next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
            }
            URI url = URI.create(objects + (query.length() == 0 ? "" : "?" + query));
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET().header("Accept", MEDIA_TYPE);
            feed.authorization().ifPresent(a -> request.header("Authorization", a.reveal()));
            String shown = FeedUrls.redacted(url);
            BoundedDownload.Response response = BoundedDownload.get(http, request.build(), maxBytes, shown, "caspian-taxii-", feed);
            if (response.body() == null) {
                throw new IOException("GET " + shown + " answered " + response.status());
            }
            Path body = response.body();
            try {
                Envelope envelope = envelope(body);
                if (envelope.hasObjects()) {
                    if (!sink.page(body)) {
                        return pagesWithObjects; // not imported: the next poll asks for this page again
                    }
                    pagesWithObjects++;
                }
                response.headers().firstValue("X-TAXII-Date-Added-Last").ifPresent(last -> cursors.put(collection, last));
                if (!envelope.more() || envelope.next() == null) {
                    return pagesWithObjects;
                }
                next = envelope.next();
            } finally {
                Files.deleteIfExists(body);
            }
        }
        throw new IOException("TAXII collection " + FeedUrls.redacted(collection) + " kept answering more=true after "
                + MAX_PAGES + " pages");
    }

    private record Envelope(boolean more, String next, boolean hasObjects) {
    }

    /** The envelope's paging fields, read without loading its objects. */
    private Envelope envelope(Path file) throws IOException {
        boolean more = false;
        String next = null;
        boolean hasObjects = false;
        try (JsonParser parser = mapper.getFactory().createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Envelope(false, null, false); // an empty body: nothing new
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "more" -> more = value == JsonToken.VALUE_TRUE;
                    case "next" -> next = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "objects" -> {
                        hasObjects = value == JsonToken.START_ARRAY && parser.nextToken() != JsonToken.END_ARRAY;
                        if (hasObjects) {
                            parser.skipChildren();
                            while (parser.nextToken() != JsonToken.END_ARRAY) {
                                parser.skipChildren();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("the TAXII envelope is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return new Envelope(more, next, hasObjects);
    }
}
