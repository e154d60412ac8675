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
 * </ul>
 * Their order (which is stricter) is {@link TlpOrder}'s. A missing level ({@code null}) is written
 * as RED, as {@link TlpOrder} reads it.
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
        return TlpOrder.orRed(tlp).name().toLowerCase(Locale.ROOT).replace('_', '+');
    }
}
