package org.caspianhub.producers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * {@code caspian export misp -o DIR}: the MISP feed as MISP itself reads it, into a directory:
 * {@code manifest.json} and one {@code <uuid>.json} per event it lists. The manifest is written
 * last, so a directory served to a MISP instance never lists an event that is not there yet.
 */
final class MispFeedDownload {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final GatewayClient client;
    private final String query;
    private final Path directory;
    private final PrintWriter err;
    private final boolean progress;

    MispFeedDownload(GatewayClient client, String query, Path directory, PrintWriter err, boolean progress) {
        this.client = client;
        this.query = query;
        this.directory = directory;
        this.err = err;
        this.progress = progress;
    }

    int run() throws IOException {
        Files.createDirectories(directory);
        TransferProgress bar = new TransferProgress(err, progress, false);
        try {
            Path manifest = directory.resolve("manifest.json.part");
            GatewayClient.Download answer = fetch("manifest.json", manifest, bar);
            if (answer.status() != 200) {
                Files.deleteIfExists(manifest);
                bar.done();
                return Output.refusal(err, answer.error());
            }
            List<String> events = new ArrayList<>();
            for (Iterator<String> uuids = MAPPER.readTree(manifest.toFile()).fieldNames(); uuids.hasNext(); ) {
                String uuid = uuids.next();
                if (!uuid.matches("[0-9a-fA-F-]{36}")) {
                    throw new IOException("the manifest lists '" + uuid + "', which is not an event uuid");
                }
                events.add(uuid);
            }
            for (String uuid : events) {
                Path part = directory.resolve(uuid + ".json.part");
                GatewayClient.Download event = fetch(uuid + ".json", part, bar);
                if (event.status() != 200) {
                    Files.deleteIfExists(part);
                    bar.done();
                    return Output.refusal(err, event.error());
                }
                Files.move(part, directory.resolve(uuid + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(manifest, directory.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            bar.done();
            err.printf("%s: a MISP feed of %d events (%s)%n", directory, events.size(), TransferProgress.bytes(bar.bytes()));
            err.flush();
            return ExitCodes.OK;
        } catch (GatewayClient.Unreachable e) {
            bar.done();
            return Output.unreachable(err, e);
        }
    }

    private GatewayClient.Download fetch(String document, Path into, TransferProgress bar)
            throws IOException, GatewayClient.Unreachable {
        try (OutputStream out = Files.newOutputStream(into)) {
            return client.download("/api/v1/exports/misp/" + document + query, null, out, bar::update);
        }
    }
}
