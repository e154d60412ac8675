package org.caspianhub.producers.gateway;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.runtime.auth.ApiKeyAuthenticator;
import org.caspianhub.runtime.auth.ApiKeyStore;
import org.caspianhub.runtime.auth.Principal;
import org.caspianhub.runtime.auth.Role;

/**
 * Bearer API keys: who calls (401 without a valid key, with {@code WWW-Authenticate: Bearer}) and
 * whether their role may make this call (403). The headers are read by the hub's one
 * {@link ApiKeyAuthenticator}; this class says its refusals as the gateway's field errors. The
 * principal, and with it the party, is what every handler works with; nothing in a body can change it.
 */
final class Authentication {

    static final String PRINCIPAL = "caspian.principal";

    private static final String KEY_REQUIRED = "an API key is required: send 'Authorization: Bearer <key>'";

    private final ApiKeyAuthenticator authenticator;

    Authentication(ApiKeyStore keys) {
        this.authenticator = ApiKeyAuthenticator.bearer(keys);
    }

    /** Before-handler: authenticates, or refuses with 401 (400 for several Authorization headers). */
    void authenticate(Context ctx) {
        ctx.attribute(PRINCIPAL, authenticator.authenticate(Collections.list(ctx.req().getHeaders("Authorization")),
                Authentication::refusal));
    }

    private static ApiException refusal(ApiKeyAuthenticator.Refusal refusal) {
        return switch (refusal.reason()) {
            case DUPLICATE_HEADER -> {
                String message = "send exactly one Authorization header; this request has several";
                yield new ApiException(400, "duplicate_authorization", message,
                        List.of(new FieldError("Authorization", "duplicate_authorization", message)), Map.of());
            }
            case MISSING -> unauthorized(KEY_REQUIRED);
            case WRONG_SCHEME -> unauthorized("the Authorization header must use the Bearer scheme");
            case INVALID_KEY -> unauthorized("the API key is not valid");
        };
    }

    static Principal principal(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw unauthorized(KEY_REQUIRED);
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
                Map.of());
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message,
                List.of(new FieldError("Authorization", "unauthorized", message)), Map.of());
    }
}
