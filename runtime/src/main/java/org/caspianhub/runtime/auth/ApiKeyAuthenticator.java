package org.caspianhub.runtime.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who is calling, from a request's {@code Authorization} headers: the one place that parses the
 * header, refuses a request with several of them and looks the key up. It knows no protocol; a
 * refusal comes back typed, with its reason, and each API renders it its own way (the gateway's
 * field errors, TAXII's error message resource).
 *
 * <p>Bearer is always accepted. TAXII clients speak HTTP Basic (the specification requires servers
 * to support it), so an API may also accept Basic, the key being the password (or the user name
 * when the password is empty).
 */
public final class ApiKeyAuthenticator {

    /** Why a request was not authenticated. */
    public enum Reason {
        /** More than one Authorization header: a proxy that adds one and a server that reads another would disagree. */
        DUPLICATE_HEADER,
        /** No Authorization header, or a blank one. */
        MISSING,
        /** A scheme this API does not accept. */
        WRONG_SCHEME,
        /** An accepted scheme, but no key, an undecodable one, or one the key store does not know. */
        INVALID_KEY
    }

    /** A refused request: the reason, and how many Authorization headers it carried. */
    public record Refusal(Reason reason, int headerCount) {
    }

    private final ApiKeyStore keys;
    private final boolean acceptBasic;

    private ApiKeyAuthenticator(ApiKeyStore keys, boolean acceptBasic) {
        this.keys = keys;
        this.acceptBasic = acceptBasic;
    }

    /** Accepts {@code Authorization: Bearer <key>} only. */
    public static ApiKeyAuthenticator bearer(ApiKeyStore keys) {
        return new ApiKeyAuthenticator(keys, false);
    }

    /** Accepts Bearer, and HTTP Basic with the key as password. */
    public static ApiKeyAuthenticator bearerOrBasic(ApiKeyStore keys) {
        return new ApiKeyAuthenticator(keys, true);
    }

    /**
     * The caller's principal.
     *
     * @param authorizationHeaders every value of the request's Authorization header, in order
     * @param refuse turns a refusal into the exception the API answers it with
     */
    public <E extends RuntimeException> Principal authenticate(List<String> authorizationHeaders,
            Function<Refusal, E> refuse) {
        int count = authorizationHeaders.size();
        if (count > 1) {
            throw refuse.apply(new Refusal(Reason.DUPLICATE_HEADER, count));
        }
        String header = count == 0 ? null : authorizationHeaders.get(0);
        if (header == null || header.isBlank()) {
            throw refuse.apply(new Refusal(Reason.MISSING, count));
        }
        String value = header.trim();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credentials = space < 0 ? "" : value.substring(space + 1).trim();
        Optional<String> key;
        if (scheme.equalsIgnoreCase("Bearer")) {
            key = Optional.of(credentials);
        } else if (acceptBasic && scheme.equalsIgnoreCase("Basic")) {
            key = basicKey(credentials);
        } else {
            throw refuse.apply(new Refusal(Reason.WRONG_SCHEME, count));
        }
        return key.filter(k -> !k.isEmpty()).flatMap(keys::authenticate)
                .orElseThrow(() -> refuse.apply(new Refusal(Reason.INVALID_KEY, count)));
    }

    /** The key in HTTP Basic credentials: the password, or the user name when the password is empty. */
    static Optional<String> basicKey(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.of(decoded);
        }
        String password = decoded.substring(colon + 1);
        return Optional.of(password.isEmpty() ? decoded.substring(0, colon) : password);
    }
}
