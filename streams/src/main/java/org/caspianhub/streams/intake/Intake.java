package org.caspianhub.streams.intake;

import java.util.List;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.streams.correlate.Placement;

/**
 * The shared step of both intakes: normalize a raw value (delegated to the indicators module,
 * which owns what a valid indicator is), look it up on the warninglists, and place it.
 */
public final class Intake {

    private final IndicatorNormalizer normalizer;
    private final WarninglistCheck warninglists;

    public Intake(IndicatorNormalizer normalizer, WarninglistCheck warninglists) {
        this.normalizer = normalizer;
        this.warninglists = warninglists;
    }

    /** The normalized value, or the field errors that make it invalid (mapped to rejection reasons). */
    public Normalized normalize(String raw, IndicatorType declared) {
        if (raw == null) {
            return new Normalized.Invalid(List.of(new FieldError("value", "missing_value", "value must be set")));
        }
        return normalizer.normalize(raw, declared == IndicatorType.UNKNOWN ? null : declared);
    }

    public List<String> warninglists(Normalized.Valid valid) {
        return warninglists.matches(valid);
    }

    /**
     * An event for the merge stage, placed by {@link Placement}, with every field set (the caller
     * fills in what it carries). Built without Avro's builder, which deep-copies: this runs per record.
     */
    public static IndicatorEvent event(String party, Normalized.Valid valid, RecordMetadata source) {
        Placement placement = Placement.of(valid.type(), valid.value(), valid.key());
        IndicatorEvent event = new IndicatorEvent();
        event.setParty(party);
        event.setKey(valid.key());
        event.setType(valid.type());
        event.setValue(valid.value());
        event.setLocality(placement.locality());
        event.setStoreKey(java.nio.ByteBuffer.wrap(placement.storeKey()));
        event.setWarninglists(List.of());
        event.setConfidence(0);
        event.setSourceReliability(0);
        event.setSourceTopic(source.topic());
        event.setSourcePartition(source.partition());
        event.setSourceOffset(source.offset());
        return event;
    }

    public static List<RejectionReason> reasons(Normalized.Invalid invalid) {
        return invalid.errors().stream()
                .map(e -> SubmissionRules.reason(e.field(), e.code(), e.message()))
                .toList();
    }
}
