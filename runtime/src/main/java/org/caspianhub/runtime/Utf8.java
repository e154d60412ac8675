package org.caspianhub.runtime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Strict UTF-8 (RFC 3629, Unicode's table 3-7 of well-formed byte sequences): refuses overlong
 * forms ({@code C0 AE} for '.'), surrogates, code points above U+10FFFF, stray continuation bytes
 * and truncated sequences alike. Jackson decodes overlong two-byte forms silently, so text a party
 * sends is checked here before it is parsed.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Text that is not well-formed UTF-8: where, and why. */
    public static final class MalformedException extends IOException {
        private final long offset;

        MalformedException(long offset, String problem) {
            super("not valid UTF-8 at byte " + offset + ": " + problem);
            this.offset = offset;
        }

        public long offset() {
            return offset;
        }
    }

    /** @throws MalformedException naming the first byte that is not well-formed UTF-8 */
    public static void check(byte[] bytes) throws MalformedException {
        Decoder decoder = new Decoder();
        for (int i = 0; i < bytes.length; i++) {
            decoder.next(bytes[i]);
        }
        decoder.end();
    }

    /** A stream that fails with {@link MalformedException} as soon as what it reads is not well-formed UTF-8. */
    public static InputStream checking(InputStream in) {
        return new FilterInputStream(in) {
            private final Decoder decoder = new Decoder();

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b < 0) {
                    decoder.end();
                } else {
                    decoder.next((byte) b);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n < 0) {
                    decoder.end();
                }
                for (int i = 0; i < n; i++) {
                    decoder.next(buffer[off + i]);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = 0;
                while (skipped < n && read() >= 0) {
                    skipped++;
                }
                return skipped;
            }
        };
    }

    /** The state between bytes: how many continuation bytes are due, and the range the next one must be in. */
    private static final class Decoder {
        private long offset = -1;
        private int pending;
        private int low = 0x80;
        private int high = 0xBF;
        private long start;

        void next(byte value) throws MalformedException {
            offset++;
            int b = value & 0xff;
            if (pending > 0) {
                if (b < low || b > high) {
                    throw new MalformedException(start, low != 0x80 || high != 0xBF
                            ? String.format("byte 0x%02x after it makes an overlong form, a surrogate or a code point above U+10FFFF", b)
                            : String.format("the sequence ends early (byte 0x%02x is not a continuation byte)", b));
                }
                pending--;
                low = 0x80;
                high = 0xBF;
                return;
            }
            start = offset;
            if (b < 0x80) {
                return;
            }
            if (b < 0xC2) {
                throw new MalformedException(offset, b < 0xC0 ? String.format("byte 0x%02x is a continuation byte without a lead byte", b)
                        : String.format("byte 0x%02x starts an overlong form", b));
            }
            if (b < 0xE0) {
                pending = 1;
            } else if (b < 0xF0) {
                pending = 2;
                if (b == 0xE0) {
                    low = 0xA0;
                } else if (b == 0xED) {
                    high = 0x9F;
                }
            } else if (b < 0xF5) {
                pending = 3;
                if (b == 0xF0) {
                    low = 0x90;
                } else if (b == 0xF4) {
                    high = 0x8F;
                }
            } else {
                throw new MalformedException(offset, String.format("byte 0x%02x never occurs in UTF-8", b));
            }
        }

        void end() throws MalformedException {
            if (pending > 0) {
                throw new MalformedException(start, "the text ends inside a multi-byte sequence");
            }
        }
    }
}
