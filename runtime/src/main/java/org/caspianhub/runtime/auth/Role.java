package org.caspianhub.runtime.auth;

import java.util.Locale;

/**
 * What an API key may do. ANALYST submits, imports and revokes; FEED submits and imports
 * (automated feeds); SOC reports sightings and false positives and reads its party's alerts
 * (TAXII collection).
 */
public enum Role {
    ANALYST, FEED, SOC;

    public static Role parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be analyst, feed or soc, got '" + value + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
