package org.caspianhub.consumers.taxii;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.caspianhub.runtime.auth.ApiKeyStore;
import org.caspianhub.runtime.auth.Principal;

/**
 * Who is calling: an API key presented as HTTP Basic (the password; TAXII clients all speak
 * Basic, as the specification requires servers to support) or as a Bearer token. The key's
 * party decides which collection the caller can see.
 */
final class TaxiiAuthenticator {

    static final String CHALLENGE = "Basic realm=\"Caspian Hub TAXII\", charset=\"UTF-8\"";

    private final ApiKeyStore keys;

    TaxiiAuthenticator(ApiKeyStore keys) {
        this.keys = keys;
    }

    /** The caller's principal; 401 when no or an unknown key was presented. */
    Principal authenticate(String authorization) {
        return key(authorization).flatMap(keys::authenticate).orElseThrow(() -> TaxiiException.unauthorized(
                authorization == null ? "present an API key as HTTP Basic credentials (the key as password) or as a Bearer token"
                        : "the credentials presented are not valid"));
    }

    static Optional<String> key(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.trim();
        int space = value.indexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space);
        String credentials = value.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return Optional.of(credentials);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon < 0) {
                    return Optional.of(decoded);
                }
                String password = decoded.substring(colon + 1);
                return Optional.of(password.isEmpty() ? decoded.substring(0, colon) : password);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
