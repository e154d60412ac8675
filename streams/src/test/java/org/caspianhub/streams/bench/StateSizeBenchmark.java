package org.caspianhub.streams.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.streams.IndicatorEvent;
import org.caspianhub.avro.streams.IndicatorState;
import org.caspianhub.indicators.normalize.Normalized;
import org.caspianhub.registry.client.CachingSchemaRegistry;
import org.caspianhub.registry.client.HttpSchemaRegistryClient;
import org.caspianhub.runtime.Settings;
import org.caspianhub.streams.StreamsService;
import org.caspianhub.streams.StreamsSettings;
import org.caspianhub.streams.intake.Intake;
import org.caspianhub.streams.merge.IndicatorMerger;
import org.caspianhub.streams.merge.MergeResult;
import org.caspianhub.streams.route.AlertRouter;
import org.caspianhub.streams.score.ScoreModel;
import org.caspianhub.streams.sharing.RecipientViews;
import org.caspianhub.streams.sharing.TlpPolicy;
import org.caspianhub.streams.topology.InternalSerdes;
import org.caspianhub.testkit.TestPlatforms;

/**
 * Bytes of merge state per indicator: the benchmark's submission mix (two parties with an AMBER
 * agreement, mostly GREEN and AMBER, some RED, resubmissions and cross-party overlaps) folded by
 * the merge and routing stages' own code until {@code --indicators} distinct indicators are held,
 * each state serialized as the indicators store and its changelog hold it (Confluent wire format,
 * before RocksDB's compression). Prints the average and the share of recipients whose own fold
 * differs from the hub's (a copy) rather than mirroring it (a flag).
 *
 * <pre>./bench.sh state [--indicators N]</pre>
 */
public final class StateSizeBenchmark {

    private StateSizeBenchmark() {
    }

    public static void main(String[] args) {
        int indicators = 1_000_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--indicators" -> indicators = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("./bench.sh state [--indicators N]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        String registryUrl = TestPlatforms.embedded().schemaRegistryUrl();
        StreamsSettings settings = StreamsSettings.from(Settings.of(Map.of("CASPIAN_SCHEMA_REGISTRY_URL", registryUrl,
                "CASPIAN_PARTIES", "ir,az", "CASPIAN_AMBER_AGREEMENTS", "ir:az")));
        InternalSerdes serdes = InternalSerdes.using(new CachingSchemaRegistry(new HttpSchemaRegistryClient(registryUrl)));
        TlpPolicy policy = new TlpPolicy(settings.platform().parties());
        ScoreModel scores = new ScoreModel(settings.lifetimes());
        RecipientViews views = new RecipientViews(policy, scores, settings.lifetimes(), settings.sightingsTlp());
        IndicatorMerger merger = new IndicatorMerger(settings.lifetimes(), scores, views.folds());
        AlertRouter router = new AlertRouter(views);
        Intake intake = StreamsService.defaultIntake();
        String changelog = settings.applicationId() + "-indicators-changelog";

        Map<String, byte[]> store = new HashMap<>(indicators * 2);
        SubmissionMix mix = new SubmissionMix(42, "s", "ir", "az");
        Instant clock = Instant.parse("2026-11-20T10:00:00Z");
        long keyBytes = 0;
        long submissions = 0;
        while (store.size() < indicators) {
            clock = clock.plus(Duration.ofMillis(1));
            SubmissionMix.Item item = mix.next(clock);
            submissions++;
            Normalized normalized = intake.normalize(item.submission().getValue(), item.submission().getType());
            if (!(normalized instanceof Normalized.Valid valid)) {
                continue;
            }
            IndicatorEvent event = Intake.event(item.party(), valid, SOURCE);
            event.setWarninglists(item.submission().getAction() == SubmissionAction.SUBMIT ? intake.warninglists(valid)
                    : List.of());
            event.setConfidence(Optional.ofNullable(item.submission().getConfidence()).orElse(50));
            event.setSourceReliability(70);
            event.setSubmission(item.submission());
            byte[] before = store.get(valid.key());
            IndicatorState current = before == null ? null : serdes.states().deserializer().deserialize(changelog, before);
            MergeResult result = merger.apply(current, event, clock.toEpochMilli());
            if (result.state() == null) {
                continue;
            }
            AlertRouter.Routed routed = router.route(result.state(), result.touched(), result.material(),
                    clock.toEpochMilli(), clock);
            result.state().setNextExpiryCheck(routed.nextExpiry());
            if (before == null) {
                keyBytes += event.getStoreKey().remaining() + 8; // the store key, and the value's expiry prefix
            }
            store.put(valid.key(), serdes.states().serializer().serialize(changelog, result.state()));
        }
        long valueBytes = 0;
        long recipients = 0;
        long copies = 0;
        for (byte[] value : store.values()) {
            valueBytes += value.length;
            IndicatorState state = serdes.states().deserializer().deserialize(changelog, value);
            for (var own : state.getRecipients().values()) {
                recipients++;
                copies += own.getMirrorsHub() ? 0 : 1;
            }
        }
        System.out.printf("merge state: %,d submissions folded into %,d indicators%n", submissions, store.size());
        System.out.printf("bytes per indicator: %.1f (value %.1f + key and expiry prefix %.1f)%n",
                (double) (valueBytes + keyBytes) / store.size(), (double) valueBytes / store.size(),
                (double) keyBytes / store.size());
        System.out.printf("recipient folds: %,d, of which %,d (%.1f%%) keep a copy of their own%n", recipients, copies,
                100.0 * copies / Math.max(1, recipients));
        System.exit(0);
    }

    private static final RecordMetadata SOURCE = new RecordMetadata() {
        @Override
        public String topic() {
            return "cti.ir.submissions";
        }

        @Override
        public int partition() {
            return 0;
        }

        @Override
        public long offset() {
            return 0;
        }
    };
}
