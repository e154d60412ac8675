package org.caspianhub.producers.gateway;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.runtime.ErrorFormat;
import org.caspianhub.runtime.Json;

/**
 * The one JSON shape of every refusal:
 * {@code {"status":400,"error":"invalid_request","message":"...","errors":[{"field","code","message"}]}}.
 */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static Map<String, Object> of(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", e.status());
        body.put("error", e.error());
        body.put("message", e.getMessage());
        body.put("errors", e.errors());
        body.putAll(e.extra());
        return body;
    }

    /**
     * The same shape for errors no handler raised: Jetty's (a header too large, a control character in
     * a header), an unknown path, an unhandled exception.
     */
    static final ErrorFormat FORMAT = new ErrorFormat() {
        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public byte[] body(int status, String code, String message) {
            ApiException e = new ApiException(status, code, message, List.of(new FieldError(field(code), code, message)), Map.of());
            try {
                return Json.mapper().writeValueAsBytes(of(e));
            } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
                throw new IllegalStateException("a map of strings always serializes", impossible);
            }
        }

        private String field(String code) {
            return switch (code) {
                case "header_too_large", "illegal_character", "invalid_header" -> "headers";
                case "not_found", "method_not_allowed", "uri_too_long", "invalid_uri" -> "path";
                case "body_too_large" -> "body";
                default -> "request";
            };
        }
    };

    static void write(ApiException e, Context ctx) {
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"caspian-hub\"");
        }
        ctx.status(e.status()).json(of(e));
    }
}
