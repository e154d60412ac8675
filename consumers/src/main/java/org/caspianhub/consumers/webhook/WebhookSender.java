package org.caspianhub.consumers.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.caspianhub.avro.Alert;
import org.caspianhub.consumers.alert.AlertJson;
import org.caspianhub.consumers.delivery.AlertSender;
import org.caspianhub.consumers.delivery.AttemptResult;
import org.caspianhub.consumers.delivery.PreparedDelivery;
import org.caspianhub.consumers.stix.StixMapper;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.subscription.Subscription;
import org.caspianhub.consumers.subscription.WebhookFormat;
import org.caspianhub.runtime.net.OutboundDestinations;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.api.Response;
import org.eclipse.jetty.client.api.Result;
import org.eclipse.jetty.client.util.BytesRequestContent;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * POSTs alerts to a subscriber's URL: the alert JSON or a STIX 2.1 bundle, signed
 * ({@link WebhookSignature}), with {@code Idempotency-Key: <alert id>} so a receiver can drop the
 * duplicates at-least-once delivery allows. Classifies each answer for the retry policy: 2xx
 * delivered; 5xx, 408, 429, timeouts and connection failures retryable (429 and 503 with the
 * receiver's Retry-After); any other status refused. Redirects are not followed: a signed alert
 * goes only where the subscription says. Every connection obeys {@link OutboundDestinations}: a
 * receiver resolving to a loopback, link-local or private address is refused (not retried) unless
 * the subscription allows it.
 *
 * <p>One HTTP client (connection pool, selector, threads) per subscription, so a receiver that
 * holds connections open cannot starve another subscription's deliveries. The client is Jetty's,
 * asynchronous: a request in flight holds a connection, not a thread.
 */
public final class WebhookSender implements AlertSender {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int ERROR_BODY_BYTES = 200;

    private final Subscription subscription;
    private final Destination.Webhook webhook;
    private final Duration timeout;
    private final Clock clock;
    private final WebhookSignature.Signer signer;
    private final HttpClient client;

    public WebhookSender(Subscription subscription, Destination.Webhook webhook, Clock clock) {
        this.subscription = subscription;
        this.webhook = webhook;
        this.timeout = subscription.policy().timeout();
        this.clock = clock;
        this.signer = WebhookSignature.signer(webhook.secret());
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("webhook-" + subscription.id());
        threads.setDaemon(true);
        this.client = new HttpClient();
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        // the shared destination rule, at every connection: no loopback, link-local or private address unless allowed
        client.setSocketAddressResolver((host, port, promise) -> threads.execute(() -> {
            try {
                promise.succeeded(OutboundDestinations.resolve(host, webhook.allowPrivateNetwork(), "subscription "
                        + subscription.id()).stream().map(address -> new InetSocketAddress(address, port)).toList());
            } catch (IOException | RuntimeException e) {
                promise.failed(e);
            }
        }));
        client.setConnectTimeout(timeout.toMillis());
        client.setMaxConnectionsPerDestination(Math.max(1, subscription.policy().maxInFlight()));
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "caspian-hub-dispatcher/1"));
        client.getContentDecoderFactories().clear(); // we read at most the start of an error body: no gzip
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client of subscription " + subscription.id(), e);
        }
    }

    @Override
    public Optional<PreparedDelivery> prepare(Alert alert) {
        byte[] body;
        if (webhook.format() == WebhookFormat.STIX) {
            if (!StixMapper.representable(alert)) {
                return Optional.empty();
            }
            try {
                body = MAPPER.writeValueAsBytes(StixMapper.bundle(alert));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a JSON tree always serializes", e);
            }
        } else {
            body = AlertJson.toBytes(alert);
        }
        String alertId = alert.getAlertId();
        return Optional.of(attempt -> send(alertId, body, attempt));
    }

    private CompletableFuture<AttemptResult> send(String alertId, byte[] body, int attempt) {
        CompletableFuture<AttemptResult> result = new CompletableFuture<>();
        long now = clock.instant().getEpochSecond();
        client.newRequest(webhook.url())
                .method(HttpMethod.POST)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .headers(headers -> headers
                        .put("Idempotency-Key", alertId)
                        .put(WebhookSignature.HEADER, signer.sign(now, body))
                        .put("X-Caspian-Subscription", subscription.id())
                        .put("X-Caspian-Delivery-Attempt", Integer.toString(attempt)))
                .body(new BytesRequestContent(webhook.format().contentType(), body))
                .send(new Answer(result));
        return result;
    }

    /** Keeps the status, Retry-After and the start of the body (for the dead-letter record), then classifies. */
    private final class Answer implements Response.Listener {
        private final CompletableFuture<AttemptResult> result;
        private final ByteBuffer start = ByteBuffer.allocate(ERROR_BODY_BYTES * 4);

        Answer(CompletableFuture<AttemptResult> result) {
            this.result = result;
        }

        @Override
        public void onContent(Response response, ByteBuffer content) {
            if (response.getStatus() >= 300 && start.hasRemaining()) {
                ByteBuffer chunk = content.slice();
                chunk.limit(Math.min(chunk.remaining(), start.remaining()));
                start.put(chunk);
            }
        }

        @Override
        public void onComplete(Result complete) {
            Throwable failure = complete.getFailure();
            Response response = complete.getResponse();
            boolean answered = response != null && response.getStatus() > 0 && !(failure instanceof TimeoutException);
            try {
                result.complete(failure == null || answered ? classify(response) : failure(failure));
            } catch (RuntimeException e) {
                result.complete(new AttemptResult.Retryable(e.toString(), null, null));
            }
        }

        private AttemptResult classify(Response response) {
            int status = response.getStatus();
            if (status >= 200 && status < 300) {
                return new AttemptResult.Delivered(status);
            }
            // the receiver's answer may echo the request path, which may hold a token
            String error = webhook.redact("HTTP " + status + snippet());
            if (status == 429 || status == 503) {
                Duration retryAfter = RetryAfter.parse(response.getHeaders().get(HttpHeader.RETRY_AFTER), clock.instant()).orElse(null);
                return new AttemptResult.Retryable(error, status, retryAfter);
            }
            if (status >= 500 || status == 408) {
                return new AttemptResult.Retryable(error, status, null);
            }
            if (status >= 300 && status < 400) {
                return new AttemptResult.Refused(error + " (redirects are not followed; point the subscription at the final URL)", status);
            }
            return new AttemptResult.Refused(error, status);
        }

        private String snippet() {
            String text = new String(start.array(), 0, start.position(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
            if (text.length() > ERROR_BODY_BYTES) {
                text = text.substring(0, ERROR_BODY_BYTES) + "...";
            }
            return text.isEmpty() ? "" : ": " + text;
        }
    }

    private AttemptResult failure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutboundDestinations.Refused refused) {
                return new AttemptResult.Refused(webhook.redact(refused.getMessage()), null);
            }
        }
        if (error instanceof TimeoutException || error instanceof SocketTimeoutException) {
            return new AttemptResult.Retryable("no answer within " + timeout.toMillis() + " ms", null, null);
        }
        if (error instanceof ConnectException || error instanceof UnresolvedAddressException) {
            return new AttemptResult.Retryable("cannot connect to " + webhook.url().getHost() + ":" + port()
                    + (error.getMessage() == null ? "" : " (" + webhook.redact(error.getMessage()) + ")"), null, null);
        }
        return new AttemptResult.Retryable(webhook.redact("I/O error: " + error), null, null);
    }

    private int port() {
        int port = webhook.url().getPort();
        return port >= 0 ? port : "https".equalsIgnoreCase(webhook.url().getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            // stopping: nothing left to do with it
        }
    }
}
