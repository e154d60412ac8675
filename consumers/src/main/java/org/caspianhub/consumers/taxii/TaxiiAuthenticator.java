package org.caspianhub.consumers.taxii;

import java.util.List;
import org.caspianhub.runtime.auth.ApiKeyAuthenticator;
import org.caspianhub.runtime.auth.ApiKeyStore;
import org.caspianhub.runtime.auth.Principal;

/**
 * Who is calling, in TAXII's terms: an API key presented as HTTP Basic (the password; TAXII clients
 * all speak Basic, as the specification requires servers to support) or as a Bearer token, checked
 * by the hub's one {@link ApiKeyAuthenticator}. This class only says its refusals as TAXII errors.
 * The key's party decides which collection the caller can see.
 */
final class TaxiiAuthenticator {

    static final String CHALLENGE = "Basic realm=\"Caspian Hub TAXII\", charset=\"UTF-8\"";

    private final ApiKeyAuthenticator authenticator;

    TaxiiAuthenticator(ApiKeyStore keys) {
        this.authenticator = ApiKeyAuthenticator.bearerOrBasic(keys);
    }

    /** The caller's principal; 400 for several Authorization headers, 401 when no or an unknown key was presented. */
    Principal authenticate(List<String> authorizationHeaders) {
        return authenticator.authenticate(authorizationHeaders, TaxiiAuthenticator::refusal);
    }

    private static TaxiiException refusal(ApiKeyAuthenticator.Refusal refusal) {
        return switch (refusal.reason()) {
            case DUPLICATE_HEADER ->
                    TaxiiException.badRequest("send exactly one Authorization header; this request has " + refusal.headerCount());
            case MISSING -> TaxiiException.unauthorized(
                    "present an API key as HTTP Basic credentials (the key as password) or as a Bearer token");
            case WRONG_SCHEME, INVALID_KEY -> TaxiiException.unauthorized("the credentials presented are not valid");
        };
    }
}
