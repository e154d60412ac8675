package org.caspianhub.producers.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.IndicatorNormalizer;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.imports.FormatDetector;
import org.caspianhub.producers.imports.ImportDefaults;
import org.caspianhub.producers.imports.ImportEntry;
import org.caspianhub.producers.imports.ImportFormat;
import org.caspianhub.producers.imports.ImportFormatException;
import org.caspianhub.producers.imports.Importer;
import org.caspianhub.producers.imports.MispManifest;
import org.caspianhub.producers.submit.Origin;
import org.caspianhub.producers.submit.SubmissionFactory;
import org.caspianhub.producers.submit.ValueCheck;

/**
 * Fuzzes the four importers (STIX, MISP, CSV, text), format detection and the MISP feed manifest
 * with what a party or a feed server could upload: each file is either read (every entry then
 * goes through the value check and becomes a submission record, as the importer does) or refused
 * with {@link ImportFormatException}, which the gateway answers with a 400. Any other exception
 * would be a 500 at the gateway or a feed poll failing for the wrong reason. The examples below the
 * properties are the inputs that did crash an importer, kept as regressions.
 *
 * <p>CI runs {@code jqwik.tries.default} cases per property (junit-platform.properties); a long
 * campaign: {@code mvn -B -pl producers -am verify -Dtest='*FuzzTest' -Dsurefire.failIfNoSpecifiedTests=false
 * -Djqwik.tries.default=200000}.
 */
class ImportersFuzzTest {

    private static final Clock CLOCK = Clock.systemUTC();
    private static final ValueCheck VALUES = new ValueCheck(new IndicatorNormalizer());
    private static final SubmissionFactory FACTORY = new SubmissionFactory(CLOCK);
    private static final Importer IMPORTER = new Importer(null, VALUES, FACTORY, null, CLOCK, 500);
    private static final Origin ORIGIN = new Origin(PartyId.of("ir"), "fuzz", SourceChannel.IMPORT, null);
    private static final ImportDefaults DEFAULTS = new ImportDefaults(Tlp.AMBER, null, List.of("fuzz"), List.of());

    /** Reads {@code bytes} as {@code format}, or as detected when null; fails on anything but a clean refusal. */
    static void importOrRefuse(byte[] bytes, ImportFormat format, String mediaType) throws IOException {
        Path file = Files.createTempFile("fuzz-import-", ".bin");
        try {
            Files.write(file, bytes);
            ImportFormat actual = format != null ? format : FormatDetector.detect(file, mediaType);
            int[] n = {0};
            IMPORTER.reader(actual).read(file, DEFAULTS, entry -> {
                if (entry instanceof ImportEntry.Candidate candidate) {
                    if (VALUES.errors(candidate.item().value(), candidate.item().type(), "").isEmpty()) {
                        assertThat(FACTORY.submission("fuzz-" + n[0]++, SubmissionAction.SUBMIT, candidate.item(), ORIGIN)).isNotNull();
                    }
                }
            });
        } catch (ImportFormatException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Provide
    Arbitrary<byte[]> stixFiles() {
        return Hostile.mutated(Arbitraries.oneOf(Documents.stix(), Hostile.jsonObject()));
    }

    @Provide
    Arbitrary<byte[]> mispFiles() {
        return Hostile.mutated(Arbitraries.oneOf(Documents.misp(), Hostile.jsonObject()));
    }

    @Provide
    Arbitrary<byte[]> csvFiles() {
        return Hostile.mutated(Documents.csv());
    }

    @Provide
    Arbitrary<byte[]> textFiles() {
        return Hostile.mutated(Documents.text());
    }

    @Provide
    Arbitrary<byte[]> anyFiles() {
        return Hostile.mutated(Arbitraries.oneOf(Documents.stix(), Documents.misp(), Documents.csv(), Documents.text(),
                Hostile.json(4)));
    }

    @Provide
    Arbitrary<String> mediaTypes() {
        return Arbitraries.of("application/json", "application/stix+json", "text/csv", "text/plain", "application/octet-stream");
    }

    @Property
    void aStixFileIsImportedOrRefusedNeverCrashes(@ForAll("stixFiles") byte[] file) throws IOException {
        importOrRefuse(file, ImportFormat.STIX, null);
    }

    @Property
    void aMispEventIsImportedOrRefusedNeverCrashes(@ForAll("mispFiles") byte[] file) throws IOException {
        importOrRefuse(file, ImportFormat.MISP, null);
    }

    @Property
    void aCsvFileIsImportedOrRefusedNeverCrashes(@ForAll("csvFiles") byte[] file) throws IOException {
        importOrRefuse(file, ImportFormat.CSV, null);
    }

    @Property
    void aTextListIsImportedOrRefusedNeverCrashes(@ForAll("textFiles") byte[] file) throws IOException {
        importOrRefuse(file, ImportFormat.TEXT, null);
    }

    @Property
    void anyFileIsDetectedAndImportedOrRefusedNeverCrashes(@ForAll("anyFiles") byte[] file, @ForAll("mediaTypes") String type)
            throws IOException {
        importOrRefuse(file, null, type);
    }

    @Property
    void aMispFeedManifestIsReadOrRefusedNeverCrashes(@ForAll("mispFiles") byte[] file) throws IOException {
        Path path = Files.createTempFile("fuzz-manifest-", ".json");
        try {
            Files.write(path, file);
            MispManifest.read(path);
        } catch (ImportFormatException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        } finally {
            Files.deleteIfExists(path);
        }
    }

    // Regressions: inputs that crashed an importer (issue 10), each refused cleanly now.

    @Example
    void aNestingBombInsideStixObjectsWasANullPointerException() throws IOException {
        importOrRefuse(("{\"type\":\"bundle\",\"objects\":[" + "[".repeat(1_001) + "]".repeat(1_001) + "]}")
                .getBytes(StandardCharsets.US_ASCII), ImportFormat.STIX, null);
    }

    @Example
    void aNestingBombInsideMispAttributesWasANullPointerException() throws IOException {
        importOrRefuse(("{\"Event\":{\"Attribute\":[" + "{\"a\":".repeat(1_001) + "1" + "}".repeat(1_001) + "]}}")
                .getBytes(StandardCharsets.US_ASCII), ImportFormat.MISP, null);
    }

    @Example
    void aNestingBombInADetectedFileWasANullPointerException() throws IOException {
        importOrRefuse(("{\"x\":" + "[".repeat(1_001) + "]".repeat(1_001) + "}").getBytes(StandardCharsets.US_ASCII), null,
                "application/json");
    }

    @Example
    void anOverlongDotInAStixPatternWasDecodedAsADot() throws IOException {
        byte[] file = Hostile.splice(("{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\","
                + "\"pattern_type\":\"stix\",\"pattern\":\"[domain-name:value = 'ovlexample.net']\"}]}").getBytes(StandardCharsets.US_ASCII),
                87, 0, new byte[] {(byte) 0xc0, (byte) 0xae});
        try {
            IMPORTER.reader(ImportFormat.STIX).read(write(file), DEFAULTS, entry -> {
                throw new AssertionError("an entry was read from a file that is not UTF-8: " + entry);
            });
            throw new AssertionError("the file was not refused");
        } catch (ImportFormatException refused) {
            assertThat(refused.getMessage()).contains("not valid UTF-8 at byte");
        }
    }

    // Regressions found by this fuzz test, each a 500 at the gateway (or a failed feed poll) before its fix.

    @Example
    void aStixFileWhoseTypeIsNotAStringWasANullPointerException() throws IOException {
        importOrRefuse("{\"type\":[]}".getBytes(StandardCharsets.US_ASCII), ImportFormat.STIX, null);
        importOrRefuse("{\"type\":\"bundle\",\"objects\":[{\"type\":{}}]}".getBytes(StandardCharsets.US_ASCII), ImportFormat.STIX, null);
    }

    @Example
    void anEmptyCsvFileWasAnUncaughtCsvReadException() throws IOException {
        importOrRefuse(new byte[0], ImportFormat.CSV, null);
        importOrRefuse("\n\n".getBytes(StandardCharsets.US_ASCII), ImportFormat.CSV, null);
        importOrRefuse(new byte[0], null, "text/csv");
    }

    @Example
    void aLongInternationalizedLineWasAnUncaughtIcuException() throws IOException {
        String line = "\u0a18\u0938\u09ec\u5aa1\u526c\u83ba\u3cdc".repeat(3) + "[".repeat(1_200);
        importOrRefuse(("# comment\n" + line + "\n").getBytes(StandardCharsets.UTF_8), ImportFormat.TEXT, null);
        assertThat(VALUES.errors(line, null, "")).isNotEmpty();
        assertThat(VALUES.errors("\u5aa1".repeat(1_300) + ".example", org.caspianhub.avro.IndicatorType.DOMAIN, "")).isNotEmpty();
    }

    private static Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzz-example-", ".json");
        file.toFile().deleteOnExit();
        Files.write(file, bytes);
        return file;
    }
}
