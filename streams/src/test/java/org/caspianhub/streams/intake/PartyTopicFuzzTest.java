package org.caspianhub.streams.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Rejection;
import org.caspianhub.avro.RejectionReason;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SightingKind;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.streams.HubDriver;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.TopicCatalogue;

/**
 * What a party's own Kafka client may write on its submissions and sightings topics, fuzzed: a
 * well-formed record with bytes flipped, cut short or appended, a valid header before random
 * bytes, or nothing but random bytes. Whatever arrives, the topology throws nothing (no stream
 * thread dies), and the next good submission is still turned into its alert.
 */
class PartyTopicFuzzTest {

    /** A record as a party's client would write it, damaged in one way. */
    record Damaged(boolean sighting, String how, byte[] bytes) {
        @Override
        public String toString() {
            return (sighting ? "sighting " : "submission ") + how + " " + Arrays.toString(bytes);
        }
    }

    @Property(tries = 300)
    void nothingAPartyWritesStopsThePipeline(@ForAll("damaged") Damaged record) {
        try (HubDriver hub = HubDriver.inMemory(Map.of("CASPIAN_PARTIES", "ir,az", "CASPIAN_AMBER_AGREEMENTS", "ir:az"))) {
            if (record.sighting()) {
                hub.sightRaw("az", record.bytes());
            } else {
                hub.submitRaw("az", "fuzz", record.bytes());
            }
            hub.records(HubTopics.alerts(PartyId.of("ir")));

            hub.submit("az", HubDriver.submission("after-the-fuzz.net", Tlp.GREEN));
            List<Alert> alerts = hub.alerts("ir");
            assertThat(alerts).extracting(Alert::getValue).contains("after-the-fuzz.net");
        }
    }

    /**
     * Found by this property: a submission whose first string (its id) claims 2^31 - 9 bytes, the most Avro
     * allows by default, made Avro allocate that much before noticing the record is 20 bytes long: an
     * OutOfMemoryError, which no decoder turns into a rejection. Now the claim is refused before any allocation.
     */
    @Example
    void aStringClaimingTwoGigabytesIsRejectedAndTheNextSubmissionStillAlerts() {
        byte[] header = Arrays.copyOf(SUBMISSION.get(), 5);
        byte[] claim = {(byte) 0xee, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}; // zigzag varint of 2147483639
        byte[] bytes = new byte[header.length + claim.length + 16];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(claim, 0, bytes, header.length, claim.length);
        try (HubDriver hub = HubDriver.inMemory(Map.of("CASPIAN_PARTIES", "ir,az", "CASPIAN_AMBER_AGREEMENTS", "ir:az"))) {
            hub.submitRaw("az", "two-gigabytes", bytes);

            List<Rejection> rejections = hub.rejected("az");
            assertThat(rejections).singleElement().satisfies(r -> {
                assertThat(r.getSubmissionId()).isEqualTo("two-gigabytes");
                assertThat(r.getRawValue().array()).isEqualTo(bytes);
                assertThat(r.getReasons()).extracting(RejectionReason::getCode).containsExactly("undecodable");
                assertThat(r.getReasons().get(0).getMessage())
                        .contains("cti.az.submissions", "String length 2147483639 exceeds maximum allowed",
                                "strings at most 1048588 bytes");
            });

            hub.submit("az", HubDriver.submission("after-the-claim.net", Tlp.GREEN));
            assertThat(hub.alerts("ir")).extracting(Alert::getValue).containsExactly("after-the-claim.net");
        }
    }

    @Provide
    Arbitrary<Damaged> damaged() {
        Arbitrary<Boolean> sighting = Arbitraries.of(true, false);
        return sighting.flatMap(s -> {
            byte[] valid = s ? SIGHTING.get() : SUBMISSION.get();
            Arbitrary<Damaged> flipped = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(8)
                    .map(positions -> {
                        byte[] copy = valid.clone();
                        positions.forEach(p -> copy[p] = (byte) (copy[p] ^ (0x01 << (p % 8)) ^ 0x5a));
                        return new Damaged(s, "flipped at " + positions, copy);
                    });
            Arbitrary<Damaged> cut = Arbitraries.integers().between(0, valid.length - 1)
                    .map(n -> new Damaged(s, "cut to " + n, Arrays.copyOf(valid, n)));
            Arbitrary<Damaged> appended = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64)
                    .map(extra -> {
                        byte[] copy = Arrays.copyOf(valid, valid.length + extra.length);
                        System.arraycopy(extra, 0, copy, valid.length, extra.length);
                        return new Damaged(s, "with bytes appended", copy);
                    });
            Arbitrary<Damaged> headerThenRandom = Arbitraries.bytes().array(byte[].class).ofMaxSize(200)
                    .map(body -> {
                        byte[] copy = Arrays.copyOf(valid, 5 + body.length);
                        System.arraycopy(body, 0, copy, 5, body.length);
                        return new Damaged(s, "header then random bytes", copy);
                    });
            Arbitrary<Damaged> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                    .map(bytes -> new Damaged(s, "random", bytes));
            return Arbitraries.frequencyOf(Tuple.of(4, flipped), Tuple.of(2, cut), Tuple.of(1, appended),
                    Tuple.of(2, headerThenRandom), Tuple.of(1, random));
        });
    }

    /** The well-formed records, serialized once through the real serdes and registry. */
    private static final java.util.function.Supplier<byte[]> SUBMISSION =
            com.google.common.base.Suppliers.memoize(PartyTopicFuzzTest::submissionBytes);
    private static final java.util.function.Supplier<byte[]> SIGHTING =
            com.google.common.base.Suppliers.memoize(PartyTopicFuzzTest::sightingBytes);

    private static byte[] submissionBytes() {
        try (HubDriver hub = HubDriver.inMemory(Map.of())) {
            IndicatorSubmission submission = HubDriver.submission("fuzzed.example.net").setTags(List.of("c2", "x"))
                    .setReferences(List.of("incident:IR-1")).setDescription("d").build();
            return hub.topics().valueSerde(TopicCatalogue.SUBMISSIONS).serializer().serialize(HubTopics.submissions(PartyId.of("az")), submission);
        }
    }

    private static byte[] sightingBytes() {
        try (HubDriver hub = HubDriver.inMemory(Map.of())) {
            Sighting sighting = HubDriver.sighting("fuzzed.example.net", SightingKind.FALSE_POSITIVE);
            return hub.topics().valueSerde(TopicCatalogue.SIGHTINGS).serializer().serialize(HubTopics.sightings(PartyId.of("az")), sighting);
        }
    }
}
