package org.caspianhub.consumers.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.Contribution;
import org.caspianhub.avro.IndicatorStatus;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.RelatedIndicator;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.alert.Timestamps;

/**
 * An alert as STIX 2.1 objects: the indicator (a vulnerability for a CVE) as a new version of the
 * object with the indicator's deterministic id; a sighting when another party reported the same
 * value (a cross-border match); a relationship when the hub related it to another indicator; and
 * the TLP 2.0 marking definition and identities those objects reference.
 *
 * <p>Only what the alert carries is used: the alert was already filtered for its recipient, so
 * nothing here can reveal more than the recipient may see.
 */
public final class StixMapper {

    /** Identities are fixed objects: the same version whenever they are emitted. */
    static final String IDENTITY_CREATED = "2024-01-01T00:00:00.000Z";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StixMapper() {
    }

    /** True when the alert's indicator has a STIX form (every type but UNKNOWN and an unreadable ASN). */
    public static boolean representable(Alert alert) {
        return alert.getType() == IndicatorType.CVE
                || StixPatterns.pattern(alert.getType(), alert.getValue()).isPresent();
    }

    /**
     * The alert's objects, referenced objects first (marking definition, identities), then the
     * indicator, then sighting and relationship. Empty when the indicator has no STIX form.
     */
    public static List<ObjectNode> objects(Alert alert) {
        if (!representable(alert)) {
            return List.of();
        }
        List<ObjectNode> objects = new ArrayList<>();
        objects.add(TlpMarkings.marking(alert.getTlp()));
        objects.add(hubIdentity());
        String indicatorId = StixIds.forIndicator(alert.getRecipient(), alert.getType(), alert.getIndicatorKey());
        ObjectNode indicator = alert.getType() == IndicatorType.CVE ? vulnerability(alert, indicatorId) : indicator(alert, indicatorId);
        if (alert.getKind() == AlertKind.CROSS_BORDER_MATCH && !alert.getParties().isEmpty()) {
            for (String party : alert.getParties()) {
                objects.add(partyIdentity(party));
            }
            objects.add(indicator);
            objects.add(sighting(alert, indicatorId));
        } else {
            objects.add(indicator);
        }
        relationship(alert, indicatorId).ifPresent(objects::add);
        return objects;
    }

    /** A STIX bundle of the alert's objects, with an id derived from the alert id (identical on every retry). */
    public static ObjectNode bundle(Alert alert) {
        ObjectNode bundle = JSON.objectNode();
        bundle.put("type", "bundle");
        bundle.put("id", StixIds.bundle(alert.getAlertId()));
        ArrayNode objects = bundle.putArray("objects");
        objects(alert).forEach(objects::add);
        return bundle;
    }

    static ObjectNode hubIdentity() {
        ObjectNode identity = base("identity", StixIds.hubIdentity(), IDENTITY_CREATED, IDENTITY_CREATED);
        identity.put("name", "Caspian Hub");
        identity.put("identity_class", "system");
        identity.put("description", "The threat-intelligence sharing hub between the national CERTs of the Caspian states.");
        identity.putArray("object_marking_refs").add(TlpMarkings.markingId(Tlp.CLEAR));
        return identity;
    }

    static ObjectNode partyIdentity(String party) {
        ObjectNode identity = base("identity", StixIds.forParty(party), IDENTITY_CREATED, IDENTITY_CREATED);
        identity.put("name", party);
        identity.put("identity_class", "organization");
        identity.put("description", "A party (national CERT) sharing through the Caspian Hub.");
        identity.put("created_by_ref", StixIds.hubIdentity());
        identity.putArray("object_marking_refs").add(TlpMarkings.markingId(Tlp.CLEAR));
        return identity;
    }

    private static ObjectNode indicator(Alert alert, String id) {
        Instant created = alert.getFirstSeen();
        ObjectNode indicator = base("indicator", id, Timestamps.millis(created), Timestamps.millis(modified(alert, created)));
        indicator.put("created_by_ref", StixIds.hubIdentity());
        indicator.put("name", alert.getValue());
        indicator.put("description", alert.getSummary());
        indicator.putArray("indicator_types")
                .add(alert.getKind() == AlertKind.FALSE_POSITIVE ? "benign" : "malicious-activity");
        indicator.put("pattern", StixPatterns.pattern(alert.getType(), alert.getValue()).orElseThrow());
        indicator.put("pattern_type", "stix");
        indicator.put("pattern_version", "2.1");
        indicator.put("valid_from", Timestamps.millis(created));
        validUntil(alert, created).ifPresent(until -> indicator.put("valid_until", Timestamps.millis(until)));
        common(alert, indicator);
        return indicator;
    }

    private static ObjectNode vulnerability(Alert alert, String id) {
        Instant created = alert.getFirstSeen();
        ObjectNode vulnerability = base("vulnerability", id, Timestamps.millis(created), Timestamps.millis(modified(alert, created)));
        vulnerability.put("created_by_ref", StixIds.hubIdentity());
        vulnerability.put("name", alert.getValue());
        vulnerability.put("description", alert.getSummary());
        common(alert, vulnerability);
        ArrayNode refs = vulnerability.withArray("external_references");
        ObjectNode cve = JSON.objectNode();
        cve.put("source_name", "cve");
        cve.put("external_id", alert.getValue());
        refs.insert(0, cve);
        return vulnerability;
    }

    /** What an indicator and a vulnerability share: revocation, labels, confidence, references, marking, hub fields. */
    private static void common(Alert alert, ObjectNode object) {
        if (alert.getStatus() == IndicatorStatus.REVOKED || alert.getKind() == AlertKind.REVOKED) {
            object.put("revoked", true);
        }
        if (!alert.getTags().isEmpty()) {
            ArrayNode labels = object.putArray("labels");
            alert.getTags().forEach(labels::add);
        }
        object.put("confidence", Math.max(0, Math.min(100, alert.getScore())));
        Set<String> references = new LinkedHashSet<>();
        for (Contribution contribution : alert.getContributions()) {
            references.addAll(contribution.getReferences());
        }
        if (alert.getRelated() != null && alert.getRelated().getReference() != null) {
            references.add(alert.getRelated().getReference());
        }
        if (!references.isEmpty()) {
            ArrayNode refs = object.putArray("external_references");
            for (String reference : references) {
                ObjectNode ref = refs.addObject();
                ref.put("source_name", "caspian-hub");
                ref.put("external_id", reference);
            }
        }
        object.putArray("object_marking_refs").add(TlpMarkings.markingId(alert.getTlp()));
        hubProperties(alert, object);
    }

    private static void hubProperties(Alert alert, ObjectNode object) {
        object.put("x_caspian_alert_id", alert.getAlertId());
        object.put("x_caspian_alert_kind", alert.getKind().name());
        object.put("x_caspian_indicator_key", alert.getIndicatorKey());
        object.put("x_caspian_severity", alert.getSeverity().name());
        object.put("x_caspian_status", alert.getStatus().name());
        object.put("x_caspian_score", alert.getScore());
        // STIX forbids empty lists: a revoked indicator no party stands behind any more has no parties property
        if (!alert.getParties().isEmpty()) {
            ArrayNode parties = object.putArray("x_caspian_parties");
            alert.getParties().forEach(parties::add);
        }
    }

    private static ObjectNode sighting(Alert alert, String indicatorId) {
        RelatedIndicator related = alert.getRelated();
        String basis = related != null ? related.getCorrelationId() : "cross-border";
        Instant created = alert.getFirstSeen();
        ObjectNode sighting = base("sighting", StixIds.sighting(alert.getRecipient(), alert.getIndicatorKey(), basis),
                Timestamps.millis(created), Timestamps.millis(modified(alert, created)));
        sighting.put("created_by_ref", StixIds.hubIdentity());
        sighting.put("description", alert.getSummary());
        sighting.put("first_seen", Timestamps.millis(alert.getFirstSeen()));
        Instant last = alert.getLastSeen().isBefore(alert.getFirstSeen()) ? alert.getFirstSeen() : alert.getLastSeen();
        sighting.put("last_seen", Timestamps.millis(last));
        sighting.put("count", alert.getParties().size());
        sighting.put("sighting_of_ref", indicatorId);
        if (!alert.getParties().isEmpty()) {
            ArrayNode where = sighting.putArray("where_sighted_refs");
            alert.getParties().forEach(party -> where.add(StixIds.forParty(party)));
        }
        sighting.putArray("object_marking_refs").add(TlpMarkings.markingId(alert.getTlp()));
        sighting.put("x_caspian_alert_id", alert.getAlertId());
        return sighting;
    }

    private static Optional<ObjectNode> relationship(Alert alert, String indicatorId) {
        RelatedIndicator related = alert.getRelated();
        if (related == null || related.getIndicatorKey() == null || related.getType() == null
                || related.getIndicatorKey().equals(alert.getIndicatorKey())) {
            return Optional.empty();
        }
        String relatedId = StixIds.forIndicator(alert.getRecipient(), related.getType(), related.getIndicatorKey());
        boolean thisFirst = alert.getIndicatorKey().compareTo(related.getIndicatorKey()) <= 0;
        String created = Timestamps.millis(alert.getCreatedAt());
        ObjectNode relationship = base("relationship",
                StixIds.relationship(alert.getRecipient(), alert.getIndicatorKey(), related.getIndicatorKey(),
                        related.getKind().name()),
                created, created);
        relationship.put("created_by_ref", StixIds.hubIdentity());
        relationship.put("relationship_type", "related-to");
        relationship.put("description", related.getDetail() != null ? related.getDetail() : alert.getSummary());
        relationship.put("source_ref", thisFirst ? indicatorId : relatedId);
        relationship.put("target_ref", thisFirst ? relatedId : indicatorId);
        relationship.putArray("object_marking_refs").add(TlpMarkings.markingId(alert.getTlp()));
        relationship.put("x_caspian_correlation_id", related.getCorrelationId());
        relationship.put("x_caspian_correlation_kind", related.getKind().name());
        relationship.put("x_caspian_alert_id", alert.getAlertId());
        return Optional.of(relationship);
    }

    /** STIX requires modified >= created. */
    private static Instant modified(Alert alert, Instant created) {
        return alert.getCreatedAt().isBefore(created) ? created : alert.getCreatedAt();
    }

    /** STIX requires valid_until after valid_from; an expiry alert without a date ends validity now. */
    private static Optional<Instant> validUntil(Alert alert, Instant validFrom) {
        Instant until = alert.getValidUntil();
        boolean expired = alert.getStatus() == IndicatorStatus.EXPIRED || alert.getKind() == AlertKind.EXPIRED;
        if (until == null && expired) {
            until = alert.getCreatedAt();
        }
        if (until == null) {
            return Optional.empty();
        }
        return Optional.of(until.isAfter(validFrom) ? until : validFrom.plusMillis(1));
    }

    private static ObjectNode base(String type, String id, String created, String modified) {
        ObjectNode object = JSON.objectNode();
        object.put("type", type);
        object.put("spec_version", "2.1");
        object.put("id", id);
        object.put("created", created);
        object.put("modified", modified);
        return object;
    }
}
