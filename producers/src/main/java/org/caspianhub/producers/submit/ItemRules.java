package org.caspianhub.producers.submit;

/** The limits every channel applies to one indicator's fields. */
public final class ItemRules {

    public static final int MAX_VALUE = 2048;
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
