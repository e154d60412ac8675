package org.caspianhub.consumers.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.caspianhub.runtime.Secret;

/**
 * The webhook signature: {@code X-Caspian-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}, the
 * HMAC keyed with the subscription's secret over {@code <t>.<raw body>}. Signing the timestamp
 * with the body lets a receiver refuse a replayed request (a timestamp older than its tolerance)
 * as well as a forged one; each retry is signed afresh with its own timestamp.
 *
 * <p>{@link #verify} is what a receiver written in Java runs; docs/delivery.md shows the same
 * in Python.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Caspian-Signature";
    /** The tolerance we recommend to receivers. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** Why a signature was refused, or VALID. */
    public enum Verdict { VALID, MALFORMED, STALE, MISMATCH }

    private WebhookSignature() {
    }

    /** The header value for a body sent at {@code unixSeconds}. */
    public static String sign(Secret key, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(key, unixSeconds, body));
    }

    /**
     * Checks a received header against the raw body: well formed, timestamp within
     * {@code tolerance} of {@code now} (either side), and an HMAC equal in constant time.
     */
    public static Verdict verify(String header, byte[] body, Secret key, Instant now, Duration tolerance) {
        if (header == null) {
            return Verdict.MALFORMED;
        }
        Long timestamp = null;
        String signature = null;
        for (String part : header.split(",")) {
            String p = part.trim();
            if (p.startsWith("t=")) {
                try {
                    timestamp = Long.parseLong(p.substring(2));
                } catch (NumberFormatException e) {
                    return Verdict.MALFORMED;
                }
            } else if (p.startsWith("v1=")) {
                signature = p.substring(3);
            }
        }
        if (timestamp == null || signature == null || !signature.matches("[0-9a-f]{64}")) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return Verdict.STALE;
        }
        byte[] expected = hmac(key, timestamp, body);
        return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature)) ? Verdict.VALID : Verdict.MISMATCH;
    }

    /** A signer for one key, reusing one initialized MAC per thread (what a sender calls thousands of times a second). */
    public static Signer signer(Secret key) {
        return new Signer(key);
    }

    /** Signs with one key; thread-safe. */
    public static final class Signer {
        private final ThreadLocal<Mac> mac;

        private Signer(Secret key) {
            this.mac = ThreadLocal.withInitial(() -> newMac(key));
        }

        public String sign(long unixSeconds, byte[] body) {
            Mac m = mac.get();
            m.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(m.doFinal(body));
        }
    }

    private static byte[] hmac(Secret key, long unixSeconds, byte[] body) {
        Mac mac = newMac(key);
        mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
        return mac.doFinal(body);
    }

    private static Mac newMac(Secret key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }
}
