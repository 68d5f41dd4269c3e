package io.slaflow.jobs.replay;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The file format of {@link EventTimeSorter}'s runs and of the sorted input it hands the job: a sequence of records,
 * each its sort key (event time, original line number) and the line's bytes, length-prefixed:
 * {@code long eventTime, long lineNumber, int length, byte[length]}. The line number travels with the bytes because
 * dead letters quote it: a sorted line must still be named by where it was in the file. Length-prefixed rather than
 * newline-separated, since a line may hold any bytes (a line that is not UTF-8 is refused with its exact bytes).
 */
final class SortedRunFile {
    private SortedRunFile() {}

    /** One line with its sort key. */
    record Entry(long eventTime, long lineNumber, byte[] bytes) implements Comparable<Entry> {
        /** Event time, then file order: a stable sort, so lines at the same time reach the job as the file had them. */
        @Override
        public int compareTo(Entry o) {
            int byTime = Long.compare(eventTime, o.eventTime);
            return byTime != 0 ? byTime : Long.compare(lineNumber, o.lineNumber);
        }
    }

    /** The record format, as {@link ExternalSort} writes its runs in it. */
    static final ExternalSort.RunFormat<Entry> FORMAT = new ExternalSort.RunFormat<>() {
        @Override
        public void write(DataOutputStream out, Entry e) throws IOException {
            out.writeLong(e.eventTime());
            out.writeLong(e.lineNumber());
            out.writeInt(e.bytes().length);
            out.write(e.bytes());
        }

        @Override
        public Entry read(DataInputStream in) throws IOException {
            long time = in.readLong();
            long line = in.readLong();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new Entry(time, line, bytes);
        }
    };

    /** For tests and tools: every entry of a file, in order. */
    static java.util.List<Entry> readAll(Path file) throws IOException {
        java.util.List<Entry> all = new java.util.ArrayList<>();
        try (ExternalSort.RunReader<Entry> r = new ExternalSort.RunReader<>(file, FORMAT)) {
            for (Entry e = r.next(); e != null; e = r.next()) all.add(e);
        }
        return all;
    }
}
