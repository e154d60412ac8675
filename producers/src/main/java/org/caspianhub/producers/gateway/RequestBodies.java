package org.caspianhub.producers.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import com.google.common.hash.HashingOutputStream;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;
import org.caspianhub.runtime.Utf8;

/**
 * Reads request bodies defensively: the content type first (415), then the size, by the declared
 * length and while reading (413, so a chunked body cannot slip past), then the JSON (400 with the
 * line and column of the fault).
 */
final class RequestBodies {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RequestBodies() {
    }

    /** A JSON body no larger than {@code maxBytes}; its SHA-256 (for idempotency checks) is computed on demand. */
    record JsonBody(JsonNode json, byte[] bytes) {
        String sha256() {
            return Hashing.sha256().hashBytes(bytes).toString();
        }
    }

    static JsonBody json(Context ctx, long maxBytes) {
        requireContentType(ctx, Set.of("application/json"));
        byte[] bytes = read(ctx, maxBytes);
        if (bytes.length == 0) {
            throw ApiException.of(400, "empty_body", "body", "the request has no body; send a JSON object");
        }
        try {
            // Jackson would decode an overlong form (C0 AE) as '.': every body is strict UTF-8 first
            Utf8.check(bytes);
        } catch (Utf8.MalformedException e) {
            throw ApiException.of(400, "malformed_json", "body", "the body is not valid JSON: it is " + e.getMessage());
        }
        try {
            return new JsonBody(STRICT.readTree(bytes), bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw ApiException.of(400, "malformed_json", "body", "the body is not valid JSON" + where + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.of(400, "malformed_json", "body", "the body could not be read: " + e.getMessage());
        }
    }

    static void requireContentType(Context ctx, Set<String> accepted) {
        String type = mediaType(ctx);
        if (type == null || !accepted.contains(type)) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type must be " + String.join(" or ",
                    accepted.stream().sorted().toList()) + (type == null ? ", and none was given" : ", got " + type),
                    java.util.List.of(new org.caspianhub.indicators.normalize.FieldError("Content-Type",
                            "unsupported_media_type", "expected " + String.join(" or ", accepted.stream().sorted().toList()))),
                    java.util.Map.of());
        }
    }

    /** The media type without parameters, lower case ({@code application/json}), or null. */
    static String mediaType(Context ctx) {
        String header = ctx.header("Content-Type");
        if (header == null || header.isBlank()) {
            return null;
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    static void checkDeclaredLength(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
    }

    static ApiException tooLarge(long maxBytes) {
        return ApiException.of(413, "body_too_large", "body", "the body is larger than the limit of " + maxBytes + " bytes");
    }

    private static byte[] read(Context ctx, long maxBytes) {
        checkDeclaredLength(ctx, maxBytes);
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.of(400, "unreadable_body", "body", "the body could not be read: " + e.getMessage());
        }
    }

    /** Copies the body to {@code out}, at most {@code maxBytes}; returns its SHA-256. */
    static String copy(Context ctx, OutputStream out, long maxBytes) throws IOException {
        checkDeclaredLength(ctx, maxBytes);
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        HashingOutputStream digesting = new HashingOutputStream(Hashing.sha256(), out);
        try (InputStream in = ctx.req().getInputStream(); digesting) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                digesting.write(buffer, 0, n);
            }
        }
        return digesting.hash().toString();
    }
}
