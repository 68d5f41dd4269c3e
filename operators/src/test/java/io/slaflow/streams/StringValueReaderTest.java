package io.slaflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueChars;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.StringValue;
import org.junit.jupiter.api.Test;

/** {@link StringValueReader} reads exactly what {@link StringValue#writeString} wrote, and not a byte more. */
class StringValueReaderTest {

    @Property(tries = 2000)
    void readsAnyStringAsFlinkWroteIt(@ForAll @StringLength(max = 300) String s) throws IOException {
        assertRoundTrip(s);
    }

    @Property(tries = 500)
    void readsAsciiWithAFewWideCharsAnywhere(
            @ForAll @StringLength(min = 1, max = 40) @CharRange(from = 0x20, to = 0x7e) String ascii,
            @ForAll @StringLength(min = 1, max = 3) @UniqueChars @CharRange(from = 0x80, to = 0xffff) String wide,
            @ForAll boolean atTheEnd)
            throws IOException {
        // a wide char at the very end takes bytes past the string's length: the reader must fetch those from the view
        assertRoundTrip(atTheEnd ? ascii + wide : wide + ascii);
    }

    @Test
    void readsNullEmptyAndLengthsAcrossTheVarintBoundaries() throws IOException {
        assertRoundTrip(null);
        assertRoundTrip("");
        for (int n : new int[] {126, 127, 128, 16382, 16383, 16384, 70_000}) {
            assertRoundTrip("t".repeat(n));
            assertRoundTrip("é".repeat(n)); // two bytes per char
            assertRoundTrip("\uffff".repeat(n)); // three bytes per char
            assertRoundTrip("\ud83d\ude00".repeat(n / 2)); // a surrogate pair: two chars
        }
    }

    private static void assertRoundTrip(String s) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        StringValue.writeString(s, out);
        out.writeInt(0x5eed5eed); // what follows the string must be left where it is
        StringValue.writeString(s, out);
        byte[] bytes = out.getCopyOfBuffer();

        DataInputDeserializer in = new DataInputDeserializer(bytes);
        assertThat(StringValueReader.read(in)).isEqualTo(s);
        assertThat(in.readInt()).isEqualTo(0x5eed5eed);
        assertThat(StringValueReader.read(in)).isEqualTo(StringValue.readString(new DataInputDeserializer(bytes)));
        assertThat(in.available()).isZero();
    }
}
