package org.caspianhub.producers.imports;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.parties.PartyId;

/**
 * Import counts: {@code caspian_import_items_total{party,channel,format,outcome}} (submitted,
 * refused, skipped) and {@code caspian_imports_total{party,channel,format,outcome}} (completed, failed).
 */
public final class ImportMetrics {

    private final MeterRegistry registry;

    public ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(PartyId party, SourceChannel channel, ImportFormat format, ImportReport report) {
        items(party, channel, format, "submitted").increment(report.submitted());
        items(party, channel, format, "refused").increment(report.refused());
        items(party, channel, format, "skipped").increment(report.skipped());
        Counter.builder("caspian.imports").description("Files imported, by outcome")
                .tags("party", party.value(), "channel", channel.name().toLowerCase(java.util.Locale.ROOT),
                        "format", format.id(), "outcome", report.failed() ? "failed" : "completed")
                .register(registry).increment();
    }

    private Counter items(PartyId party, SourceChannel channel, ImportFormat format, String outcome) {
        return Counter.builder("caspian.import.items").description("Entries of imported files, by outcome")
                .tags("party", party.value(), "channel", channel.name().toLowerCase(java.util.Locale.ROOT),
                        "format", format.id(), "outcome", outcome)
                .register(registry);
    }
}
