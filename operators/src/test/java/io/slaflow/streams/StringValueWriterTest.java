package io.slaflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;

/** {@link StringValueWriter} writes the very bytes {@link StringValue#writeString} writes. */
class StringValueWriterTest {

    @Property(tries = 2000)
    void writesAnyStringAsFlinkDoes(@ForAll @StringLength(max = 300) String s) throws IOException {
        assertSameBytes(s);
    }

    @Property(tries = 1000)
    void writesAsciiAsFlinkDoes(@ForAll @StringLength(max = 300) @CharRange(from = 0, to = 0x7f) String s)
            throws IOException {
        assertSameBytes(s);
    }

    @Test
    void writesNullEmptyAndLengthsAcrossTheVarintBoundaries() throws IOException {
        assertSameBytes(null);
        assertSameBytes("");
        for (int n : new int[] {126, 127, 128, 16382, 16383, 16384, 2_097_150, 2_097_151, 2_097_152}) {
            assertSameBytes("t".repeat(n));
            assertSameBytes("t".repeat(n - 1) + "\u0080"); // the first char Flink writes in two bytes
            assertSameBytes("\u00ff" + "t".repeat(n - 1));
        }
    }

    private static void assertSameBytes(String s) throws IOException {
        DataOutputSerializer flink = new DataOutputSerializer(64);
        StringValue.writeString(s, flink);
        flink.writeInt(0x5eed5eed);
        DataOutputSerializer ours = new DataOutputSerializer(64);
        StringValueWriter.write(s, ours);
        ours.writeInt(0x5eed5eed);
        assertThat(ours.getCopyOfBuffer()).isEqualTo(flink.getCopyOfBuffer());
    }
}
