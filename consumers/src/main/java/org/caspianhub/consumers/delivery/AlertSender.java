package org.caspianhub.consumers.delivery;

import java.util.Optional;
import org.caspianhub.avro.Alert;

/** Sends alerts to one destination kind (webhook, syslog, log) for one subscription. */
public interface AlertSender extends AutoCloseable {

    /**
     * Renders the alert for this destination once, before any attempt; empty when the destination
     * cannot represent it (a STIX webhook and an indicator type STIX has no pattern for).
     */
    Optional<PreparedDelivery> prepare(Alert alert);

    @Override
    void close();
}
