package io.slaflow.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.types.StringValue;

/**
 * Reads a string written by {@link StringValue#writeString} (the layout of our events on the wire and in state),
 * faster than {@link StringValue#readString} for the strings events carry, which are ASCII almost always.
 *
 * <p>The layout: the length plus one (0 is null) as a little-endian base-128 varint, then each UTF-16 char as such a
 * varint (one byte below 0x80, two or three above). Every char takes at least one byte, so the first {@code length}
 * bytes belong to this string whatever it holds: they are read in one bulk copy, and if none has its high bit set
 * they are the string itself in Latin-1. Otherwise the chars are decoded from those bytes and the ones after them.
 * {@link StringValue#readString} instead reads byte by byte through the view into a thread-local char buffer (the
 * enforcer's subtask spent a tenth of its time there, BENCHMARKS.md). {@code StringValueReaderTest} holds the two
 * equal on every kind of string.
 */
public final class StringValueReader {
    private static final int HIGH_BIT = 0x80;

    private StringValueReader() {}

    public static String read(DataInputView in) throws IOException {
        int len = in.readUnsignedByte();
        if (len == 0) {
            return null;
        }
        if (len >= HIGH_BIT) {
            len &= 0x7f;
            int shift = 7;
            int b;
            while ((b = in.readUnsignedByte()) >= HIGH_BIT) {
                len |= (b & 0x7f) << shift;
                shift += 7;
            }
            len |= b << shift;
        }
        len -= 1; // the length written is offset by one, 0 being null
        byte[] bytes = new byte[len];
        in.readFully(bytes);
        for (int i = 0; i < len; i++) {
            if (bytes[i] < 0) { // high bit set: a char of two or three bytes
                return decode(bytes, i, len, in);
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Decodes the chars from {@code bytes} (the first {@code ascii} are one byte each), then from {@code in}. */
    private static String decode(byte[] bytes, int ascii, int len, DataInputView in) throws IOException {
        char[] chars = new char[len];
        for (int i = 0; i < ascii; i++) {
            chars[i] = (char) bytes[i];
        }
        int at = ascii;
        for (int i = ascii; i < len; i++) {
            int b = at < len ? bytes[at++] & 0xff : in.readUnsignedByte();
            int c = b & 0x7f;
            int shift = 7;
            while (b >= HIGH_BIT) {
                b = at < len ? bytes[at++] & 0xff : in.readUnsignedByte();
                c |= (b & 0x7f) << shift;
                shift += 7;
            }
            chars[i] = (char) c;
        }
        return new String(chars);
    }
}
