package org.caspianhub.producers.submit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.SubmissionAction;

/**
 * Turns a checked {@link IndicatorItem} into the Avro record for the party's submissions topic.
 * The party, submitter and channel come from the {@link Origin}, so nothing a body says can change
 * whose submission it is.
 */
public final class SubmissionFactory {

    private final Clock clock;

    public SubmissionFactory(Clock clock) {
        this.clock = clock;
    }

    public IndicatorSubmission submission(String submissionId, SubmissionAction action, IndicatorItem item,
                                          Origin origin) {
        return IndicatorSubmission.newBuilder()
                .setSubmissionId(submissionId)
                .setParty(origin.party().value())
                .setAction(action)
                .setValue(item.value())
                .setType(item.type())
                .setTlp(item.tlp())
                .setConfidence(item.confidence())
                .setSeverity(item.severity())
                .setTags(new ArrayList<>(item.tags()))
                .setDescription(item.description())
                .setValidUntil(item.validUntil() == null ? null : item.validUntil().truncatedTo(ChronoUnit.MILLIS))
                .setReferences(new ArrayList<>(item.references()))
                .setGroupRef(item.groupRef())
                .setExternalId(item.externalId())
                .setChannel(origin.channel())
                .setSubmitter(origin.submitter())
                .setSourceReliability(origin.sourceReliability())
                .setSubmittedAt(now())
                .build();
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
