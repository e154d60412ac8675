package org.caspianhub.producers.submit;

import org.caspianhub.indicators.normalize.Limits;

/** The limits every channel applies to one indicator's fields. */
public final class ItemRules {

    /**
     * The longest value, the normalizer's: the API, every import format and the topology accept the
     * same values. The importers leave the check to the normalizer, which every candidate passes.
     */
    public static final int MAX_VALUE = Limits.MAX_VALUE_LENGTH;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG = 100;
    public static final int MAX_DESCRIPTION = 4000;
    public static final int MAX_REFERENCES = 20;
    public static final int MAX_REFERENCE = 200;
    public static final int MAX_ID = 200;
    public static final String TLP_NAMES = "clear, green, amber, amber+strict, red";
    public static final String SEVERITY_NAMES = "info, low, medium, high, critical";

    private ItemRules() {
    }
}
