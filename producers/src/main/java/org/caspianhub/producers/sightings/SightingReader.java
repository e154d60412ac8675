package org.caspianhub.producers.sightings;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.submit.Checked;
import org.caspianhub.producers.submit.ItemRules;
import org.caspianhub.producers.submit.JsonFields;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.producers.submit.ValueCheck;

/**
 * Reads one SOC report: a value seen in the party's traffic ({@code kind: sighted}) or found
 * benign ({@code kind: false_positive}), how often, when and by which sensor. The party is the
 * API key's; the source defaults to the key's name.
 */
public final class SightingReader {

    private static final Set<String> FIELDS = Set.of("value", "type", "kind", "count", "observedAt", "source", "note");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final ValueCheck values;
    private final Clock clock;

    public SightingReader(ValueCheck values, Clock clock) {
        this.values = values;
        this.clock = clock;
    }

    public Checked<Sighting> read(JsonNode node, String path, String sightingId, PartyId party, String submitter) {
        return JsonFields.readItem(node, path, "a sighting", FIELDS, Set.of("party"),
                f -> read(f, path, sightingId, party, submitter));
    }

    private Checked<Sighting> read(JsonFields f, String path, String sightingId, PartyId party, String submitter) {
        String value = f.text("value", true, ItemRules.MAX_VALUE);
        IndicatorType type = f.label("type", Labels::type, Labels.typeNames());
        SightingKind kind = f.label("kind", Labels::sightingKind, "sighted, false_positive");
        if (!f.has("kind")) {
            f.error("kind", "required", "kind is required: sighted or false_positive");
        }
        Integer count = f.integer("count", 1, 1_000_000);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant observedAt = f.instant("observedAt");
        if (observedAt != null && observedAt.isAfter(now.plus(CLOCK_SKEW))) {
            f.error("observedAt", "in_the_future", "observedAt must not be in the future, got " + observedAt);
        }
        String source = f.text("source", false, ItemRules.MAX_ID);
        String note = f.text("note", false, ItemRules.MAX_DESCRIPTION);
        List<FieldError> errors = new ArrayList<>(f.errors());
        if (value != null && (type != null || !f.has("type"))) {
            errors.addAll(values.errors(value, type, path));
        }
        if (!errors.isEmpty()) {
            return Checked.refused(errors);
        }
        return Checked.ok(Sighting.newBuilder()
                .setSightingId(sightingId)
                .setParty(party.value())
                .setValue(value)
                .setType(type)
                .setKind(kind)
                .setCount(count == null ? 1 : count)
                .setObservedAt(observedAt == null ? now : observedAt.truncatedTo(ChronoUnit.MILLIS))
                .setSource(source == null ? submitter : source)
                .setNote(note)
                .build(), List.of());
    }
}
