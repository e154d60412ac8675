package org.caspianhub.producers.submit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.parties.PartyId;

/**
 * What enters the hub, counted: {@code caspian_submissions_total{party,channel,outcome,reason}} with
 * outcome {@code accepted} or {@code refused} and, for a refusal, the first error's code.
 */
public final class SubmissionMetrics {

    private final MeterRegistry registry;

    public SubmissionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(PartyId party, SourceChannel channel, String kind, int count) {
        if (count > 0) {
            counter(party, channel, kind, "accepted", "none").increment(count);
        }
    }

    public void refused(PartyId party, SourceChannel channel, String kind, List<FieldError> errors) {
        String reason = errors.isEmpty() ? "unknown" : errors.get(0).code();
        counter(party, channel, kind, "refused", reason).increment();
    }

    private Counter counter(PartyId party, SourceChannel channel, String kind, String outcome, String reason) {
        return Counter.builder("caspian.submissions")
                .description("Indicators, revocations and sightings offered to the hub, by outcome")
                .tag("party", party.value())
                .tag("channel", channel.name().toLowerCase(java.util.Locale.ROOT))
                .tag("kind", kind)
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(registry);
    }
}
