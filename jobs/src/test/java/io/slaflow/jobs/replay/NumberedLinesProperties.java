package io.slaflow.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The block reader splits a stream exactly as the rule says, whatever the blocks it gets: lines longer than a block,
 * CR LF, lone CRs, blank and whitespace-only lines, no newline at the end, and a stream that hands out a few bytes
 * per read.
 */
class NumberedLinesProperties {

    /** A line as the rule defines it: its number (blank lines counted) and its bytes. */
    record Line(long number, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Line l && l.number == number && Arrays.equals(l.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(number) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return number + ":" + new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** The rule, written the plain way: split at '\n', cut one trailing '\r', skip lines of only spaces and tabs. */
    static List<Line> byTheRule(byte[] input) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        long number = 0;
        while (start < input.length) {
            int end = start;
            while (end < input.length && input[end] != '\n') end++;
            number++;
            int cut = end > start && input[end - 1] == '\r' ? end - 1 : end;
            byte[] bytes = Arrays.copyOfRange(input, start, cut);
            boolean blank = true;
            for (byte b : bytes) blank &= b == ' ' || b == '\t';
            if (!blank) lines.add(new Line(number, bytes));
            start = end + 1;
        }
        return lines;
    }

    static List<Line> read(InputStream in) throws IOException {
        NumberedLines reader = new NumberedLines(in);
        List<Line> lines = new ArrayList<>();
        for (byte[] b = reader.next(); b != null; b = reader.next()) lines.add(new Line(reader.lineNumber(), b));
        assertThat(reader.next()).as("stays at the end").isNull();
        return lines;
    }

    /** Hands out at most {@code most} bytes per read, so lines cross every kind of block boundary. */
    static InputStream trickling(byte[] input, int most, long seed) {
        Random r = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(input)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(most)));
            }
        };
    }

    static byte[] randomInput(Random r) {
        byte[] alphabet = {'\n', '\r', ' ', '\t', 'a', '{', '"', (byte) 0xC3, (byte) 0xA9, 0};
        int n = r.nextInt(4) == 0 ? 70_000 + r.nextInt(140_000) : r.nextInt(300);
        byte[] input = new byte[n];
        // long runs without a newline now and then: lines longer than the 64 KB block
        boolean longLines = r.nextInt(3) == 0;
        for (int i = 0; i < n; i++) {
            byte b = alphabet[r.nextInt(alphabet.length)];
            input[i] = longLines && b == '\n' && r.nextInt(5000) != 0 ? (byte) 'x' : b;
        }
        return input;
    }

    @Property(tries = 300)
    void splitsAsTheRuleSaysWhateverTheBlocks(@ForAll long seed, @ForAll @IntRange(min = 1, max = 9000) int most)
            throws IOException {
        byte[] input = randomInput(new Random(seed));
        List<Line> expected = byTheRule(input);
        assertThat(read(new ByteArrayInputStream(input))).isEqualTo(expected);
        assertThat(read(trickling(input, most, seed))).isEqualTo(expected);
    }

    @Test
    void numbersCountBlankLinesAndTheLastLineNeedsNoNewline() throws IOException {
        byte[] input = "{\"a\":1}\r\n\n \t\r\n{\"b\":2}\n\r\n{\"c\":3}".getBytes(StandardCharsets.UTF_8);
        assertThat(read(new ByteArrayInputStream(input)))
                .extracting(Line::toString)
                .containsExactly("1:{\"a\":1}", "4:{\"b\":2}", "6:{\"c\":3}");
        assertThat(read(new ByteArrayInputStream(new byte[0]))).isEmpty();
        assertThat(read(new ByteArrayInputStream("\n\n".getBytes(StandardCharsets.UTF_8))))
                .isEmpty();
    }
}
