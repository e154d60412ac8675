package org.caspianhub.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.caspianhub.consumers.webhook.WebhookSignature.Verdict;
import org.caspianhub.runtime.Secret;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Secret KEY = new Secret("receiver-shared-secret-0123456789");
    private static final byte[] BODY = "{\"alertId\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void theHeaderIsAnHmacSha256OverTimestampDotBody() throws Exception {
        long t = NOW.getEpochSecond();
        String header = WebhookSignature.sign(KEY, t, BODY);

        // what a receiver computes with nothing but its crypto library and the documented recipe
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(header).isEqualTo("t=" + t + ",v1=" + expected);
    }

    @Test
    void theReusableSignerSignsExactlyLikeTheRecipe() {
        WebhookSignature.Signer signer = WebhookSignature.signer(KEY);
        for (long t = NOW.getEpochSecond(); t < NOW.getEpochSecond() + 3; t++) {
            assertThat(signer.sign(t, BODY)).isEqualTo(WebhookSignature.sign(KEY, t, BODY));
        }
    }

    @Test
    void aGenuineRequestVerifies() {
        String header = WebhookSignature.sign(KEY, NOW.getEpochSecond(), BODY);
        assertThat(WebhookSignature.verify(header, BODY, KEY, NOW.plusSeconds(30), WebhookSignature.DEFAULT_TOLERANCE))
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void aTamperedBodyOrAnotherKeyDoesNot() {
        String header = WebhookSignature.sign(KEY, NOW.getEpochSecond(), BODY);
        byte[] tampered = "{\"alertId\":\"a-2\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.verify(header, tampered, KEY, NOW, Duration.ofMinutes(5))).isEqualTo(Verdict.MISMATCH);
        assertThat(WebhookSignature.verify(header, BODY, new Secret("someone-else-entirely-1234"), NOW, Duration.ofMinutes(5)))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void aReplayOutsideTheToleranceIsRefusedEvenWithAValidSignature() {
        String header = WebhookSignature.sign(KEY, NOW.getEpochSecond(), BODY);
        assertThat(WebhookSignature.verify(header, BODY, KEY, NOW.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5)))
                .isEqualTo(Verdict.STALE);
    }

    @Test
    void aChangedTimestampBreaksTheSignature() {
        String header = WebhookSignature.sign(KEY, NOW.getEpochSecond(), BODY);
        String moved = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 60));
        assertThat(WebhookSignature.verify(moved, BODY, KEY, NOW, Duration.ofMinutes(5))).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void malformedHeaders() {
        assertThat(WebhookSignature.verify(null, BODY, KEY, NOW, Duration.ofMinutes(5))).isEqualTo(Verdict.MALFORMED);
        assertThat(WebhookSignature.verify("v1=abc", BODY, KEY, NOW, Duration.ofMinutes(5))).isEqualTo(Verdict.MALFORMED);
        assertThat(WebhookSignature.verify("t=x,v1=" + "0".repeat(64), BODY, KEY, NOW, Duration.ofMinutes(5)))
                .isEqualTo(Verdict.MALFORMED);
    }
}
