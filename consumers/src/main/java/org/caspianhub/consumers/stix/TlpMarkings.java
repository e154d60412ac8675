package org.caspianhub.consumers.stix;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.caspianhub.avro.Tlp;
import org.caspianhub.tlp.TlpLevels;
import org.caspianhub.tlp.TlpOrder;

/**
 * The TLP 2.0 marking definitions as OASIS publishes them (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0): fixed ids and a fixed creation time, so every
 * STIX consumer recognises them without a lookup. STIX 2.1 itself predefines only TLP 1.0.
 */
public final class TlpMarkings {

    /** The TLP 2.0 property extension the marking definitions carry. */
    public static final String EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
    /** Part of the published objects, like their ids. */
    public static final String CREATED = "2022-10-01T00:00:00.000Z";

    private TlpMarkings() {
    }

    public static String markingId(Tlp tlp) {
        return switch (TlpOrder.orRed(tlp)) {
            case CLEAR -> "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487";
            case GREEN -> "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
            case AMBER -> "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
            case AMBER_STRICT -> "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003";
            case RED -> "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
        };
    }

    /** The marking-definition object itself, as published. */
    public static ObjectNode marking(Tlp tlp) {
        ObjectNode marking = JsonNodeFactory.instance.objectNode();
        marking.put("type", "marking-definition");
        marking.put("spec_version", "2.1");
        marking.put("id", markingId(tlp));
        marking.put("created", CREATED);
        marking.put("name", TlpLevels.label(tlp));
        ObjectNode extension = marking.putObject("extensions").putObject(EXTENSION_ID);
        extension.put("extension_type", "property-extension");
        extension.put("tlp_2_0", TlpLevels.name(tlp));
        return marking;
    }
}
