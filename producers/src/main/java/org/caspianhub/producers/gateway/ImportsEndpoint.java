package org.caspianhub.producers.gateway;

import com.google.common.hash.Hashing;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.Tlp;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.producers.imports.FormatDetector;
import org.caspianhub.producers.imports.ImportDefaults;
import org.caspianhub.producers.imports.ImportFormat;
import org.caspianhub.producers.imports.ImportFormatException;
import org.caspianhub.producers.imports.ImportReport;
import org.caspianhub.producers.imports.Importer;
import org.caspianhub.producers.status.SubmissionStatusTable;
import org.caspianhub.producers.submit.ItemRules;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.producers.submit.Origin;
import org.caspianhub.producers.submit.SubmissionIds;
import org.caspianhub.runtime.auth.Principal;
import org.caspianhub.runtime.auth.Role;

/**
 * {@code POST /api/v1/imports}: a file in any supported format (named by {@code ?format=} or
 * detected), streamed to a temporary file (never held in memory), imported entry by entry, and
 * answered with counts and the first refusals with their reasons. Query parameters give what the
 * file does not say: {@code tlp}, {@code confidence}, {@code tags}, {@code reference}.
 */
final class ImportsEndpoint {

    static final Set<String> MEDIA_TYPES = Set.of("application/json", "application/stix+json", "text/csv",
            "text/plain", "application/octet-stream");

    private final GatewaySettings settings;
    private final Importer importer;
    private final Idempotency idempotency;
    private final SubmissionStatusTable statusTable;

    ImportsEndpoint(GatewaySettings settings, Importer importer, Idempotency idempotency, SubmissionStatusTable statusTable) {
        this.settings = settings;
        this.importer = importer;
        this.idempotency = idempotency;
        this.statusTable = statusTable;
    }

    void post(Context ctx) throws IOException {
        Principal principal = Authentication.require(ctx, Role.ANALYST, Role.FEED);
        RequestBodies.requireContentType(ctx, MEDIA_TYPES);
        Options options = options(ctx);
        String key = Idempotency.key(ctx);
        Path upload = Files.createTempFile("caspian-import-", ".upload");
        try {
            String sha256;
            try (OutputStream out = Files.newOutputStream(upload)) {
                sha256 = RequestBodies.copy(ctx, out, settings.maxImportBytes());
            }
            if (Files.size(upload) == 0) {
                throw ApiException.of(400, "empty_body", "body", "the import has no content");
            }
            // the file and the options it is imported with: what makes a retry the same import
            String fingerprint = Hashing.sha256().hashString(sha256 + "|" + ctx.queryString(), StandardCharsets.UTF_8)
                    .toString();
            Idempotency.Answer answer = idempotency.once(ctx, principal, "imports", key, () -> fingerprint,
                    () -> run(ctx, principal, upload, options, key, fingerprint));
            ctx.status(answer.status()).json(answer.body());
        } finally {
            Files.deleteIfExists(upload);
        }
    }

    /** @param fingerprint the SHA-256 of the file and the query: a different file under the same key gets other ids */
    private Idempotency.Answer run(Context ctx, Principal principal, Path upload, Options options, String key,
                                   String fingerprint) {
        try {
            ImportFormat format = options.format() != null ? options.format()
                    : FormatDetector.detect(upload, RequestBodies.mediaType(ctx));
            Origin origin = new Origin(principal.party(), principal.name(), SourceChannel.IMPORT, null);
            SubmissionIds.Source ids = SubmissionIds.forRequest(principal.party(), principal.name(), key, "imports",
                    fingerprint);
            ImportReport report = importer.run(upload, format, options.defaults(), origin, ids, key == null ? id -> false
                    : id -> statusTable.find(principal.party(), id) instanceof SubmissionStatusTable.Found);
            return new Idempotency.Answer(report.failed() ? 503 : 200, report);
        } catch (ImportFormatException e) {
            throw ApiException.of(400, "unreadable_file", "body", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The query parameters, every bad one reported at once. */
    private record Options(ImportFormat format, ImportDefaults defaults) {
    }

    private Options options(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        ImportFormat format = null;
        String formatName = ctx.queryParam("format");
        if (formatName != null && !formatName.isBlank() && !formatName.equalsIgnoreCase("auto")) {
            format = ImportFormat.parse(formatName).orElse(null);
            if (format == null) {
                errors.add(new FieldError("format", "invalid_format", "format must be one of " + ImportFormat.names()
                        + " or auto, got '" + formatName + "'"));
            }
        }
        Tlp tlp = settings.defaultTlp();
        String tlpName = ctx.queryParam("tlp");
        if (tlpName != null) {
            // only an absent tlp takes the default: ?tlp= is a mistake, not a request for AMBER
            tlp = Labels.tlp(tlpName).orElse(null);
            if (tlp == null) {
                errors.add(new FieldError("tlp", "invalid_tlp", "tlp must be one of " + ItemRules.TLP_NAMES + ", got '" + tlpName + "'"));
            }
        }
        Integer confidence = null;
        String confidenceText = ctx.queryParam("confidence");
        if (confidenceText != null && !confidenceText.isBlank()) {
            try {
                confidence = Integer.parseInt(confidenceText.trim());
                if (confidence < 0 || confidence > 100) {
                    errors.add(new FieldError("confidence", "out_of_range", "confidence must be from 0 to 100, got " + confidence));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("confidence", "not_an_integer", "confidence must be a whole number from 0 to 100"));
            }
        }
        List<String> tags = split(ctx.queryParams("tags"));
        List<String> references = split(ctx.queryParams("reference"));
        if (tags.size() > ItemRules.MAX_TAGS || tags.stream().anyMatch(t -> t.length() > ItemRules.MAX_TAG)) {
            errors.add(new FieldError("tags", "too_many", "at most " + ItemRules.MAX_TAGS + " tags of at most "
                    + ItemRules.MAX_TAG + " characters"));
        }
        if (references.size() > ItemRules.MAX_REFERENCES || references.stream().anyMatch(t -> t.length() > ItemRules.MAX_REFERENCE)) {
            errors.add(new FieldError("reference", "too_many", "at most " + ItemRules.MAX_REFERENCES
                    + " references of at most " + ItemRules.MAX_REFERENCE + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new Options(format, new ImportDefaults(tlp, confidence, tags, references));
    }

    private static List<String> split(List<String> values) {
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .distinct().toList();
    }
}
