package io.slaflow.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes a string exactly as {@link StringValue#writeString} does (the layout {@link StringValueReader} describes:
 * the length plus one, then each char, as base-128 varints), faster for the strings events carry, which are ASCII
 * almost always: each of their chars is one byte equal to it, so the chars go out in one bulk write. Flink's writer
 * puts every byte through {@code DataOutput.write(int)}, a call and a capacity check each (the replay's source thread
 * spent a tenth of its time there, BENCHMARKS.md). A string with any char from 0x80 up goes through Flink's writer.
 * {@code StringValueWriterTest} holds the bytes equal on every kind of string.
 */
public final class StringValueWriter {
    private static final int HIGH_BIT = 0x80;

    private StringValueWriter() {}

    public static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.write(0);
            return;
        }
        int len = s.length();
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) >= HIGH_BIT) {
                StringValue.writeString(s, out);
                return;
            }
        }
        int v = len + 1; // 0 is null; a String is never so long that this overflows past Flink's five-byte limit
        while (v >= HIGH_BIT) {
            out.write((v & 0x7f) | HIGH_BIT);
            v >>>= 7;
        }
        out.write(v);
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
