package org.caspianhub.indicators.normalize;

import org.caspianhub.avro.IndicatorType;

/**
 * Validates and normalizes a raw indicator value: refangs it, detects its type when none is
 * declared (or checks the declared one), and brings it to canonical form. Thread-safe.
 */
public final class IndicatorNormalizer {

    /**
     * @param raw      the value as submitted, possibly defanged ({@code hxxp://evil[.]example})
     * @param declared the type the submitter declared, or null to detect it
     */
    public Normalized normalize(String raw, IndicatorType declared) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
