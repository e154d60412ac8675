package org.caspianhub.producers.submit;

import java.time.Instant;
import java.util.List;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;

/**
 * One indicator as a person or a file stated it, checked for shape but not yet a record: what the
 * REST API, every importer and the feed poller hand to the {@link SubmissionFactory}. The value is
 * kept as given (possibly defanged); the topology normalizes it again and is the authority.
 *
 * @param type       the declared type, or null to let the pipeline detect it
 * @param confidence 0 to 100, or null for the party's default
 * @param groupRef   shared by values named together in one source object (one STIX pattern, one MISP object)
 * @param externalId the source object's id (STIX indicator id, MISP attribute uuid, line number)
 */
public record IndicatorItem(String value, IndicatorType type, Tlp tlp, Integer confidence, Severity severity,
                            List<String> tags, String description, Instant validUntil, List<String> references,
                            String groupRef, String externalId) {

    public IndicatorItem {
        tags = tags == null ? List.of() : List.copyOf(tags);
        references = references == null ? List.of() : List.copyOf(references);
        severity = severity == null ? Severity.UNKNOWN : severity;
    }

    /** A bare value with a TLP, as a text blocklist line gives it. */
    public static IndicatorItem of(String value, IndicatorType type, Tlp tlp) {
        return new IndicatorItem(value, type, tlp, null, Severity.UNKNOWN, List.of(), null, null, List.of(), null, null);
    }

    public IndicatorItem withExternalId(String id) {
        return new IndicatorItem(value, type, tlp, confidence, severity, tags, description, validUntil, references,
                groupRef, id);
    }
}
