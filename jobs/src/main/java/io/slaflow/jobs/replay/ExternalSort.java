package io.slaflow.jobs.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiPredicate;

/**
 * A sort in bounded memory, of records of any type: records are held in memory until the owner says to spill
 * ({@link #spill}), then written as a sorted run under a work folder, and the runs are merged k ways with a priority
 * queue. One piece for the replay's input ({@link EventTimeSorter}) and its outputs ({@link ReplayFiles}), so both
 * sort the same way: records that compare equal keep the order they were added in (runs are merged earliest run
 * first), and a run that was never spilled costs no disk at all (it is sorted and handed over in memory).
 * <p>
 * The owner decides when to spill (a budget per sort, or one budget shared by several sorts): the sort only counts
 * what it holds ({@link #held}), in the owner's measure of a record's cost.
 * <p>
 * Optionally, a record "superseded" by the one before it in the order is dropped (at every run written and every
 * merge): sorted so that the record to keep comes first among those of one key, that keeps exactly one per key
 * however the records were cut into runs.
 */
final class ExternalSort<T> implements AutoCloseable {
    /** Runs merged at once: each open run costs a read buffer; more runs are merged in several rounds. */
    static final int MAX_FAN_IN = 64;

    /** How a record is written to a run and read back. */
    interface RunFormat<T> {
        void write(DataOutputStream out, T record) throws IOException;

        /** The next record (there is one: the end of the run is found before this is asked). */
        T read(DataInputStream in) throws IOException;
    }

    /** Where the sorted records go. */
    interface Sink<T> {
        void accept(T record) throws IOException;
    }

    private final Path workDir;
    private final String name;
    private final Comparator<? super T> order;
    private final RunFormat<T> format;
    /** (previous, next) → next is dropped; null keeps every record. */
    private final BiPredicate<? super T, ? super T> superseded;
    private final List<T> buffer = new ArrayList<>();
    /** The runs waiting to be merged. */
    private final List<Path> runs = new ArrayList<>();
    /** Every run file this sort created: what {@link #close} makes sure is gone, however far the sort got. */
    private final List<Path> created = new ArrayList<>();
    private int spilled;
    private long held;
    private int nextRun;

    /**
     * @param workDir    where runs are written (created on the first spill)
     * @param name       names this sort's run files, so several sorts can share a folder
     * @param superseded whether a record is dropped after the one before it in the order, or null to keep all
     */
    ExternalSort(Path workDir, String name, Comparator<? super T> order, RunFormat<T> format,
                 BiPredicate<? super T, ? super T> superseded) {
        this.workDir = workDir;
        this.name = name;
        this.order = order;
        this.format = format;
        this.superseded = superseded;
    }

    void add(T record, long cost) {
        buffer.add(record);
        held += cost;
    }

    /** The cost of the records held in memory, as {@link #add} was told. */
    long held() {
        return held;
    }

    boolean holdsAny() {
        return !buffer.isEmpty();
    }

    /** Runs the records held in memory were written to so far (merge rounds not counted). */
    int spilledRuns() {
        return spilled;
    }

    /** Writes the records held in memory as a sorted run, and forgets them. */
    void spill() throws IOException {
        if (buffer.isEmpty()) return;
        Files.createDirectories(workDir);
        buffer.sort(order); // stable: records equal in the order keep the order they were added in
        Path run = nextRunFile();
        try (RunWriter<T> w = new RunWriter<>(run, format)) {
            T previous = null;
            for (T r : buffer) {
                if (!superseded(previous, r)) w.write(r);
                previous = r;
            }
        }
        runs.add(run);
        spilled++;
        buffer.clear();
        held = 0;
    }

    /**
     * Hands every record to {@code out} in order (superseded ones left out), and removes the runs. In memory when
     * nothing was spilled; otherwise what is held is spilled too, so the merge holds one record per run.
     */
    void drain(Sink<? super T> out) throws IOException {
        if (runs.isEmpty()) {
            buffer.sort(order);
            T previous = null;
            for (T r : buffer) {
                if (!superseded(previous, r)) out.accept(r);
                previous = r;
            }
            buffer.clear();
            held = 0;
            return;
        }
        spill();
        List<Path> pending = new ArrayList<>(runs);
        runs.clear();
        while (pending.size() > MAX_FAN_IN) {
            // rounds of neighbouring runs, each merged in place: the runs stay in the order they were written
            List<Path> round = new ArrayList<>();
            for (int from = 0; from < pending.size(); from += MAX_FAN_IN) {
                List<Path> group = pending.subList(from, Math.min(from + MAX_FAN_IN, pending.size()));
                if (group.size() == 1) {
                    round.add(group.get(0));
                    continue;
                }
                Path merged = nextRunFile();
                try (RunWriter<T> w = new RunWriter<>(merged, format)) {
                    merge(group, w::write);
                }
                round.add(merged);
            }
            pending = round;
        }
        merge(pending, out);
    }

    private boolean superseded(T previous, T next) {
        return previous != null && superseded != null && superseded.test(previous, next);
    }

    private Path nextRunFile() {
        Path run = workDir.resolve(name + "-run-" + nextRun++);
        created.add(run);
        return run;
    }

    /** Merges runs, earliest first (a record of an earlier run goes first among equals), into {@code out}; deletes them. */
    private void merge(List<Path> merged, Sink<? super T> out) throws IOException {
        record Head<R>(R record, int run, RunReader<R> from) {}
        PriorityQueue<Head<T>> heads = new PriorityQueue<>(merged.size(), (a, b) -> {
            int c = order.compare(a.record(), b.record());
            return c != 0 ? c : Integer.compare(a.run(), b.run());
        });
        List<RunReader<T>> open = new ArrayList<>();
        try {
            for (int i = 0; i < merged.size(); i++) {
                RunReader<T> r = new RunReader<>(merged.get(i), format);
                open.add(r);
                T first = r.next();
                if (first != null) heads.add(new Head<>(first, i, r));
            }
            T previous = null;
            while (!heads.isEmpty()) {
                Head<T> h = heads.poll();
                if (!superseded(previous, h.record())) out.accept(h.record());
                previous = h.record();
                T next = h.from().next();
                if (next != null) heads.add(new Head<>(next, h.run(), h.from()));
            }
        } finally {
            for (RunReader<T> r : open) r.close();
        }
        for (Path run : merged) Files.delete(run);
    }

    /** Removes any run left (a sort that failed or was never drained) and forgets what is held. */
    @Override
    public void close() throws IOException {
        for (Path run : created) Files.deleteIfExists(run);
        created.clear();
        runs.clear();
        buffer.clear();
        held = 0;
    }

    /** A run file being written, record by record. */
    static final class RunWriter<T> implements AutoCloseable {
        private final DataOutputStream out;
        private final RunFormat<T> format;

        RunWriter(Path file, RunFormat<T> format) throws IOException {
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            this.format = format;
        }

        void write(T record) throws IOException {
            format.write(out, record);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** A run file being read, record by record. */
    static final class RunReader<T> implements AutoCloseable {
        private final DataInputStream in;
        private final RunFormat<T> format;

        RunReader(Path file, RunFormat<T> format) throws IOException {
            this(Files.newInputStream(file), format);
        }

        RunReader(InputStream stream, RunFormat<T> format) {
            this.in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
            this.format = format;
        }

        /** The next record, or null at the end of the run. */
        T next() throws IOException {
            in.mark(1);
            if (in.read() == -1) return null;
            in.reset();
            return format.read(in);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
