package org.caspianhub.producers.status;

import java.util.List;
import java.util.Optional;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.indicators.warninglist.Warninglists;
import org.caspianhub.producers.submit.Labels;

/**
 * What the hub stored for an accepted submission: its canonical type, value and key, and the
 * warninglists the value is on (a warninglisted indicator is kept but never alerted). Computed by
 * the code the pipeline's intake runs (the indicators module's normalizer and its bundled MISP
 * warninglists, the ones the pipeline loads), so the status says what the pipeline did without a
 * second copy of its state.
 */
public record StoredForm(String type, String value, String key, List<String> warninglists) {

    /** Reads the canonical forms; shares the bundled warninglists of this JVM. */
    public static final class Reader {

        private final IndicatorNormalizer normalizer;
        private final Warninglists warninglists;

        public Reader(IndicatorNormalizer normalizer, Warninglists warninglists) {
            this.normalizer = normalizer;
            this.warninglists = warninglists;
        }

        /**
         * The stored form of a raw value as submitted; empty when the value is not valid (the pipeline
         * rejects it, and the status carries the rejection's reasons instead). Only a SUBMIT is looked
         * up on the warninglists, as in the pipeline.
         */
        public Optional<StoredForm> of(String rawValue, String declaredType, String action) {
            if (rawValue == null) {
                return Optional.empty();
            }
            IndicatorType declared = declaredType == null ? null : Labels.type(declaredType).orElse(null);
            if (normalizer.normalize(rawValue, declared) instanceof Normalized.Valid valid) {
                List<String> lists = "REVOKE".equals(action) ? List.of() : warninglists.matches(valid);
                return Optional.of(new StoredForm(valid.type().name().toLowerCase(java.util.Locale.ROOT), valid.value(),
                        valid.key(), lists));
            }
            return Optional.empty();
        }
    }
}
