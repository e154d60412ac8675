package org.caspianhub.producers.knowledge.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.stix.StixIds;
import org.caspianhub.consumers.stix.StixMapper;
import org.caspianhub.consumers.stix.TlpMarkings;
import org.caspianhub.producers.knowledge.IndicatorView;

/**
 * A STIX 2.1 bundle of the party's indicators, rendered by the mapper that renders its alerts
 * (so the ids are the ones its TAXII collection and webhooks carry: per recipient, {@link StixIds}),
 * streamed object by object. The TLP marking definitions come first, then each identity once, then
 * one indicator (or vulnerability) per view with its references.
 */
final class StixExport implements ExportWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String party;
    private final String exportId;
    private final JsonGenerator json;
    private final Set<String> shared = new HashSet<>();

    StixExport(String party, String exportId, OutputStream out) {
        this.party = party;
        this.exportId = exportId;
        try {
            this.json = MAPPER.getFactory().createGenerator(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void begin() throws IOException {
        json.writeStartObject();
        json.writeStringField("type", "bundle");
        json.writeStringField("id", "bundle--" + StixIds.uuid5("export:" + party + "|" + exportId));
        json.writeArrayFieldStart("objects");
        for (Tlp tlp : Tlp.values()) {
            ObjectNode marking = TlpMarkings.marking(tlp);
            if (shared.add(marking.path("id").asText())) {
                json.writeTree(marking);
            }
        }
    }

    @Override
    public void write(IndicatorView view) throws IOException {
        for (ObjectNode object : StixMapper.objects(Exports.asAlert(party, view))) {
            String type = object.path("type").asText();
            if (type.equals("marking-definition") || type.equals("identity")) {
                if (shared.add(object.path("id").asText())) {
                    json.writeTree(object);
                }
                continue;
            }
            if (!view.references().isEmpty()) {
                ArrayNode refs = object.withArray("external_references");
                for (String reference : view.references()) {
                    ObjectNode ref = refs.addObject();
                    ref.put("source_name", "caspian-hub");
                    ref.put("external_id", reference);
                }
            }
            json.writeTree(object);
        }
    }

    @Override
    public void end() throws IOException {
        json.writeEndArray();
        json.writeEndObject();
        json.flush();
    }
}
