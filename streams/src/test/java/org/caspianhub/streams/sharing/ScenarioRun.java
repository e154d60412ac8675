package org.caspianhub.streams.sharing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.streams.test.TestRecord;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.consumers.alert.AlertJson;
import org.caspianhub.consumers.siem.CefFormatter;
import org.caspianhub.consumers.stix.StixMapper;
import org.caspianhub.avro.Sighting;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.testkit.TestPlatforms;
import org.caspianhub.streams.HubDriver;
import org.caspianhub.topics.HubTopics;
import org.caspianhub.topics.TopicCatalogue;

/**
 * Runs a {@link Scenario} through the hub's whole topology ({@link HubDriver}, real serdes and
 * registry) and collects what each party observes: every record on its alert and rejection
 * topics, with key, timestamp and value bytes (and the value as JSON, to read a difference).
 */
final class ScenarioRun {

    /**
     * One record a party reads, and for an alert how each way of receiving it renders it: the
     * webhook body (whose {@code Idempotency-Key} is the alert id, in the key), the STIX objects
     * TAXII serves, the CEF line.
     */
    record Observed(String topic, String key, long timestamp, String json, String bytes, String renderings) {
        @Override
        public String toString() {
            return topic + " @" + Instant.ofEpochMilli(timestamp) + " key " + key + ": " + json;
        }
    }

    private ScenarioRun() {
    }

    /** The pseudo-topic under which {@link #observe} lists the gateway's answers to a party. */
    static String answers(String party) {
        return "gateway answers to " + party;
    }

    /** What each party observed: by topic it reads, every record in order. */
    static Map<String, List<Observed>> observe(Scenario scenario) {
        Map<String, List<Observed>> observed = new TreeMap<>();
        Map<String, List<Alert>> received = new TreeMap<>();
        for (String party : scenario.parties()) {
            observed.put(HubTopics.alerts(PartyId.of(party)), new ArrayList<>());
            observed.put(HubTopics.rejected(PartyId.of(party)), new ArrayList<>());
        }
        // one application id for every run: its internal topics' subjects are registered once, not per run
        // (a campaign of 100,000 sequences would otherwise fill the registry with hundreds of thousands)
        try (HubDriver hub = HubDriver.inMemory(Map.of("CASPIAN_PARTIES", String.join(",", scenario.parties()),
                "CASPIAN_AMBER_AGREEMENTS", scenario.agreements(), "CASPIAN_STREAMS_APPLICATION_ID", "noninterference"))) {
            Instant clock = HubDriver.T0;
            for (Scenario.Step step : scenario.steps()) {
                if (step instanceof Scenario.Submit s && s.tlp() == null) {
                    hub.submitRaw(s.party(), s.id(), withAnUnknownLevel(submission(s, clock)), clock);
                } else if (step instanceof Scenario.Submit s) {
                    hub.submit(s.party(), submission(s, clock), clock);
                } else if (step instanceof Scenario.Revoke r) {
                    hub.submit(r.party(), IndicatorSubmission.newBuilder()
                            .setSubmissionId(r.id())
                            .setAction(SubmissionAction.REVOKE)
                            .setValue(r.value())
                            .setTlp(Tlp.GREEN)
                            .setChannel(SourceChannel.ANALYST)
                            .setSubmittedAt(clock)
                            .build(), clock);
                } else if (step instanceof Scenario.Sight s) {
                    hub.sight(s.party(), Sighting.newBuilder()
                            .setSightingId(s.id())
                            .setValue(s.value())
                            .setKind(s.kind())
                            .setCount(1)
                            .setObservedAt(clock)
                            .build());
                } else if (step instanceof Scenario.Wait w) {
                    hub.advanceWallClock(w.duration());
                    clock = clock.plus(w.duration());
                }
            }
            collect(hub, observed, received);
        }
        for (String party : scenario.parties()) {
            // the gateway's answers to the party, from the alert records it received (each run's own)
            String topic = HubTopics.alerts(PartyId.of(party));
            String answers = QueryAnswers.of(party, received.getOrDefault(topic, List.of()), Scenario.VALUES);
            observed.put(answers(party), List.of(new Observed(answers(party), "", 0, answers, "", "")));
        }
        return observed;
    }

    private static void collect(HubDriver hub, Map<String, List<Observed>> observed, Map<String, List<Alert>> alerts) {
        observed.forEach((topic, records) -> {
            for (TestRecord<String, byte[]> record : hub.records(topic)) {
                String renderings = "";
                Object value;
                if (topic.endsWith(".alerts")) {
                    Alert alert = hub.topics().alertSerde().deserializer().deserialize(topic, record.value());
                    alerts.computeIfAbsent(topic, t -> new ArrayList<>()).add(alert);
                    value = alert;
                    renderings = new String(AlertJson.toBytes(alert), StandardCharsets.UTF_8) + "\n"
                            + (StixMapper.representable(alert) ? StixMapper.objects(alert).toString() : "") + "\n"
                            + CefFormatter.format(alert);
                } else {
                    value = hub.topics().valueSerde(TopicCatalogue.REJECTED).deserializer().deserialize(topic, record.value());
                }
                records.add(new Observed(topic, record.key(), record.timestamp(), String.valueOf(value),
                        Base64.getEncoder().encodeToString(record.value()), renderings));
            }
        });
    }

    /** A later schema's TLP, one more level than this build knows, and its id in the registry. */
    private static final Schema NEWER = new Schema.Parser().parse(IndicatorSubmission.getClassSchema().toString()
            .replace("\"AMBER_STRICT\",\"RED\"]", "\"AMBER_STRICT\",\"RED\",\"TLP_PURPLE\"]"));
    private static int newerId = -1;

    /**
     * The submission as a party's newer client would write it, under a TLP level this build does not
     * know: Confluent wire format with the newer schema's id, so the hub reads it with its own.
     */
    static synchronized byte[] withAnUnknownLevel(IndicatorSubmission submission) {
        if (newerId < 0) {
            newerId = new HttpSchemaRegistryClient(TestPlatforms.embedded().schemaRegistryUrl())
                    .register("noninterference-newer-submission", NEWER);
        }
        GenericData.Record record = new GenericData.Record(NEWER);
        for (Schema.Field field : NEWER.getFields()) {
            record.put(field.name(), submission.get(field.name()));
        }
        record.put("tlp", new GenericData.EnumSymbol(NEWER.getField("tlp").schema(), "TLP_PURPLE"));
        SpecificData model = new SpecificData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(newerId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<Object>(NEWER, model).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static IndicatorSubmission submission(Scenario.Submit s, Instant at) {
        return IndicatorSubmission.newBuilder()
                .setSubmissionId(s.id())
                .setAction(SubmissionAction.SUBMIT)
                .setValue(s.value())
                .setTlp(s.tlp() == null ? Tlp.RED : s.tlp())
                .setConfidence(s.confidence())
                .setSeverity(s.severity())
                .setTags(new ArrayList<>(s.tags()))
                .setReferences(new ArrayList<>(s.references()))
                .setDescription(s.description())
                .setGroupRef(s.groupRef())
                .setChannel(SourceChannel.ANALYST)
                .setSubmitter(s.party() + "-analyst")
                .setSubmittedAt(at)
                .build();
    }
}
