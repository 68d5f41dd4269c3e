package io.slaflow.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks that bytes are well-formed UTF-8 as RFC 3629 (and Unicode's table 3-7) defines it, before the JSON parser
 * sees them. Jackson's byte parser decodes leniently: it takes the overlong {@code C0 AF} for {@code /} and
 * {@code C0 AE C0 AE} for {@code ..}, the encoded surrogate {@code ED A0 80}, and code points above U+10FFFF, so a
 * record that is not UTF-8 would pass as a valid event and carry text that no other UTF-8 reader agrees on.
 *
 * <p>One pass, no allocation; ASCII, most of an event, is skipped eight bytes at a time.
 */
public final class StrictUtf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private StrictUtf8() {}

    /** The first problem in {@code bytes}, or {@code null} when they are well-formed UTF-8. */
    public static Problem firstProblem(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            while (i + 8 <= n && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                i += 8; // eight ASCII bytes
            }
            if (i == n) {
                break;
            }
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                if (b == 0xE0) secondMin = 0xA0; // below: an overlong encoding of U+0000..U+07FF
                else if (b == 0xED) secondMax = 0x9F; // above: a UTF-16 surrogate, U+D800..U+DFFF
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                if (b == 0xF0) secondMin = 0x90; // below: an overlong encoding of U+0000..U+FFFF
                else if (b == 0xF4) secondMax = 0x8F; // above: beyond U+10FFFF
            } else if (b >= 0x80 && b <= 0xBF) {
                return new Problem(i, "a continuation byte 0x" + hex(b) + " with no lead byte before it");
            } else if (b == 0xC0 || b == 0xC1) {
                return new Problem(i, "an overlong encoding (lead byte 0x" + hex(b) + ")");
            } else {
                return new Problem(
                        i,
                        "the byte 0x" + hex(b)
                                + ", which never occurs in UTF-8 (it would encode a code point above U+10FFFF)");
            }
            if (i + length > n) {
                return new Problem(
                        i,
                        "a sequence cut off at the end (lead byte 0x" + hex(b) + " needs " + (length - 1)
                                + " more bytes)");
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                if (second >= 0x80 && second <= 0xBF) {
                    return new Problem(
                            i,
                            b == 0xED
                                    ? "an encoded UTF-16 surrogate (0xED 0x" + hex(second) + ")"
                                    : b == 0xF4
                                            ? "a code point above U+10FFFF (0xF4 0x" + hex(second) + ")"
                                            : "an overlong encoding (0x" + hex(b) + " 0x" + hex(second) + ")");
                }
                return new Problem(
                        i,
                        "the lead byte 0x" + hex(b) + " followed by 0x" + hex(second) + " at byte " + (i + 1)
                                + ", not a continuation byte");
            }
            for (int k = 2; k < length; k++) {
                int c = bytes[i + k] & 0xFF;
                if (c < 0x80 || c > 0xBF) {
                    return new Problem(
                            i,
                            "the lead byte 0x" + hex(b) + " followed by 0x" + hex(c) + " at byte " + (i + k)
                                    + ", not a continuation byte");
                }
            }
            i += length;
        }
        return null;
    }

    /**
     * The index of the first UTF-16 surrogate in {@code text} that is not half of a pair, or -1. JSON can write one as
     * an escape ({@code "\\ud800"}) in perfectly valid UTF-8 bytes, but such a string is not Unicode text: it has no
     * UTF-8 form, so every writer that encodes it (a file, an XML parser, a PDF) fails on it.
     */
    public static int unpairedSurrogate(char[] chars, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) continue;
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                i++;
                continue;
            }
            return i - offset;
        }
        return -1;
    }

    /** As {@link #unpairedSurrogate(char[], int, int)} for a string. */
    public static int unpairedSurrogate(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    private static String hex(int b) {
        return String.format("%02X", b);
    }

    /** What is wrong and where: the 0-based offset of the first byte of the bad sequence. */
    public record Problem(int offset, String what) {
        @Override
        public String toString() {
            return "at byte " + offset + ": " + what;
        }
    }
}
