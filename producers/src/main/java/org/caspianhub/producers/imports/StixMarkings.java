package org.caspianhub.producers.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.caspianhub.avro.Tlp;
import org.caspianhub.producers.submit.Labels;

/**
 * TLP from STIX marking definitions: the standard ids of TLP 1.0 (STIX 2.1 section 7.2.1.4) and of
 * TLP 2.0 (the OASIS TLP 2.0 marking definitions), plus any marking definition of the bundle that
 * states a TLP ({@code definition_type: tlp} with {@code definition.tlp}, the TLP 2.0 extension's
 * {@code tlp_2_0}, or a name such as {@code TLP:AMBER+STRICT}).
 */
final class StixMarkings {

    static final String TLP2_EXTENSION = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    private static final Map<String, Tlp> STANDARD = Map.of(
            // TLP 1.0
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", Tlp.CLEAR,
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", Tlp.GREEN,
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", Tlp.AMBER,
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", Tlp.RED,
            // TLP 2.0
            "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", Tlp.CLEAR,
            "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", Tlp.GREEN,
            "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", Tlp.AMBER,
            "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", Tlp.AMBER_STRICT,
            "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", Tlp.RED);

    private final Map<String, Tlp> byId = new HashMap<>(STANDARD);

    /** Learns a marking definition of the bundle, if it states a TLP. */
    void learn(JsonNode definition) {
        String id = JsonObjects.text(definition, "id");
        if (id == null || byId.containsKey(id)) {
            return;
        }
        definitionTlp(definition).ifPresent(tlp -> byId.put(id, tlp));
    }

    private static Optional<Tlp> definitionTlp(JsonNode d) {
        JsonNode ext = d.path("extensions").path(TLP2_EXTENSION).path("tlp_2_0");
        if (ext.isTextual()) {
            return Labels.tlp(ext.asText());
        }
        if ("tlp".equalsIgnoreCase(JsonObjects.text(d, "definition_type"))) {
            JsonNode tlp = d.path("definition").path("tlp");
            if (tlp.isTextual()) {
                return Labels.tlp(tlp.asText());
            }
        }
        String name = JsonObjects.text(d, "name");
        return name != null && name.toUpperCase(java.util.Locale.ROOT).startsWith("TLP:") ? Labels.tlp(name) : Optional.empty();
    }

    /** The most restrictive TLP among an object's marking refs, if any of them is a TLP. */
    Optional<Tlp> strictest(JsonNode markingRefs) {
        Tlp strictest = null;
        if (markingRefs != null && markingRefs.isArray()) {
            for (JsonNode ref : markingRefs) {
                Tlp tlp = byId.get(ref.asText());
                if (tlp != null && (strictest == null || tlp.ordinal() > strictest.ordinal())) {
                    strictest = tlp;
                }
            }
        }
        return Optional.ofNullable(strictest);
    }
}
