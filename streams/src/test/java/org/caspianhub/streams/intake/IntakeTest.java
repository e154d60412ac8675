package org.caspianhub.streams.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.T0;
import static org.caspianhub.streams.HubDriver.submission;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.streams.HubDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stage 1 through the whole topology: what is accepted, what is rejected and why, and what never stops it. */
class IntakeTest {

    private final HubDriver hub = new HubDriver();

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void defangedValuesAreRefangedDetectedAndCanonicalized() {
        hub.submit("ir", submission("hxxps://Login.Caspian-Phish[.]NET:443/a/../b", Tlp.GREEN));
        hub.submit("ir", submission("45[.]83[.]12[.]7", Tlp.GREEN));
        hub.submit("ir", submission("D41D8CD98F00B204E9800998ECF8427F", Tlp.GREEN));

        assertThat(hub.alerts("ir")).extracting(Alert::getIndicatorKey).containsExactlyInAnyOrder(
                "url:https://login.caspian-phish.net/b",
                "ipv4:45.83.12.7",
                "md5:d41d8cd98f00b204e9800998ecf8427f");
        assertThat(hub.rejected("ir")).isEmpty();
    }

    @Test
    void anInvalidValueIsRejectedWithASpecificReasonForItsParty() {
        String hash63 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85";
        hub.submit("az", submission(hash63).setType(IndicatorType.SHA256).build());

        List<Rejection> rejections = hub.rejected("az");
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.getParty()).isEqualTo("az");
            assertThat(r.getSubmission().getValue()).isEqualTo(hash63);
            assertThat(r.getSourceTopic()).isEqualTo("cti.az.submissions");
            assertThat(r.getReasons()).extracting(RejectionReason::getField, RejectionReason::getMessage)
                    .singleElement().satisfies(t -> assertThat(t.toList().get(1).toString()).contains("64").contains("63"));
        });
        assertThat(hub.rejected("ir")).isEmpty();
        assertThat(hub.alerts("az")).isEmpty();
        assertThat(hub.metrics.count("caspian.submissions.rejected", "party", "az")).isEqualTo(1);
    }

    @Test
    void everyBrokenFieldRuleIsReportedInOneRejection() {
        hub.submit("ir", submission("caspian-c2.net")
                .setConfidence(150)
                .setSourceReliability(-1)
                .setValidUntil(T0.minusSeconds(3600))
                .build());

        assertThat(hub.rejected("ir")).singleElement().satisfies(r -> assertThat(r.getReasons())
                .extracting(RejectionReason::getCode)
                .containsExactlyInAnyOrder("confidence_out_of_range", "reliability_out_of_range", "valid_until_in_past"));
        assertThat(hub.metrics.count("caspian.rejection.reasons", "party", "ir", "reason", "confidence_out_of_range"))
                .isEqualTo(1);
    }

    @Test
    void anUnknownActionIsRejected() {
        hub.submit("ir", submission("caspian-c2.net").setAction(SubmissionAction.UNKNOWN).build());

        assertThat(hub.rejected("ir")).singleElement().satisfies(r ->
                assertThat(r.getReasons()).extracting(RejectionReason::getCode).containsExactly("unknown_action"));
    }

    @Test
    void undecodableBytesBecomeARejectionWithTheBytesAndTheNextRecordIsProcessed() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        hub.submitRaw("ir", "key-1", garbage);
        hub.submitRaw("ir", "key-2", new byte[] {0, 0, 0, 0x7f, 0x7f, 1, 2, 3});
        hub.submit("ir", submission("still-works.net", Tlp.GREEN));

        List<Rejection> rejections = hub.rejected("ir");
        assertThat(rejections).hasSize(2);
        assertThat(rejections.get(0).getSubmissionId()).isEqualTo("key-1");
        assertThat(rejections.get(0).getSubmission()).isNull();
        assertThat(StandardCharsets.UTF_8.decode(rejections.get(0).getRawValue()).toString()).isEqualTo("not avro at all");
        assertThat(rejections.get(0).getReasons()).extracting(RejectionReason::getCode).containsExactly("undecodable");
        assertThat(rejections.get(0).getSourcePartition()).isZero();
        assertThat(rejections.get(1).getReasons().get(0).getMessage()).contains("schema id");
        assertThat(hub.alerts("ir")).extracting(Alert::getValue).containsExactly("still-works.net");
    }

    @Test
    void provenanceIsTheTopicNeverThePayload() {
        hub.submit("ir", submission("spoofed-party.net").setParty("az").build());

        IndicatorState state = hub.state(IndicatorType.DOMAIN, "spoofed-party.net");
        assertThat(state.getIndicator().getContributions()).containsOnlyKeys("ir");
        assertThat(hub.alerts("az")).singleElement().satisfies(a -> assertThat(a.getParties()).containsExactly("ir"));
    }

    @Test
    void aDeclaredTypeIsCheckedNotOverridden() {
        hub.submit("ir", submission("45.83.12.7").setType(IndicatorType.DOMAIN).build());

        assertThat(hub.rejected("ir")).singleElement().satisfies(r ->
                assertThat(r.getReasons()).extracting(RejectionReason::getCode).containsExactly("type_mismatch"));
    }

    @Test
    void unusableSightingsAreRejectedWithTheirBytesAndDoNotStopAnything() {
        hub.sightRaw("az", "garbage".getBytes(StandardCharsets.UTF_8));
        hub.sight("az", HubDriver.sighting("not a value at all", SightingKind.SIGHTED));
        hub.submit("az", submission("after-bad-sightings.net", Tlp.GREEN));

        List<Rejection> rejections = hub.rejected("az");
        assertThat(rejections).hasSize(2);
        assertThat(rejections).allSatisfy(r -> {
            assertThat(r.getSourceTopic()).isEqualTo("cti.az.sightings");
            assertThat(r.getRawValue()).isNotNull();
        });
        assertThat(hub.alerts("az")).hasSize(1);
    }
}
