package org.caspianhub.producers.imports;

import java.util.List;
import org.caspianhub.avro.Tlp;

/**
 * What applies to entries of a file that do not say it themselves: the TLP of unmarked content,
 * a confidence, tags and references added to every entry (a feed's name, a campaign).
 */
public record ImportDefaults(Tlp tlp, Integer confidence, List<String> tags, List<String> references) {

    public ImportDefaults {
        tags = tags == null ? List.of() : List.copyOf(tags);
        references = references == null ? List.of() : List.copyOf(references);
    }

    public static ImportDefaults tlp(Tlp tlp) {
        return new ImportDefaults(tlp, null, List.of(), List.of());
    }
}
