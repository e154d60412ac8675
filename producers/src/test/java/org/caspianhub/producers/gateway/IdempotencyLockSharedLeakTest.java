package org.caspianhub.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.Striped;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.TestGateway;
import org.caspianhub.testkit.TestParties;
import org.junit.jupiter.api.Test;

/**
 * Attack as az (pre-existing, not from this session's changes): requests with an
 * {@code Idempotency-Key} run one at a time per key through {@code Striped.lock(64)}, 64 locks
 * shared by every party, and an import holds its lock for the whole import (the file is parsed and
 * written under it, minutes for a large one). az sends cheap requests (all items invalid: nothing is
 * written) under 64 keys of its own, one per stripe: whichever does not come back names the stripe
 * of a request still running, and it comes back the moment that request ends. So az learns that ir
 * is importing, when it started and ended, and so roughly how large the file is (ir's RED imports
 * as much as any), none of which az may see.
 *
 * <p>Here the test knows ir's key and picks az's key on the same stripe (az would try all 64); the
 * import is made long with small chunks. Noninterference: without ir's import, az's request is
 * answered at once; it must be answered at once with it too.
 */
class IdempotencyLockSharedLeakTest {

    @Test
    void azsRequestDoesNotWaitForIrsImport() throws Exception {
        try (TestGateway hub = new TestGateway(Map.of("CASPIAN_GATEWAY_IMPORT_CHUNK", "10"), "ir", "az").start()) {
            PartyId ir = TestParties.role(hub.parties, "ir");
            PartyId az = TestParties.role(hub.parties, "az");
            String irApiKey = TestGateway.key(ir, "analyst");
            String azApiKey = TestGateway.key(az, "analyst");

            String irIdempotencyKey = UUID.randomUUID().toString();
            // the key as the gateway striped it when every party shared 64 locks: party, principal name, operation, key
            String irCacheKey = ir.value() + '\n' + irApiKey + '\n' + "imports" + '\n' + irIdempotencyKey;
            Striped<Lock> sameStripes = Striped.lock(64);
            String colliding = null;
            String elsewhere = null;
            while (colliding == null || elsewhere == null) {
                String candidate = UUID.randomUUID().toString();
                boolean same = sameStripes.get(az.value() + '\n' + azApiKey + '\n' + "indicators" + '\n' + candidate)
                        == sameStripes.get(irCacheKey);
                if (same && colliding == null) {
                    colliding = candidate;
                } else if (!same && elsewhere == null) {
                    elsewhere = candidate;
                }
            }

            StringBuilder file = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                file.append("h").append(i).append(".ir-red-import.example\n");
            }
            CompletableFuture<HttpResponse<String>> irImport = CompletableFuture.supplyAsync(() -> {
                try {
                    return hub.post("/api/v1/imports?tlp=red", irApiKey, "text/plain", file.toString(),
                            Map.of("Idempotency-Key", irIdempotencyKey));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // ir's import is under way (holding its lock) once its first chunk is on ir's topic
            assertThat(hub.read(hub.topics.submissions(ir), 1, Duration.ofSeconds(30))).isNotEmpty();
            assertThat(irImport).as("ir's import must still be running for the probe to mean anything").isNotDone();

            String invalid = "{\"items\": [{\"value\": \"not a value\"}]}";
            HttpResponse<String> control = hub.post("/api/v1/indicators", azApiKey, "application/json", invalid,
                    Map.of("Idempotency-Key", elsewhere));
            assertThat(control.statusCode()).isEqualTo(400);
            boolean importDoneAtControl = irImport.isDone();

            long start = System.nanoTime();
            HttpResponse<String> probe = hub.post("/api/v1/indicators", azApiKey, "application/json", invalid,
                    Map.of("Idempotency-Key", colliding));
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            boolean importDoneAtProbe = irImport.isDone();
            HttpResponse<String> imported = irImport.get(120, TimeUnit.SECONDS);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(probe.statusCode()).isEqualTo(400);
            assertThat(importDoneAtControl).as("control: az's request on another stripe came back while ir's import ran")
                    .isFalse();
            assertThat(importDoneAtProbe)
                    .as("az's request under a key on the stripe of ir's import came back only after ir's import ended "
                            + "(it waited %d ms): the end of ir's RED import, and its length, seen by az", waitedMs)
                    .isFalse();
        }
    }
}
