package org.caspianhub.runtime;

import java.util.Map;

/** A service's health as {@code /health} reports it. */
public record Health(boolean up, Map<String, Object> details) {

    public static Health up(Map<String, Object> details) {
        return new Health(true, Map.copyOf(details));
    }

    public static Health down(Map<String, Object> details) {
        return new Health(false, Map.copyOf(details));
    }

    public String status() {
        return up ? "UP" : "DOWN";
    }
}
