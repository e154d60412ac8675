package org.caspianhub.consumers.delivery;

import java.time.Instant;

/** How delivering one alert to one subscription ended. */
public sealed interface DeliveryOutcome permits DeliveryOutcome.Delivered, DeliveryOutcome.Failed, DeliveryOutcome.Abandoned {

    record Delivered(int attempts, Instant firstAttemptAt) implements DeliveryOutcome {
    }

    /** Out of attempts, or refused: the alert goes to the dead-letter topic. */
    record Failed(int attempts, String lastError, Integer lastStatus, Instant firstAttemptAt, Instant failedAt)
            implements DeliveryOutcome {
    }

    /** The dispatcher is stopping: neither delivered nor failed, so its offset is not committed and it is delivered again after a restart. */
    record Abandoned(int attempts) implements DeliveryOutcome {
    }
}
