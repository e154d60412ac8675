package org.caspianhub.producers.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.caspianhub.avro.Tlp;
import org.caspianhub.producers.submit.Labels;
import org.caspianhub.tlp.TlpOrder;

/**
 * TLP from STIX marking definitions: the standard ids of TLP 1.0 (STIX 2.1 section 7.2.1.4) and of
 * TLP 2.0 (the OASIS TLP 2.0 marking definitions), plus every marking definition read so far that
 * states a TLP ({@code definition_type: tlp} with {@code definition.tlp}, the TLP 2.0 extension's
 * {@code tlp_2_0}, or a name such as {@code TLP:AMBER+STRICT}), and those that state something
 * else (a copyright statement, a custom marking).
 *
 * <p>A marking ref that names none of these is <em>unresolved</em>: the object is marked by a
 * definition this reader has not seen, which may well be a restrictive one. Such an object is
 * treated as RED, never given the import's default, which is often CLEAR for a public feed.
 *
 * <p>One instance may be shared by the files of one source (the pages of a TAXII collection),
 * so a definition sent on one page resolves the refs of the next ones. Thread-safe.
 */
public final class StixMarkings {

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

    /** Every known definition: its TLP, or empty for one that states no TLP. */
    private final Map<String, Optional<Tlp>> known = new ConcurrentHashMap<>();

    public StixMarkings() {
        STANDARD.forEach((id, tlp) -> known.put(id, Optional.of(tlp)));
    }

    /**
     * Learns a marking definition. One that claims to be a TLP marking but names no TLP this hub
     * knows stays unknown, so what it marks is RED.
     */
    void learn(JsonNode definition) {
        String id = JsonObjects.text(definition, "id");
        if (id == null || known.containsKey(id)) {
            return;
        }
        Claim claim = definitionTlp(definition);
        if (claim.tlp().isPresent() || !claim.claimsTlp()) {
            known.put(id, claim.tlp());
        }
    }

    /** What a definition says about TLP: whether it is a TLP marking at all, and which TLP it names. */
    private record Claim(boolean claimsTlp, Optional<Tlp> tlp) {
    }

    private static Claim definitionTlp(JsonNode d) {
        JsonNode ext = d.path("extensions").path(TLP2_EXTENSION);
        if (!ext.isMissingNode()) {
            JsonNode tlp = ext.path("tlp_2_0");
            return new Claim(true, tlp.isTextual() ? Labels.tlp(tlp.asText()) : Optional.empty());
        }
        if ("tlp".equalsIgnoreCase(JsonObjects.text(d, "definition_type"))) {
            JsonNode tlp = d.path("definition").path("tlp");
            return new Claim(true, tlp.isTextual() ? Labels.tlp(tlp.asText()) : Optional.empty());
        }
        String name = JsonObjects.text(d, "name");
        if (name != null && name.toUpperCase(Locale.ROOT).startsWith("TLP:")) {
            return new Claim(true, Labels.tlp(name));
        }
        return new Claim(false, Optional.empty());
    }

    /**
     * The TLP of an object from its {@code object_marking_refs}: RED when any ref is unresolved, else
     * the strictest TLP among them, else (no TLP marking at all) {@code unmarked}.
     */
    Tlp tlp(JsonNode markingRefs, Tlp unmarked) {
        List<Tlp> levels = new ArrayList<>();
        if (markingRefs != null && markingRefs.isArray()) {
            for (JsonNode ref : markingRefs) {
                Optional<Tlp> marking = known.get(ref.asText());
                if (marking == null) {
                    return Tlp.RED; // marked by a definition we have not seen: assume the worst
                }
                marking.ifPresent(levels::add);
            }
        }
        return TlpOrder.strictest(levels).orElse(unmarked);
    }
}
