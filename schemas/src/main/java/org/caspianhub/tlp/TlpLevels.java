package org.caspianhub.tlp;

import java.util.Locale;
import java.util.Optional;
import org.caspianhub.avro.Tlp;

/**
 * TLP 2.0 levels as people write them and in their order of restriction, in one place for every
 * module that reads a level from text or writes one out:
 * <ul>
 * <li>{@link #parse} reads the spellings seen in APIs, files, MISP tags and STIX markings:
 * {@code AMBER_STRICT}, {@code amber+strict}, {@code TLP:AMBER+STRICT}, {@code tlp-amber-strict},
 * and TLP 1.0's {@code WHITE} as {@code CLEAR};</li>
 * <li>{@link #label} and {@link #name} write the TLP 2.0 forms ({@code TLP:AMBER+STRICT},
 * {@code amber+strict});</li>
 * <li>{@link #rank} orders levels, so "nothing above AMBER" is a comparison, and {@link #stricter}
 * picks the more restrictive of two.</li>
 * </ul>
 * A missing level ({@code null}) counts as RED everywhere, as the {@code Tlp} schema says of a
 * level a reader does not know: the most restrictive reading is the safe one.
 */
public final class TlpLevels {

    /** The accepted levels, for error messages. */
    public static final String ACCEPTED = "CLEAR, GREEN, AMBER, AMBER+STRICT, RED";

    private TlpLevels() {
    }

    /**
     * The level a text names, ignoring case, surrounding spaces, a {@code TLP:}, {@code TLP-} or
     * {@code TLP_} prefix, and whether AMBER+STRICT is joined by '+', '_', '-' or a space; empty
     * for anything else (including null).
     */
    public static Optional<Tlp> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("TLP:") || t.startsWith("TLP-") || t.startsWith("TLP_")) {
            t = t.substring(4).trim();
        }
        return switch (t.replace('+', '_').replace('-', '_').replace(' ', '_')) {
            case "CLEAR", "WHITE" -> Optional.of(Tlp.CLEAR);
            case "GREEN" -> Optional.of(Tlp.GREEN);
            case "AMBER" -> Optional.of(Tlp.AMBER);
            case "AMBER_STRICT" -> Optional.of(Tlp.AMBER_STRICT);
            case "RED" -> Optional.of(Tlp.RED);
            default -> Optional.empty();
        };
    }

    /**
     * Like {@link #parse}, for configuration that must name a level.
     *
     * @throws IllegalArgumentException "TLP must be one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED; got '...'"
     */
    public static Tlp require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException(
                "TLP must be one of " + ACCEPTED + "; got '" + text + "'"));
    }

    /** {@code TLP:CLEAR}, {@code TLP:GREEN}, {@code TLP:AMBER}, {@code TLP:AMBER+STRICT}, {@code TLP:RED}. */
    public static String label(Tlp tlp) {
        return "TLP:" + name(tlp).toUpperCase(Locale.ROOT);
    }

    /** The lower-case TLP 2.0 name: {@code clear}, {@code green}, {@code amber}, {@code amber+strict}, {@code red}. */
    public static String name(Tlp tlp) {
        Tlp level = tlp == null ? Tlp.RED : tlp;
        return level.name().toLowerCase(Locale.ROOT).replace('_', '+');
    }

    /** 0 for CLEAR up to 4 for RED: a higher rank may reach fewer people. */
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

    /**
     * The more restrictive of two levels, by {@link #rank}; a missing level counts as RED. To fold
     * over several levels, start from {@code Tlp.CLEAR}.
     */
    public static Tlp stricter(Tlp a, Tlp b) {
        Tlp x = a == null ? Tlp.RED : a;
        Tlp y = b == null ? Tlp.RED : b;
        return rank(x) >= rank(y) ? x : y;
    }
}
