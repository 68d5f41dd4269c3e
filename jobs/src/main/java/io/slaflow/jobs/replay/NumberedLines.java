package io.slaflow.jobs.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a JSON Lines stream as replay numbers them: split at '\n', a trailing '\r' cut, blank lines (spaces and
 * tabs only) skipped but counted, bytes otherwise untouched. One reader for the job's source ({@link JsonLinesFormat})
 * and the sort before it ({@link EventTimeSorter}), so a line keeps the same number and bytes on either path.
 */
final class NumberedLines {
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long lineNumber;

    /** @param in buffered by the caller: read a byte at a time */
    NumberedLines(InputStream in) {
        this.in = in;
    }

    /** The next non-blank line's bytes, or null at the end; {@link #lineNumber()} is then its number (from 1). */
    byte[] next() throws IOException {
        while (true) {
            line.reset();
            int b;
            boolean any = false;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
                any = true;
            }
            if (b == -1 && !any) {
                return null;
            }
            lineNumber++;
            byte[] bytes = line.toByteArray();
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\r') end--;
            if (JsonLinesFormat.isBlank(bytes, end)) continue;
            return end == bytes.length ? bytes : Arrays.copyOf(bytes, end);
        }
    }

    /** The number of the line {@link #next()} returned last, blank lines counted. */
    long lineNumber() {
        return lineNumber;
    }
}
