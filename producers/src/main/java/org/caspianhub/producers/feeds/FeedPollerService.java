package org.caspianhub.producers.feeds;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.producers.imports.ImportDefaults;
import org.caspianhub.producers.imports.ImportFormat;
import org.caspianhub.producers.imports.ImportFormatException;
import org.caspianhub.producers.imports.ImportMetrics;
import org.caspianhub.producers.imports.ImportReader;
import org.caspianhub.producers.imports.ImportReport;
import org.caspianhub.producers.imports.Importer;
import org.caspianhub.producers.imports.MispManifest;
import org.caspianhub.producers.imports.StixMarkings;
import org.caspianhub.producers.submit.HubWriter;
import org.caspianhub.producers.submit.Origin;
import org.caspianhub.producers.submit.SubmissionFactory;
import org.caspianhub.producers.submit.SubmissionIds;
import org.caspianhub.producers.submit.ValueCheck;
import org.caspianhub.runtime.Health;
import org.caspianhub.runtime.HubService;
import org.caspianhub.runtime.ServiceMetrics;
import org.caspianhub.runtime.Settings;
import org.caspianhub.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the configured feeds on their schedules and imports what changed into each feed's party
 * topic (channel FEED, submitter the feed's name, its configured reliability). One feed failing
 * never stops the others; the outcome of every poll is counted in
 * {@code caspian_feed_polls_total{feed,outcome}}.
 *
 * <p>Nothing a feed holds is lost to a failed import: a download's validators (ETag,
 * Last-Modified), a TAXII cursor and a MISP event's timestamp are kept only once what they stand
 * for was imported, so the next poll reads again whatever failed.
 */
public final class FeedPollerService implements HubService {

    private static final Logger LOG = LoggerFactory.getLogger(FeedPollerService.class);
    private static final String FILE_ACCEPT = "text/plain, text/csv, application/json;q=0.9, */*;q=0.5";

    private final FeedPollerSettings settings;
    private final List<FeedConfig> feeds;
    private final PrometheusMeterRegistry metrics;
    private final Map<String, PollOutcome> lastOutcome = new ConcurrentHashMap<>();
    private final Map<String, Long> mispSeen = new ConcurrentHashMap<>();
    /** Per TAXII feed: the marking definitions its pages sent so far (a page may refer to one sent earlier). */
    private final Map<String, StixMarkings> taxiiMarkings = new ConcurrentHashMap<>();
    private HttpClient http;
    private ConditionalFetcher fetcher;
    private TaxiiCollection taxii;
    private HubWriter writer;
    private Importer importer;
    private ScheduledExecutorService scheduler;
    private volatile boolean started;

    public FeedPollerService(FeedPollerSettings settings) {
        this(settings, ServiceMetrics.create("feeds"));
    }

    public FeedPollerService(FeedPollerSettings settings, PrometheusMeterRegistry metrics) {
        this(settings, settings.feedsFile().map(f -> FeedsFile.load(f, settings.platform().parties(), System.getenv()))
                .orElse(List.of()), metrics);
    }

    /** With feeds given directly (tests, the launcher). */
    public FeedPollerService(FeedPollerSettings settings, List<FeedConfig> feeds, PrometheusMeterRegistry metrics) {
        this.settings = settings;
        this.feeds = List.copyOf(feeds);
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return "feeds";
    }

    /** Connects to Kafka and the registry; polls only when {@link #start()} schedules them or {@link #pollNow} is called. */
    public synchronized void connect() {
        if (writer != null) {
            return;
        }
        http = HttpClient.newBuilder().connectTimeout(settings.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build(); // BoundedDownload follows same-origin redirects only
        fetcher = new ConditionalFetcher(http, settings.httpTimeout(), settings.maxBytes());
        taxii = new TaxiiCollection(http, settings.httpTimeout(), settings.maxBytes());
        Topics topics = new Topics(settings.platform().schemaRegistry(), settings.platform().autoRegisterSchemas());
        writer = new HubWriter(settings.platform(), topics, "caspian-feeds", 1, settings.sendTimeout());
        Clock clock = Clock.systemUTC();
        importer = new Importer(writer, new ValueCheck(new IndicatorNormalizer()), new SubmissionFactory(clock),
                new ImportMetrics(metrics), clock, settings.importChunk());
    }

    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        connect();
        scheduler = Executors.newScheduledThreadPool(Math.max(1, Math.min(4, feeds.size())), r -> {
            Thread t = new Thread(r, "feed-poller");
            t.setDaemon(true);
            return t;
        });
        for (FeedConfig feed : feeds) {
            scheduler.scheduleWithFixedDelay(() -> pollNow(feed), settings.initialDelay().toMillis(),
                    feed.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
        started = true;
        LOG.info("feeds: polling {} feed(s){}", feeds.size(), feeds.isEmpty() ? " (set CASPIAN_FEEDS_FILE to add some)" : "");
    }

    public List<FeedConfig> feeds() {
        return feeds;
    }

    /** Polls one feed now and imports what changed; never throws (an error is an outcome). */
    public PollOutcome pollNow(FeedConfig feed) {
        PollOutcome outcome;
        try {
            outcome = switch (feed.format()) {
                case TAXII -> pollTaxii(feed);
                case MISP_FEED -> pollMispFeed(feed);
                default -> pollFile(feed);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = error(feed, "interrupted");
        } catch (Exception e) {
            outcome = error(feed, FeedUrls.scrub(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    feed.url()));
        }
        if (outcome.outcome().equals(PollOutcome.ERROR)) {
            LOG.warn("feed {}: poll failed: {}", feed.name(), outcome.error());
        }
        lastOutcome.put(feed.name(), outcome);
        Counter.builder("caspian.feed.polls").description("Feed polls by outcome (changed, not_modified, error)")
                .tags("feed", feed.name(), "party", feed.party().value(), "outcome", outcome.outcome())
                .register(metrics).increment();
        return outcome;
    }

    /** One file: imported when it changed; its validators kept only once the import succeeded. */
    private PollOutcome pollFile(FeedConfig feed) throws IOException, InterruptedException {
        ConditionalFetcher.Fetched fetched = fetcher.fetch(feed.url(), feed, FILE_ACCEPT);
        if (!(fetched instanceof ConditionalFetcher.Changed changed)) {
            return notModified(feed);
        }
        boolean imported = false;
        try {
            Totals totals = new Totals();
            ImportFormat format = feed.format().fileFormat();
            totals.add(importFile(feed, changed.body(), format, importer.reader(format)));
            if (totals.error != null) {
                return totals.failed(feed);
            }
            fetcher.remember(changed);
            imported = true;
            return totals.outcome(feed, PollOutcome.CHANGED);
        } finally {
            Files.deleteIfExists(changed.body());
            if (!imported) {
                fetcher.forget(feed.url()); // read it whole again next time
            }
        }
    }

    /**
     * A TAXII collection, page by page from the last imported one; pages share the feed's marking
     * definitions. A page whose import failed ends the poll, and the next poll asks for it again.
     */
    private PollOutcome pollTaxii(FeedConfig feed) throws IOException, InterruptedException {
        Totals totals = new Totals();
        StixMarkings markings = taxiiMarkings.computeIfAbsent(feed.name(), name -> new StixMarkings());
        int pages = taxii.poll(feed.url(), feed, page -> {
            ImportReport report = importFile(feed, page, ImportFormat.STIX, importer.stixReader(markings));
            totals.add(report);
            return !report.failed();
        });
        if (totals.error != null) {
            return totals.failed(feed);
        }
        return totals.outcome(feed, pages == 0 ? PollOutcome.NOT_MODIFIED : PollOutcome.CHANGED);
    }

    /**
     * A MISP feed: its manifest (conditionally), then each event newer than the last one imported. An
     * event's timestamp and validators, and the manifest's validators, are kept only once imported: after
     * a failure the next poll reads the manifest whole and fetches the failed event again.
     *
     * <p>An event that is missing (a 404), over the size limit or malformed is that event's problem:
     * it is named in the outcome's error and the poll goes on with the others, so one bad event
     * never holds back the rest of the feed. A failure of the server (no connection, a timeout,
     * 401, 403, 407, 408, 429, 5xx) or a write the broker refuses stops the poll, since every
     * later event would fail the same way.
     */
    private PollOutcome pollMispFeed(FeedConfig feed) throws IOException, InterruptedException {
        URI base = feed.url().getPath().endsWith("/") ? feed.url() : URI.create(feed.url() + "/");
        URI manifestUrl = base.resolve("manifest.json");
        ConditionalFetcher.Fetched fetched = fetcher.fetch(manifestUrl, feed, "application/json");
        if (!(fetched instanceof ConditionalFetcher.Changed manifest)) {
            return notModified(feed);
        }
        Totals totals = new Totals();
        List<String> eventsNotImported = new ArrayList<>();
        int changedEvents = 0;
        boolean complete = false;
        try {
            for (MispManifest.Event event : MispManifest.read(manifest.body())) {
                String key = feed.name() + "/" + event.uuid();
                Long seen = mispSeen.get(key);
                if (seen != null && seen >= event.timestamp()) {
                    continue;
                }
                URI eventUrl = base.resolve(event.uuid() + ".json");
                changedEvents++;
                try {
                    ConditionalFetcher.Fetched eventFile = fetcher.fetch(eventUrl, feed, "application/json");
                    // a 304 means the server's copy is the one imported before: validators are only kept after an import
                    if (eventFile instanceof ConditionalFetcher.Changed changed && !importEvent(feed, changed, totals)) {
                        return totals.failed(feed);
                    }
                } catch (IOException | ImportFormatException e) {
                    String problem = "event " + event.uuid() + ": " + FeedUrls.scrub(String.valueOf(e.getMessage()), feed.url());
                    if (!eventsOwnProblem(e)) {
                        // the server (down, refusing our key, rate-limiting): asking for the other events would fail alike
                        totals.error = "stopped at " + problem + (eventsNotImported.isEmpty() ? ""
                                : "; before it, " + eventsNotImported(eventsNotImported, changedEvents - 1));
                        return totals.failed(feed);
                    }
                    eventsNotImported.add(problem);
                    continue;
                }
                mispSeen.put(key, event.timestamp());
            }
            if (eventsNotImported.isEmpty()) {
                fetcher.remember(manifest);
                complete = true;
            }
        } finally {
            Files.deleteIfExists(manifest.body());
            if (!complete) {
                fetcher.forget(manifestUrl);
            }
        }
        if (!eventsNotImported.isEmpty()) {
            totals.error = eventsNotImported(eventsNotImported, changedEvents);
            return totals.failed(feed);
        }
        return totals.outcome(feed, totals.submitted + totals.refused + totals.skipped == 0
                ? PollOutcome.NOT_MODIFIED : PollOutcome.CHANGED);
    }

    /** 4xx answers about the request rather than the file: our key, the proxy, our pace. */
    private static final Set<Integer> ABOUT_US = Set.of(401, 403, 407, 408, 429);

    /**
     * A problem of one event file, which the feed's other events do not share: it is missing
     * (a 4xx other than those about us: 401, 403, 407, 408, 429), too large, or not a MISP event.
     */
    private static boolean eventsOwnProblem(Exception e) {
        if (e instanceof ConditionalFetcher.Refused refused) {
            int status = refused.status();
            return status >= 400 && status < 500 && !ABOUT_US.contains(status);
        }
        return e instanceof ImportFormatException || e instanceof BoundedDownload.TooLarge;
    }

    /** The error naming the events not imported: the first few with their reasons, then how many more. */
    private static String eventsNotImported(List<String> reasons, int changedEvents) {
        int shown = Math.min(reasons.size(), 5);
        return reasons.size() + " of " + changedEvents + " changed event(s) not imported: "
                + String.join("; ", reasons.subList(0, shown))
                + (reasons.size() > shown ? "; and " + (reasons.size() - shown) + " more" : "");
    }

    /** Imports one MISP event of a feed; true when it was imported (its validators are then kept). */
    private boolean importEvent(FeedConfig feed, ConditionalFetcher.Changed event, Totals totals) throws IOException {
        boolean imported = false;
        try {
            ImportReport report = importFile(feed, event.body(), ImportFormat.MISP, importer.reader(ImportFormat.MISP));
            totals.add(report);
            if (!report.failed()) {
                fetcher.remember(event);
                imported = true;
            }
            return imported;
        } finally {
            Files.deleteIfExists(event.body());
            if (!imported) {
                fetcher.forget(event.url());
            }
        }
    }

    private ImportReport importFile(FeedConfig feed, Path file, ImportFormat format, ImportReader reader)
            throws IOException {
        Origin origin = new Origin(feed.party(), feed.name(), SourceChannel.FEED, feed.reliability());
        ImportDefaults defaults = new ImportDefaults(feed.tlp(), feed.confidence(), feed.tags(), List.of());
        ImportReport report = importer.run(file, format, reader, defaults, origin, SubmissionIds.forRequest(feed.party(),
                feed.name(), null, "feed", null), id -> false);
        if (report.refused() > 0) {
            LOG.info("feed {}: {} submitted, {} refused (first: {})", feed.name(), report.submitted(), report.refused(),
                    report.refusals().isEmpty() ? "-" : report.refusals().get(0));
        }
        return report;
    }

    private static PollOutcome error(FeedConfig feed, String message) {
        return new PollOutcome(feed.name(), PollOutcome.ERROR, 0, 0, 0, message, Instant.now());
    }

    private static PollOutcome notModified(FeedConfig feed) {
        return new PollOutcome(feed.name(), PollOutcome.NOT_MODIFIED, 0, 0, 0, null, Instant.now());
    }

    /** Counts over the files of one poll. */
    private static final class Totals {
        long submitted;
        long refused;
        long skipped;
        String error;

        void add(ImportReport report) {
            submitted += report.submitted();
            refused += report.refused();
            skipped += report.skipped();
            if (report.failed()) {
                error = report.error();
            }
        }

        PollOutcome outcome(FeedConfig feed, String outcome) {
            return new PollOutcome(feed.name(), outcome, submitted, refused, skipped, null, Instant.now());
        }

        /** An error outcome that still counts what was written before the failure. */
        PollOutcome failed(FeedConfig feed) {
            return new PollOutcome(feed.name(), PollOutcome.ERROR, submitted, refused, skipped, error, Instant.now());
        }
    }

    public Map<String, PollOutcome> lastOutcomes() {
        return Map.copyOf(lastOutcome);
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("feeds", feeds.size());
        lastOutcome.forEach((name, o) -> details.put("feed." + name, o.outcome() + " at " + o.at()));
        return started ? Health.up(details) : Health.down(details);
    }

    @Override
    public List<String> endpoints() {
        List<String> lines = new ArrayList<>();
        lines.add("feeds            " + (feeds.isEmpty() ? "none configured (CASPIAN_FEEDS_FILE)" : feeds.size() + " polled"));
        for (FeedConfig feed : feeds) {
            lines.add("  feed           " + feed.name() + " (" + feed.format().id() + ") " + FeedUrls.redacted(feed.url()) + " for "
                    + feed.party() + " every " + feed.interval());
        }
        return lines;
    }

    @Override
    public synchronized void close() {
        started = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }

    public static void main(String[] args) throws Exception {
        FeedPollerService poller = new FeedPollerService(FeedPollerSettings.from(Settings.fromEnvironment()));
        Runtime.getRuntime().addShutdownHook(new Thread(poller::close, "feeds-shutdown"));
        poller.start();
        poller.endpoints().forEach(System.out::println);
        Thread.currentThread().join();
    }

}
