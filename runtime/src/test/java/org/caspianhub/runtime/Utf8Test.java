package org.caspianhub.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Strict UTF-8 agrees with the JDK's strict decoder, byte sequence for byte sequence. */
class Utf8Test {

    private static boolean jdkAccepts(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean accepts(byte[] bytes) {
        try {
            Utf8.check(bytes);
            return true;
        } catch (Utf8.MalformedException e) {
            return false;
        }
    }

    @Test
    void everyOneAndTwoByteSequenceAndTheLongerOnesAfterEachLeadAgreeWithTheJdk() {
        java.util.List<String> disagreements = new java.util.ArrayList<>();
        for (int a = 0; a < 256; a++) {
            for (int b = -1; b < 256; b++) {
                // three and four bytes only after the leads that start them: the others fail at the second byte
                for (byte[] bytes : b < 0 ? new byte[][] {{(byte) a}} : a < 0xe0 ? new byte[][] {{(byte) a, (byte) b}}
                        : new byte[][] {{(byte) a, (byte) b}, {(byte) a, (byte) b, (byte) 0x80}, {(byte) a, (byte) b, (byte) 0x80, (byte) 0x80}}) {
                    if (accepts(bytes) != jdkAccepts(bytes)) {
                        disagreements.add(java.util.HexFormat.ofDelimiter(" ").formatHex(bytes));
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void randomTextAgreesWithTheJdk() {
        Random random = new Random(10);
        java.util.List<String> disagreements = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            if (accepts(bytes) != jdkAccepts(bytes)) {
                disagreements.add(java.util.HexFormat.ofDelimiter(" ").formatHex(bytes));
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void anOverlongDotIsRefusedWhereItStandsAlsoWhileStreaming() throws Exception {
        byte[] overlong = {'o', 'v', 'l', (byte) 0xc0, (byte) 0xae, 'n', 'e', 't'};
        assertThatThrownBy(() -> Utf8.check(overlong)).isInstanceOf(Utf8.MalformedException.class)
                .hasMessage("not valid UTF-8 at byte 3: byte 0xc0 starts an overlong form");
        try (InputStream in = Utf8.checking(new ByteArrayInputStream(overlong))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(Utf8.MalformedException.class);
        }
        byte[] truncated = {'a', (byte) 0xe2, (byte) 0x82};
        try (InputStream in = Utf8.checking(new ByteArrayInputStream(truncated))) {
            assertThatThrownBy(in::readAllBytes).hasMessageContaining("ends inside a multi-byte sequence");
        }
        Utf8.check("Ünïcødé ✓ 𝄞".getBytes(StandardCharsets.UTF_8));
    }
}
