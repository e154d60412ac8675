package org.caspianhub.runtime;

/**
 * How a party-facing server writes an error body: the gateway's
 * {@code {"status","error","message","errors"}}, TAXII's error message resource. Used for every
 * error, including those Jetty answers before a request reaches a handler (a header too large, a
 * control character in a header, an unknown path), so no error is ever an HTML page.
 */
public interface ErrorFormat {

    /** The Content-Type of the error body. */
    String contentType();

    /**
     * @param status  the HTTP status
     * @param code    a short code naming the problem ({@code header_too_large}, {@code not_found})
     * @param message a sentence for the caller
     */
    byte[] body(int status, String code, String message);

    /** A code naming the problem behind a status Jetty or Javalin answered by itself. */
    static String codeFor(int status, String reason) {
        String r = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        return switch (status) {
            case 400 -> r.contains("character") || r.contains("cntl") ? "illegal_character"
                    : r.contains("header") ? "invalid_header" : r.contains("uri") ? "invalid_uri" : "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 411 -> "length_required";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "header_too_large";
            case 501 -> "not_implemented";
            case 503 -> "unavailable";
            case 505 -> "http_version_not_supported";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    /** A sentence for a status Jetty or Javalin answered by itself. */
    static String messageFor(int status, String reason) {
        String base = switch (status) {
            case 400 -> "the request is malformed";
            case 404 -> "nothing is here";
            case 405 -> "this method is not allowed here";
            case 413 -> "the request body is too large";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are too large";
            default -> status >= 500 ? "the server failed to handle this request" : "the request was refused";
        };
        boolean informative = reason != null && !reason.isBlank() && status < 500
                && reason.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
        return informative ? base + " (" + reason + ")" : base;
    }
}
