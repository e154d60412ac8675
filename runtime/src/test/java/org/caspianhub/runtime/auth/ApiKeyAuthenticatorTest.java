package org.caspianhub.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.auth.ApiKeyAuthenticator.Reason;
import org.caspianhub.runtime.auth.ApiKeyAuthenticator.Refusal;
import org.junit.jupiter.api.Test;

/** The one reading of Authorization headers that the gateway and TAXII share. */
class ApiKeyAuthenticatorTest {

    private static final Principal SOC = new Principal("ir-soc", PartyId.of("ir"), Role.SOC);
    private static final ApiKeyStore KEYS = ApiKeyStore.of(Map.of("k-ir-soc", SOC));

    /** A refusal as an exception, so a test can read its reason. */
    static final class Refused extends RuntimeException {
        final Refusal refusal;

        Refused(Refusal refusal) {
            super(refusal.reason() + "/" + refusal.headerCount());
            this.refusal = refusal;
        }
    }

    private static Principal bearer(String... headers) {
        return ApiKeyAuthenticator.bearer(KEYS).authenticate(Arrays.asList(headers), Refused::new);
    }

    private static Principal bearerOrBasic(String... headers) {
        return ApiKeyAuthenticator.bearerOrBasic(KEYS).authenticate(Arrays.asList(headers), Refused::new);
    }

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aKnownBearerKeyIsItsPrincipalWhateverTheSchemesCaseAndSpacing() {
        assertThat(bearer("Bearer k-ir-soc")).isEqualTo(SOC);
        assertThat(bearer("  bearer   k-ir-soc  ")).isEqualTo(SOC);
        assertThat(bearerOrBasic("BEARER k-ir-soc")).isEqualTo(SOC);
    }

    @Test
    void basicCarriesTheKeyAsPasswordOrAsUserWithAnEmptyPasswordWhereAccepted() {
        assertThat(bearerOrBasic(basic("soc:k-ir-soc"))).isEqualTo(SOC);
        assertThat(bearerOrBasic(basic("k-ir-soc:"))).isEqualTo(SOC);
        assertThat(bearerOrBasic(basic("k-ir-soc"))).isEqualTo(SOC);
        assertRefused(() -> bearerOrBasic("Basic !!not-base64"), Reason.INVALID_KEY, 1);
        assertRefused(() -> bearer(basic("soc:k-ir-soc")), Reason.WRONG_SCHEME, 1);
    }

    @Test
    void eachRefusalSaysWhy() {
        assertRefused(() -> ApiKeyAuthenticator.bearer(KEYS).authenticate(List.of(), Refused::new), Reason.MISSING, 0);
        assertRefused(() -> bearer("   "), Reason.MISSING, 1);
        assertRefused(() -> bearer("Digest x"), Reason.WRONG_SCHEME, 1);
        assertRefused(() -> bearerOrBasic("Digest x"), Reason.WRONG_SCHEME, 1);
        assertRefused(() -> bearer("Bearer"), Reason.INVALID_KEY, 1);
        assertRefused(() -> bearer("Bearer not-a-key"), Reason.INVALID_KEY, 1);
        assertRefused(() -> bearer("Bearer k-ir-soc-and-more"), Reason.INVALID_KEY, 1);
    }

    @Test
    void severalHeadersAreRefusedEvenWhenEachWouldAuthenticate() {
        assertRefused(() -> bearer("Bearer k-ir-soc", "Bearer k-ir-soc"), Reason.DUPLICATE_HEADER, 2);
        assertRefused(() -> bearerOrBasic("Bearer not-a-key", basic("soc:k-ir-soc"), "Bearer k-ir-soc"),
                Reason.DUPLICATE_HEADER, 3);
    }

    private static void assertRefused(Runnable call, Reason reason, int headers) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.refusal).isEqualTo(new Refusal(reason, headers)));
    }
}
