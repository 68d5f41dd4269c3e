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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

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
 * Optionally, one record per key: the first of its key in the order (sorted so that the record to keep comes first
 * among those of one key). It is kept as records are added (memory holds one per key, as a map would) and as runs are
 * merged, so exactly that one is left however the records were cut into runs.
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
    /** One record per key when not null: the first of its key in the order. */
    private final Function<? super T, ?> key;
    /** What is held when every record is kept. */
    private final List<T> buffer = new ArrayList<>();
    /** What is held when one per key is kept: the best so far of each key, and its cost. */
    private final Map<Object, Held<T>> byKey = new HashMap<>();
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
     * @param key        keeps one record per key, the first of its key in the order; null keeps every record
     */
    ExternalSort(
            Path workDir, String name, Comparator<? super T> order, RunFormat<T> format, Function<? super T, ?> key) {
        this.workDir = workDir;
        this.name = name;
        this.order = order;
        this.format = format;
        this.key = key;
    }

    private static final class Held<T> {
        T record;
        long cost;

        Held(T record, long cost) {
            this.record = record;
            this.cost = cost;
        }
    }

    void add(T record, long cost) {
        if (key == null) {
            buffer.add(record);
            held += cost;
            return;
        }
        Held<T> best = byKey.get(key.apply(record));
        if (best == null) {
            byKey.put(key.apply(record), new Held<>(record, cost));
            held += cost;
        } else if (order.compare(record, best.record) < 0) {
            held += cost - best.cost;
            best.record = record;
            best.cost = cost;
        }
    }

    /** The cost of the records held in memory, as {@link #add} was told. */
    long held() {
        return held;
    }

    boolean holdsAny() {
        return !buffer.isEmpty() || !byKey.isEmpty();
    }

    /** Runs the records held in memory were written to so far (merge rounds not counted). */
    int spilledRuns() {
        return spilled;
    }

    /** Writes the records held in memory as a sorted run, and forgets them. */
    void spill() throws IOException {
        if (!holdsAny()) return;
        Files.createDirectories(workDir);
        Path run = nextRunFile();
        try (RunWriter<T> w = new RunWriter<>(run, format)) {
            for (T r : takeHeld()) w.write(r);
        }
        runs.add(run);
        spilled++;
    }

    /** What is held, sorted (stable: records equal in the order keep the order they were added in), and forgotten. */
    private List<T> takeHeld() {
        List<T> sorted;
        if (key == null) {
            sorted = new ArrayList<>(buffer);
            buffer.clear();
        } else {
            sorted = new ArrayList<>(byKey.size());
            for (Held<T> h : byKey.values()) sorted.add(h.record);
            byKey.clear();
        }
        held = 0;
        sorted.sort(order);
        return sorted;
    }

    /**
     * Hands every record to {@code out} in order (one per key, if so), and removes the runs. In memory when
     * nothing was spilled; otherwise what is held is spilled too, so the merge holds one record per run.
     */
    void drain(Sink<? super T> out) throws IOException {
        if (runs.isEmpty()) {
            for (T r : takeHeld()) out.accept(r);
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

    /** Whether {@code next} is dropped: one per key is kept, and {@code previous} (before it in the order) has its key. */
    private boolean superseded(T previous, T next) {
        return key != null && previous != null && key.apply(previous).equals(key.apply(next));
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
        byKey.clear();
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
