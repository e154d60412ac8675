package org.caspianhub.consumers.alert;

import java.util.Locale;
import org.caspianhub.avro.Tlp;

/**
 * TLP 2.0 levels as people write them ({@code TLP:AMBER+STRICT}) and in order of restriction,
 * so a subscription can say "nothing above AMBER" and a reader can compare two levels.
 */
public final class TlpLevels {

    private TlpLevels() {
    }

    /** 0 for CLEAR up to 4 for RED; an unknown (null) level counts as RED, the most restrictive. */
    public static int rank(Tlp tlp) {
        if (tlp == null) {
            return 4;
        }
        return switch (tlp) {
            case CLEAR -> 0;
            case GREEN -> 1;
            case AMBER -> 2;
            case AMBER_STRICT -> 3;
            case RED -> 4;
        };
    }

    /** {@code TLP:CLEAR}, {@code TLP:GREEN}, {@code TLP:AMBER}, {@code TLP:AMBER+STRICT}, {@code TLP:RED}. */
    public static String label(Tlp tlp) {
        return "TLP:" + name(tlp).toUpperCase(Locale.ROOT);
    }

    /** The lower-case TLP 2.0 name: {@code clear}, {@code green}, {@code amber}, {@code amber+strict}, {@code red}. */
    public static String name(Tlp tlp) {
        Tlp level = tlp == null ? Tlp.RED : tlp;
        return level == Tlp.AMBER_STRICT ? "amber+strict" : level.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code AMBER_STRICT}, {@code amber+strict} or {@code TLP:AMBER+STRICT} (and the TLP 1.0
     * {@code WHITE} as CLEAR).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Tlp parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (v.startsWith("TLP:")) {
            v = v.substring(4);
        }
        return switch (v.replace('+', '_')) {
            case "CLEAR", "WHITE" -> Tlp.CLEAR;
            case "GREEN" -> Tlp.GREEN;
            case "AMBER" -> Tlp.AMBER;
            case "AMBER_STRICT" -> Tlp.AMBER_STRICT;
            case "RED" -> Tlp.RED;
            default -> throw new IllegalArgumentException(
                    "TLP must be one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED; got '" + value + "'");
        };
    }
}
