package org.caspianhub.producers.gateway;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

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

    static void write(ApiException e, Context ctx) {
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"caspian-hub\"");
        }
        ctx.status(e.status()).json(of(e));
    }
}
