package org.caspianhub.consumers.delivery;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.caspianhub.avro.Alert;
import org.caspianhub.tlp.TlpLevels;
import org.caspianhub.consumers.subscription.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each alert to the dispatcher's log: the demo destination of a local run, showing what a SOC would get. */
public final class LogSender implements AlertSender {

    private static final Logger LOG = LoggerFactory.getLogger(LogSender.class);
    private static final CompletableFuture<AttemptResult> DONE = CompletableFuture.completedFuture(new AttemptResult.Delivered(null));

    private final Subscription subscription;

    public LogSender(Subscription subscription) {
        this.subscription = subscription;
    }

    @Override
    public Optional<PreparedDelivery> prepare(Alert alert) {
        return Optional.of(attempt -> {
            LOG.info("[{}] alert for {}: {} {} {} ({}, score {}, severity {}) id={} - {}", subscription.id(),
                    alert.getRecipient(), alert.getKind(), alert.getType(), alert.getValue(),
                    TlpLevels.label(alert.getTlp()), alert.getScore(), alert.getSeverity(), alert.getAlertId(),
                    alert.getSummary());
            return DONE;
        });
    }

    @Override
    public void close() {
    }
}
