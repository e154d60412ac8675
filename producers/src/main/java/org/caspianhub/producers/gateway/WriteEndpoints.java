package org.caspianhub.producers.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.SourceChannel;
import org.caspianhub.avro.SubmissionAction;
import org.caspianhub.indicators.normalize.FieldError;
import org.caspianhub.producers.sightings.SightingReader;
import org.caspianhub.producers.status.RecentlyAccepted;
import org.caspianhub.producers.status.SubmissionStatus;
import org.caspianhub.producers.status.SubmissionStatusTable;
import org.caspianhub.producers.submit.Checked;
import org.caspianhub.producers.submit.HubWriter;
import org.caspianhub.producers.submit.IndicatorItem;
import org.caspianhub.producers.submit.JsonItemReader;
import org.caspianhub.producers.submit.Origin;
import org.caspianhub.producers.submit.SubmissionFactory;
import org.caspianhub.producers.submit.SubmissionIds;
import org.caspianhub.producers.submit.SubmissionMetrics;
import org.caspianhub.producers.submit.WriteFailedException;
import org.caspianhub.runtime.auth.Principal;
import org.caspianhub.runtime.auth.Role;
import org.caspianhub.topics.HubTopics;

/**
 * {@code POST /api/v1/indicators}, {@code /revocations} and {@code /sightings}: one item or a batch,
 * each item checked on its own. Items that pass are written in one Kafka transaction and the answer
 * comes after the broker acknowledged it; refused items are answered with their field errors and
 * not written. A request refused as a whole (malformed JSON or shape, 401, 403, 413, 415) writes
 * nothing, and so does a batch whose every item was refused (400).
 */
final class WriteEndpoints {

    /** What one accepted item becomes: its id, its record, and its status for read-your-writes. */
    private record Prepared(String id, ProducerRecord<String, SpecificRecord> record, SubmissionStatus status,
                            List<String> warnings) {
    }

    private interface ItemReader {
        Checked<Prepared> read(JsonNode node, String path, String id, Principal principal);
    }

    private final GatewaySettings settings;
    private final HubWriter writer;
    private final Idempotency idempotency;
    private final SubmissionMetrics metrics;
    private final SubmissionStatusTable statusTable;
    private final RecentlyAccepted recent;
    private final SubmissionFactory factory;
    private final JsonItemReader indicators;
    private final RevocationReader revocations;
    private final SightingReader sightings;

    WriteEndpoints(GatewaySettings settings, HubWriter writer, Idempotency idempotency, SubmissionMetrics metrics,
                   SubmissionStatusTable statusTable, RecentlyAccepted recent, SubmissionFactory factory,
                   JsonItemReader indicators, RevocationReader revocations, SightingReader sightings) {
        this.settings = settings;
        this.writer = writer;
        this.idempotency = idempotency;
        this.metrics = metrics;
        this.statusTable = statusTable;
        this.recent = recent;
        this.factory = factory;
        this.indicators = indicators;
        this.revocations = revocations;
        this.sightings = sightings;
    }

    void indicators(Context ctx) {
        Principal principal = Authentication.require(ctx, Role.ANALYST, Role.FEED);
        handle(ctx, principal, "indicators", "indicator", (node, path, id, p) -> indicators
                .read(node, path, settings.defaultTlp())
                .map(item -> submission(id, SubmissionAction.SUBMIT, item, p)));
    }

    void revocations(Context ctx) {
        Principal principal = Authentication.require(ctx, Role.ANALYST);
        handle(ctx, principal, "revocations", "revocation", (node, path, id, p) -> revocations
                .read(node, path, settings.defaultTlp(), p.party())
                .map(item -> submission(id, SubmissionAction.REVOKE, item, p)));
    }

    void sightings(Context ctx) {
        Principal principal = Authentication.require(ctx, Role.SOC);
        handle(ctx, principal, "sightings", "sighting", (node, path, id, p) -> sightings
                .read(node, path, id, p.party(), p.name())
                .map(s -> new Prepared(id, new ProducerRecord<>(HubTopics.sightings(p.party()), s.getValue(), s), null,
                        List.of())));
    }

    private Prepared submission(String id, SubmissionAction action, IndicatorItem item, Principal p) {
        IndicatorSubmission s = factory.submission(id, action, item, origin(p));
        SubmissionStatus status = new SubmissionStatus(id, p.party().value(), action.name(), s.getValue(),
                s.getType() == null ? null : s.getType().name(), s.getChannel().name(), s.getSubmittedAt(), null, null);
        return new Prepared(id, new ProducerRecord<>(HubTopics.submissions(p.party()), id, s), status, List.of());
    }

    static Origin origin(Principal p) {
        return new Origin(p.party(), p.name(), p.role() == Role.FEED ? SourceChannel.FEED : SourceChannel.ANALYST, null);
    }

    private void handle(Context ctx, Principal principal, String operation, String kind, ItemReader reader) {
        RequestBodies.JsonBody body = RequestBodies.json(ctx, settings.maxBodyBytes());
        String key = Idempotency.key(ctx);
        String bodySha256 = key == null ? null : body.sha256();
        Idempotency.Answer answer = idempotency.once(ctx, principal, operation, key, () -> bodySha256,
                () -> process(body.json(), principal, operation, kind, key, bodySha256, reader));
        ctx.status(answer.status()).json(answer.body());
    }

    private Idempotency.Answer process(JsonNode json, Principal principal, String operation, String kind, String key,
                                       String bodySha256, ItemReader reader) {
        Batches.Items items = Batches.of(json, settings.maxBatchItems());
        SubmissionIds.Source ids = SubmissionIds.forRequest(principal.party(), principal.name(), key, operation, bodySha256);
        SourceChannel channel = origin(principal).channel();
        List<ItemResult> results = new ArrayList<>(items.nodes().size());
        List<Prepared> accepted = new ArrayList<>();
        List<FieldError> allErrors = new ArrayList<>();
        for (int i = 0; i < items.nodes().size(); i++) {
            String path = items.path(i);
            Checked<Prepared> checked = reader.read(items.nodes().get(i), path, ids.next(i), principal);
            if (checked.isOk()) {
                Prepared p = checked.value();
                accepted.add(p);
                results.add(ItemResult.accepted(i, p.id(), checked.warnings()));
            } else {
                results.add(ItemResult.refused(i, checked.errors()));
                allErrors.addAll(checked.errors());
                metrics.refused(principal.party(), channel, kind, checked.errors());
            }
        }
        int refused = results.size() - accepted.size();
        if (accepted.isEmpty()) {
            ApiException refusal = ApiException.invalid(allErrors);
            Map<String, Object> body = new java.util.LinkedHashMap<>(ErrorBodies.of(refusal));
            body.put("accepted", 0);
            body.put("refused", refused);
            body.put("results", results);
            return new Idempotency.Answer(400, body);
        }
        List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>(accepted.size());
        for (Prepared p : accepted) {
            if (key == null || !alreadyWritten(principal, p)) {
                records.add(p.record());
            }
        }
        try {
            writer.write(records);
        } catch (WriteFailedException e) {
            ApiException unavailable = new ApiException(503, "broker_unavailable", "the hub could not store the "
                    + kind + "s (" + e.getMessage() + "); nothing was written: retry, with an Idempotency-Key to be safe",
                    List.of(), Map.of());
            return new Idempotency.Answer(503, ErrorBodies.of(unavailable));
        }
        accepted.stream().map(Prepared::status).filter(java.util.Objects::nonNull).forEach(recent::add);
        metrics.accepted(principal.party(), channel, kind, accepted.size());
        String singleId = items.single() ? accepted.get(0).id() : null;
        return new Idempotency.Answer(202, new BatchAnswer(accepted.size(), refused, singleId, results, null));
    }

    /** After a restart the answer cache is empty: the status table knows what a retried key already wrote. */
    private boolean alreadyWritten(Principal principal, Prepared p) {
        if (p.status() == null) {
            return false; // sightings have no status table: the topology counts a duplicate report twice at worst
        }
        SubmissionStatusTable.Lookup lookup = statusTable.find(principal.party(), p.id());
        return lookup instanceof SubmissionStatusTable.Found;
    }
}
