package org.caspianhub.producers.imports;

import java.util.List;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.producers.submit.IndicatorItem;

/**
 * What a reader found at one place of a file ({@code line 12}, {@code indicator--33fe...}): an
 * indicator to submit, something refused with its reasons, or something deliberately skipped
 * (a comment, a MISP attribute not meant for detection, a STIX object that is not an indicator).
 */
public sealed interface ImportEntry permits ImportEntry.Candidate, ImportEntry.Refused, ImportEntry.Skipped {

    String location();

    record Candidate(String location, IndicatorItem item) implements ImportEntry {
    }

    record Refused(String location, List<FieldError> reasons) implements ImportEntry {
        public Refused {
            reasons = List.copyOf(reasons);
        }

        public static Refused because(String location, String field, String code, String message) {
            return new Refused(location, List.of(new FieldError(field, code, message)));
        }
    }

    record Skipped(String location, String reason) implements ImportEntry {
    }
}
