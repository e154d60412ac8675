package org.caspianhub.producers.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A MISP feed's {@code manifest.json}: the feed's events by uuid with their timestamps, read so a
 * feed poller fetches only the events that changed since its last poll.
 */
public final class MispManifest {

    /** One event the manifest lists. */
    public record Event(String uuid, long timestamp, String info) {
    }

    private MispManifest() {
    }

    public static List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        try (JsonParser parser = JsonObjects.open(file)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ImportFormatException("a MISP manifest must be a JSON object of events by uuid");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String uuid = parser.currentName();
                parser.nextToken();
                JsonNode event = JsonObjects.readBounded(parser, "the manifest's entry " + uuid);
                if (!uuid.matches("[0-9a-fA-F-]{36}")) {
                    throw new ImportFormatException("'" + uuid + "' is not an event uuid: not a MISP manifest");
                }
                long timestamp = event.path("timestamp").asLong(0);
                events.add(new Event(uuid, timestamp, JsonObjects.text(event, "info")));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ImportFormatException("the manifest is malformed: " + e.getOriginalMessage(), e);
        } catch (org.caspianhub.runtime.Utf8.MalformedException e) {
            throw JsonObjects.notUtf8(e);
        }
        return events;
    }
}
