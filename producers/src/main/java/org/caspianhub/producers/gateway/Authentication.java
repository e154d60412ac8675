package org.caspianhub.producers.gateway;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.runtime.auth.ApiKeyStore;
import org.caspianhub.runtime.auth.Principal;
import org.caspianhub.runtime.auth.Role;

/**
 * Bearer API keys: who calls (401 without a valid key, with {@code WWW-Authenticate: Bearer}) and
 * whether their role may make this call (403). The principal, and with it the party, is what every
 * handler works with; nothing in a body can change it.
 */
final class Authentication {

    static final String PRINCIPAL = "caspian.principal";

    private final ApiKeyStore keys;

    Authentication(ApiKeyStore keys) {
        this.keys = keys;
    }

    /** Before-handler: authenticates or refuses with 401. */
    void authenticate(Context ctx) {
        if (java.util.Collections.list(ctx.req().getHeaders("Authorization")).size() > 1) {
            // a proxy that adds one and a server that reads another would disagree about who is calling
            throw new ApiException(400, "duplicate_authorization", "send exactly one Authorization header; this request has several",
                    List.of(new FieldError("Authorization", "duplicate_authorization",
                            "send exactly one Authorization header; this request has several")), java.util.Map.of());
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized("an API key is required: send 'Authorization: Bearer <key>'");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw unauthorized("the Authorization header must use the Bearer scheme");
        }
        Principal principal = keys.authenticate(header.substring(7).trim())
                .orElseThrow(() -> unauthorized("the API key is not valid"));
        ctx.attribute(PRINCIPAL, principal);
    }

    static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw unauthorized("an API key is required: send 'Authorization: Bearer <key>'");
        }
        return principal;
    }

    /** The caller, if its role is one of {@code allowed}; 403 otherwise. */
    static Principal require(Context ctx, Role... allowed) {
        Principal principal = principal(ctx);
        if (Arrays.asList(allowed).contains(principal.role())) {
            return principal;
        }
        String roles = Arrays.stream(allowed).map(Role::id).collect(Collectors.joining(" or "));
        String message = "the " + principal.role().id() + " role may not " + ctx.method().name().toLowerCase(Locale.ROOT)
                + " " + ctx.path() + "; it needs the " + roles + " role";
        throw new ApiException(403, "forbidden", message, List.of(new FieldError("Authorization", "forbidden", message)),
                java.util.Map.of());
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message,
                List.of(new FieldError("Authorization", "unauthorized", message)), java.util.Map.of());
    }
}
