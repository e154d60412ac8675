package org.caspianhub.indicators.normalize;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 section 6.2.2 normalization of one URL component: percent-encoded unreserved
 * characters are decoded ({@code %7E} to {@code ~}), other triplets get upper-case hex
 * ({@code %2f} to {@code %2F}), and characters the component may not hold literally (space,
 * quotes, non-ASCII text as UTF-8, a stray {@code %}) are encoded. Nothing else changes: reserved
 * characters keep their meaning, encoded or not.
 */
final class PercentEncoding {

    enum Component {
        /** pchar and "/". */
        PATH("/:@"),
        /** pchar, "/" and "?". */
        QUERY("/?:@"),
        /** unreserved, sub-delims and ":". */
        USERINFO(":");

        private final boolean[] literal = new boolean[128];

        Component(String extra) {
            for (char c = 'a'; c <= 'z'; c++) {
                literal[c] = true;
            }
            for (char c = 'A'; c <= 'Z'; c++) {
                literal[c] = true;
            }
            for (char c = '0'; c <= '9'; c++) {
                literal[c] = true;
            }
            for (char c : "-._~!$&'()*+,;=".toCharArray()) {
                literal[c] = true;
            }
            for (char c : extra.toCharArray()) {
                literal[c] = true;
            }
        }

        boolean isLiteral(int c) {
            return c < 128 && literal[c];
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    static String normalize(String text, Component component) {
        if (isAlreadyNormal(text, component)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()
                    && HashNormalizer.isHex(text.charAt(i + 1)) && HashNormalizer.isHex(text.charAt(i + 2))) {
                int b = Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16);
                if (isUnreserved(b)) {
                    out.append((char) b);
                } else {
                    out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
                }
                i += 3;
            } else if (c != '%' && component.isLiteral(c)) {
                out.append(c);
                i++;
            } else {
                int codePoint = text.codePointAt(i);
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
                i += Character.charCount(codePoint);
            }
        }
        return out.toString();
    }

    /** Fast path: only literal characters, and no triplet to touch. */
    private static boolean isAlreadyNormal(String text, Component component) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || !component.isLiteral(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    /** Decodes every triplet as UTF-8 (for a host); null when the bytes are not UTF-8 or a triplet is broken. */
    static String decodeAll(String text) {
        byte[] bytes = new byte[text.length() * 3];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || !HashNormalizer.isHex(text.charAt(i + 1))
                        || !HashNormalizer.isHex(text.charAt(i + 2))) {
                    return null;
                }
                bytes[n++] = (byte) (Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                System.arraycopy(encoded, 0, bytes, n, encoded.length);
                n += encoded.length;
                i++;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
