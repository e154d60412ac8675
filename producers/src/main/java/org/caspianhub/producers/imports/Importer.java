package org.caspianhub.producers.imports;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.producers.submit.HubWriter;
import org.caspianhub.producers.submit.Origin;
import org.caspianhub.producers.submit.SubmissionFactory;
import org.caspianhub.producers.submit.SubmissionIds;
import org.caspianhub.producers.submit.ValueCheck;
import org.caspianhub.producers.submit.WriteFailedException;
import org.caspianhub.topics.HubTopics;

/**
 * Imports one file: reads it entry by entry with the format's reader, checks each value with the
 * shared normalizer, and writes accepted submissions to the origin party's topic in chunks (one
 * Kafka transaction each). Memory holds one chunk and a bounded list of refusals, whatever the
 * file's size.
 */
public final class Importer {

    /** Refusal and skip details kept for the answer; counts are always complete. */
    public static final int MAX_DETAILS = 1_000;

    private final HubWriter writer;
    private final ValueCheck values;
    private final SubmissionFactory factory;
    private final ImportMetrics metrics;
    private final Clock clock;
    private final int chunkSize;

    public Importer(HubWriter writer, ValueCheck values, SubmissionFactory factory, ImportMetrics metrics, Clock clock,
                    int chunkSize) {
        this.writer = writer;
        this.values = values;
        this.factory = factory;
        this.metrics = metrics;
        this.clock = clock;
        this.chunkSize = chunkSize;
    }

    public ImportReader reader(ImportFormat format) {
        return switch (format) {
            case STIX -> new StixBundleReader(clock);
            case MISP -> new MispEventReader();
            case CSV -> new CsvImportReader();
            case TEXT -> new TextListReader();
            case MISP_MANIFEST -> (file, defaults, sink) -> {
                throw new ImportFormatException("a MISP feed manifest only lists events to fetch: configure its URL "
                        + "as a feed with format misp-feed, or import the event files themselves");
            };
        };
    }

    /**
     * A STIX reader that shares its marking definitions with the other files of one source (the pages
     * of a TAXII collection), so a definition from one page resolves the refs of the next.
     */
    public ImportReader stixReader(StixMarkings markings) {
        return new StixBundleReader(clock, markings);
    }

    /**
     * @param alreadySubmitted true for a submission id the hub already holds (a retried import with the
     *                         same idempotency key): such entries are counted as submitted, not written again
     */
    public ImportReport run(Path file, ImportFormat format, ImportDefaults defaults, Origin origin,
                            SubmissionIds.Source ids, Predicate<String> alreadySubmitted) throws IOException {
        return run(file, format, reader(format), defaults, origin, ids, alreadySubmitted);
    }

    /** As {@link #run(Path, ImportFormat, ImportDefaults, Origin, SubmissionIds.Source, Predicate)}, with a given reader of the format. */
    public ImportReport run(Path file, ImportFormat format, ImportReader reader, ImportDefaults defaults, Origin origin,
                            SubmissionIds.Source ids, Predicate<String> alreadySubmitted) throws IOException {
        Run run = new Run(origin, ids, alreadySubmitted);
        String error = null;
        try {
            reader.read(file, defaults, run);
            run.flush();
        } catch (ChunkFailed e) {
            error = e.getCause().getMessage();
        }
        ImportReport report = new ImportReport(format.id(), run.submitted, run.refused, run.skipped,
                List.copyOf(run.refusals), List.copyOf(run.skips), run.truncated, error);
        metrics.record(origin.party(), origin.channel(), format, report);
        return report;
    }

    /** One import in progress: the sink every reader feeds. */
    private final class Run implements Consumer<ImportEntry> {
        private final Origin origin;
        private final SubmissionIds.Source ids;
        private final Predicate<String> alreadySubmitted;
        private final String topic;
        private final List<ProducerRecord<String, SpecificRecord>> chunk = new ArrayList<>();
        private final List<ImportReport.Problem> refusals = new ArrayList<>();
        private final List<ImportReport.Skip> skips = new ArrayList<>();
        private long candidates;
        private long submitted;
        private long refused;
        private long skipped;
        private boolean truncated;

        Run(Origin origin, SubmissionIds.Source ids, Predicate<String> alreadySubmitted) {
            this.origin = origin;
            this.ids = ids;
            this.alreadySubmitted = alreadySubmitted;
            this.topic = HubTopics.submissions(origin.party());
        }

        @Override
        public void accept(ImportEntry entry) {
            if (entry instanceof ImportEntry.Candidate c) {
                candidate(c);
            } else if (entry instanceof ImportEntry.Refused r) {
                refuse(r.location(), r.reasons());
            } else if (entry instanceof ImportEntry.Skipped s) {
                skipped++;
                if (skips.size() < MAX_DETAILS) {
                    skips.add(new ImportReport.Skip(s.location(), s.reason()));
                } else {
                    truncated = true;
                }
            }
        }

        private void candidate(ImportEntry.Candidate c) {
            String id = ids.next(candidates++);
            List<FieldError> errors = values.errors(c.item().value(), c.item().type(), "");
            if (!errors.isEmpty()) {
                refuse(c.location(), errors);
                return;
            }
            if (alreadySubmitted.test(id)) {
                submitted++;
                return;
            }
            IndicatorSubmission submission = factory.submission(id, SubmissionAction.SUBMIT, c.item(), origin);
            chunk.add(new ProducerRecord<>(topic, id, submission));
            if (chunk.size() >= chunkSize) {
                flush();
            }
        }

        private void refuse(String location, List<FieldError> reasons) {
            refused++;
            if (refusals.size() < MAX_DETAILS) {
                refusals.add(new ImportReport.Problem(location, reasons));
            } else {
                truncated = true;
            }
        }

        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            try {
                writer.write(chunk);
            } catch (WriteFailedException e) {
                throw new ChunkFailed(e);
            }
            submitted += chunk.size();
            chunk.clear();
        }
    }

    /** Unwinds a reader when the broker refused a chunk. */
    private static final class ChunkFailed extends RuntimeException {
        ChunkFailed(WriteFailedException cause) {
            super(cause);
        }
    }
}
