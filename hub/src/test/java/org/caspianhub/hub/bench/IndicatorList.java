package org.caspianhub.hub.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The footprint benchmark's load: a plain-text blocklist of N distinct indicators, a quarter each
 * of IPv4 addresses, domains, URLs and SHA-256 hashes, as an operator would import one. Values
 * are derived from their index, so every run imports the same list; addresses come from 45.0.0.0/8
 * (public, on no warninglist), names under made-up registrable domains.
 */
final class IndicatorList {

    private IndicatorList() {
    }

    static Path write(Path file, int indicators) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < indicators; i++) {
                int n = i / 4;
                String value = switch (i % 4) {
                    case 0 -> ipv4(n);
                    case 1 -> "h" + Integer.toString(n * 7919 + 13, 36) + ".bench-" + (n % 997) + "-caspian.net";
                    case 2 -> "http://u" + Integer.toString(n, 36) + ".bench-caspian-" + (n % 991) + ".org/p/" + n + "/x.php";
                    default -> HexFormat.of().formatHex(sha256.digest(("caspian-footprint-" + n).getBytes(StandardCharsets.US_ASCII)));
                };
                out.write(value);
                out.write('\n');
            }
        }
        return file;
    }

    private static String ipv4(int n) {
        long address = 0x2D000000L + 1 + (long) n * 7 % 0xFFFFFE;
        return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255);
    }
}
