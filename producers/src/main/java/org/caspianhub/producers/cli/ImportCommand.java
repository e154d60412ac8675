package org.caspianhub.producers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code caspian import FILE}: uploads a STIX bundle, MISP event, CSV or blocklist with a progress
 * bar on stderr, then prints the gateway's counts and the first refusals.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Import a file (STIX 2.1, MISP event, CSV, text list).")
final class ImportCommand implements Callable<Integer> {

    private static final int SHOWN_REFUSALS = 20;

    @ParentCommand
    CaspianCli parent;

    @Spec
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--format", description = "stix, misp, csv or text (detected when absent)")
    String format;

    @Option(names = "--tlp", description = "TLP of entries the file does not mark")
    String tlp;

    @Option(names = "--confidence")
    Integer confidence;

    @Option(names = "--tag", description = "a tag added to every entry (repeatable)")
    List<String> tags;

    @Option(names = "--reference", description = "a reference added to every entry (repeatable)")
    List<String> references;

    @Option(names = "--idempotency-key")
    String idempotencyKey;

    @Mixin
    ProgressOptions progress;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            err.println("caspian: cannot read " + file);
            err.flush();
            return ExitCodes.USAGE;
        }
        long size = Files.size(file);
        boolean showProgress = progress.enabled();
        ProgressBar bar = new ProgressBar(err, size, showProgress);
        try {
            GatewayClient.Answer answer = gateway.client(parent.environment()).upload("/api/v1/imports" + query(), file,
                    contentType(), idempotencyKey, bar::update);
            bar.done();
            if (gateway.json) {
                Output.json(out, answer);
            } else if (answer.status() == 200 || answer.status() == 503 && answer.body().has("submitted")) {
                summary(out, err, answer.body());
            } else {
                return Output.refusal(err, answer);
            }
            if (answer.status() != 200) {
                return ExitCodes.forStatus(answer.status());
            }
            return answer.body().path("refused").asLong() > 0 ? ExitCodes.PARTIAL : ExitCodes.OK;
        } catch (GatewayClient.Unreachable e) {
            bar.done();
            return Output.unreachable(err, e);
        }
    }

    private void summary(PrintWriter out, PrintWriter err, JsonNode report) {
        out.printf("%s: %s file, %,d submitted, %,d refused, %,d skipped%n", file.getFileName(), report.path("format").asText(),
                report.path("submitted").asLong(), report.path("refused").asLong(), report.path("skipped").asLong());
        int shown = 0;
        for (JsonNode problem : report.path("refusals")) {
            if (shown++ >= SHOWN_REFUSALS) {
                err.println("  ... (use --json for the first " + report.path("refusals").size() + ")");
                break;
            }
            List<String> reasons = new ArrayList<>();
            problem.path("reasons").forEach(r -> reasons.add(r.path("message").asText()));
            err.println("  refused " + problem.path("location").asText() + ": " + String.join("; ", reasons));
        }
        if (report.has("error")) {
            err.println("  the import stopped: " + report.path("error").asText());
        }
        out.flush();
        err.flush();
    }

    private String query() {
        List<String> params = new ArrayList<>();
        add(params, "format", format);
        add(params, "tlp", tlp);
        add(params, "confidence", confidence == null ? null : confidence.toString());
        add(params, "tags", tags == null ? null : String.join(",", tags));
        add(params, "reference", references == null ? null : String.join(",", references));
        return params.isEmpty() ? "" : "?" + String.join("&", params);
    }

    private static void add(List<String> params, String name, String value) {
        if (value != null) {
            params.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private String contentType() {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json") || "stix".equalsIgnoreCase(format) || "misp".equalsIgnoreCase(format)) {
            return "application/json";
        }
        if (name.endsWith(".csv") || "csv".equalsIgnoreCase(format)) {
            return "text/csv";
        }
        return "text/plain";
    }
}
