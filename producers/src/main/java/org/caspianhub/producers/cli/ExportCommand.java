package org.caspianhub.producers.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code caspian export FORMAT [filters] -o FILE}: streams {@code GET /api/v1/exports/{format}} to a
 * file, with a progress line on stderr (bytes and records) when stderr is a terminal or with
 * {@code --progress}. The file appears only once the whole export arrived (it is written beside it
 * and renamed), so a firewall never reads half a list. {@code --etag-file} makes polling cheap: an
 * unchanged export is answered 304 and the file is left as it is.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export indicators (text, csv, stix, suricata, zeek, misp) as your party may see them.")
final class ExportCommand implements Callable<Integer> {

    static final Set<String> FORMATS = Set.of("text", "csv", "stix", "suricata", "zeek", "misp");

    @ParentCommand
    CaspianCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway;

    @Mixin
    IndicatorFilters filters;

    @Parameters(paramLabel = "FORMAT", description = "text, csv, stix, suricata, zeek or misp")
    String format;

    @Option(names = {"-o", "--output"}, description = "the file to write ('-' or absent: standard output); for misp, a directory")
    String output;

    @Option(names = "--etag-file", description = "keeps the export's ETag; an unchanged export is not downloaded again")
    Path etagFile;

    @Mixin
    ProgressOptions progress;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String chosen = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(chosen)) {
            err.println("caspian: FORMAT must be one of text, csv, stix, suricata, zeek, misp; got '" + format + "'");
            err.flush();
            return ExitCodes.USAGE;
        }
        boolean toStdout = output == null || output.equals("-");
        if (chosen.equals("misp")) {
            if (toStdout) {
                err.println("caspian: a MISP feed is a manifest and one file per event: name a directory with -o DIR");
                err.flush();
                return ExitCodes.USAGE;
            }
            return new MispFeedDownload(gateway.client(parent.environment()), filters.query(), Path.of(output), err,
                    progress.enabled()).run();
        }
        Path target = toStdout ? null : Path.of(output);
        Path partial = toStdout ? null : target.resolveSibling(target.getFileName() + ".part");
        String previousEtag = etagFile != null && Files.isReadable(etagFile) ? Files.readString(etagFile).trim() : null;
        boolean showProgress = progress.enabled();
        TransferProgress bar = new TransferProgress(err, showProgress, countsRecords(chosen));
        GatewayClient.Download download;
        try (OutputStream sink = toStdout ? new NonClosing(System.out) : Files.newOutputStream(partial)) {
            download = gateway.client(parent.environment()).download("/api/v1/exports/" + chosen + filters.query(),
                    previousEtag, sink, bar::update);
        } catch (GatewayClient.Unreachable e) {
            bar.done();
            deleteQuietly(partial);
            return Output.unreachable(err, e);
        }
        bar.done();
        if (download.status() == 304) {
            deleteQuietly(partial);
            err.println("unchanged since the last export (ETag " + previousEtag + "): " + (toStdout ? "nothing written" : target + " kept"));
            err.flush();
            return ExitCodes.OK;
        }
        if (download.status() != 200) {
            deleteQuietly(partial);
            return Output.refusal(err, download.error());
        }
        if (!toStdout) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            err.printf("%s: %s written (%s)%n", target, TransferProgress.bytes(bar.bytes()),
                    bar.countsRecords() ? String.format(Locale.ROOT, "%,d records", bar.records()) : chosen);
            err.flush();
        }
        if (etagFile != null && download.etag() != null) {
            Files.writeString(etagFile, download.etag() + "\n");
        }
        return ExitCodes.OK;
    }

    /** Line-per-record formats: the progress line counts records as well as bytes. */
    private static boolean countsRecords(String format) {
        return !format.equals("stix") && !format.equals("misp");
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover .part file is harmless
            }
        }
    }

    /** Standard output stays open after the export. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
