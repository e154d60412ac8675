package org.caspianhub.streams.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.avro.streams.RecipientState;
import org.caspianhub.parties.Parties;
import org.caspianhub.streams.lifecycle.Lifetimes;
import org.caspianhub.streams.merge.IndicatorMerger;
import org.caspianhub.streams.merge.MergeResult;
import org.caspianhub.streams.score.ScoreModel;
import org.junit.jupiter.api.Test;

/**
 * Each recipient's own fold, by itself (no topology): it mirrors the hub's evidence while every
 * event was visible to it, keeps a copy once one was not, and holds only what it may see.
 */
class RecipientFoldsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private final RecipientFolds folds = new RecipientFolds(new TlpPolicy(Parties.parse("ir,az,kz", "ir:az")), Tlp.AMBER);
    private final IndicatorMerger merger = new IndicatorMerger(Lifetimes.defaultLifetimes(),
            new ScoreModel(Lifetimes.defaultLifetimes()), folds);
    private IndicatorState state;

    private MergeResult apply(IndicatorEvent event) {
        MergeResult result = merger.apply(state, event, T0.toEpochMilli());
        if (result.state() != null) {
            state = result.state();
        }
        return result;
    }

    @Test
    void whileEveryEventIsVisibleEachRecipientMirrorsTheHubAndStoresNoCopy() {
        MergeResult result = apply(submit("s1", "ir", Tlp.GREEN, "c2"));

        assertThat(result.touched()).containsExactlyInAnyOrder("ir", "az", "kz");
        assertThat(state.getRecipients()).containsOnlyKeys("ir", "az", "kz").allSatisfy((party, own) -> {
            assertThat(own.getMirrorsHub()).isTrue();
            assertThat(own.getContributions()).isEmpty();
        });

        // az's SOC feedback travels as AMBER: ir (an agreement) still mirrors the hub, kz keeps its own copy without it
        assertThat(apply(sight("az", SightingKind.SIGHTED)).touched()).containsExactlyInAnyOrder("ir", "az");
        assertThat(state.getRecipients().get("ir").getMirrorsHub()).isTrue();
        RecipientState kz = state.getRecipients().get("kz");
        assertThat(kz.getMirrorsHub()).isFalse();
        assertThat(kz.getFeedback()).isEmpty();
        assertThat(kz.getContributions()).containsOnlyKeys("ir");
    }

    @Test
    void aRecipientThatMayNotSeeASubmissionHoldsNothingAndIsNotTouched() {
        MergeResult result = apply(submit("s1", "ir", Tlp.RED, "op-nightjar"));

        assertThat(result.touched()).containsExactlyInAnyOrder("ir");
        assertThat(state.getRecipients()).containsOnlyKeys("ir");
        // AMBER reaches the partner it has an agreement with, not the third party
        assertThat(apply(submit("s2", "ir", Tlp.AMBER, "c2")).touched()).containsExactlyInAnyOrder("ir", "az");
    }

    @Test
    void aTighteningWithdrawsTheContributionInTheFoldsThatMayNoLongerSeeIt() {
        apply(submit("s1", "ir", Tlp.GREEN, "c2"));
        MergeResult tightened = apply(submit("s2", "ir", Tlp.RED, "op-nightjar"));

        assertThat(tightened.touched()).containsExactlyInAnyOrder("ir", "az", "kz");
        RecipientState az = state.getRecipients().get("az");
        assertThat(az.getMirrorsHub()).isFalse();
        assertThat(az.getContributions().get("ir").getRevoked()).isTrue();
        assertThat(az.getContributions().get("ir").getTags()).containsExactly("c2");
        assertThat(state.getRecipients().get("ir").getMirrorsHub()).isTrue();

        // loosening again: the fold stands behind it again, with only what it was ever allowed to see
        apply(submit("s3", "ir", Tlp.GREEN, "phishing"));
        assertThat(state.getRecipients().get("az").getContributions().get("ir")).satisfies(c -> {
            assertThat(c.getRevoked()).isFalse();
            assertThat(c.getTags()).containsExactly("c2", "phishing");
            assertThat(c.getSubmissionCount()).isEqualTo(2);
        });
        assertThat(state.getIndicator().getContributions().get("ir").getTags()).contains("op-nightjar");
    }

    @Test
    void feedbackCountsOnlyInFoldsThatMayLearnItAndKnowTheIndicator() {
        apply(submit("s1", "ir", Tlp.RED, "c2"));
        MergeResult sighted = apply(sight("az", SightingKind.FALSE_POSITIVE));

        // az knows nothing of the value: for it this is a report on an unknown value
        assertThat(sighted.touched()).containsExactlyInAnyOrder("ir");
        assertThat(state.getRecipients()).doesNotContainKey("az");
        assertThat(state.getRecipients().get("ir").getMirrorsHub()).isTrue();
    }

    private static IndicatorEvent submit(String id, String party, Tlp tlp, String tag) {
        IndicatorEvent event = event(party);
        event.setSubmission(IndicatorSubmission.newBuilder().setSubmissionId(id).setAction(SubmissionAction.SUBMIT)
                .setValue("nightjar-c2.net").setTlp(tlp).setConfidence(80).setSeverity(Severity.HIGH)
                .setTags(List.of(tag)).setChannel(SourceChannel.ANALYST).setSubmittedAt(T0).build());
        return event;
    }

    private static IndicatorEvent sight(String party, SightingKind kind) {
        IndicatorEvent event = event(party);
        event.setSighting(Sighting.newBuilder().setSightingId("f-" + party).setValue("nightjar-c2.net").setKind(kind)
                .setCount(1).setObservedAt(T0).build());
        return event;
    }

    private static IndicatorEvent event(String party) {
        return IndicatorEvent.newBuilder().setParty(party).setKey("domain:nightjar-c2.net").setType(IndicatorType.DOMAIN)
                .setValue("nightjar-c2.net").setLocality("nightjar-c2.net").setStoreKey(ByteBuffer.wrap(new byte[] {1}))
                .setConfidence(80).setSourceReliability(70).build();
    }
}
