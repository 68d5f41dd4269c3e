package io.slaflow.jobs.replay;

import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEventDeserializer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Sorts a JSON Lines file by event time before a replay, in bounded memory, so the job holds no more events than its
 * own out-of-orderness: without it, the watermark had to wait as far as the file was out of order, and the enforcer
 * held every event within that disorder (hours of it in a history export: gigabytes of heap).
 * <p>
 * An external merge sort ({@link ExternalSort}): lines are read as the job reads them ({@link NumberedLines}), cut
 * into sorted runs of at most {@code budgetBytes} of lines each ({@link SortedRunFile}), written under the work
 * folder, and merged k ways. The order is (event time, line number): stable, so lines at the same time keep file order
 * and the enforcer's tie rule (arrival order) sees what it saw in the unsorted file. A line whose event time cannot be
 * read (the parser refuses it) goes first, in file order: the job's parser still refuses it, with the same bytes and
 * line number, and it moves no watermark wherever it is.
 */
public final class EventTimeSorter {
    /** Runs merged at once: each open run costs a read buffer; more runs are merged in several rounds. */
    static final int MAX_FAN_IN = ExternalSort.MAX_FAN_IN;
    /** A line held in memory costs more than its bytes: the entry, its array header, the list's slot. */
    static final int ENTRY_OVERHEAD_BYTES = 64;
    /** The sorted input, in the work folder (the runs are removed once merged into it). */
    static final String SORTED_FILE = "sorted.run";

    private final long budgetBytes;
    private final TicketEventDeserializer parser;

    /**
     * @param budgetBytes     the most bytes of lines held in memory at once (at least one line is always held)
     * @param maxPayloadBytes the replay's record limit, so the sorter reads a time exactly where the job's parser would
     */
    public EventTimeSorter(long budgetBytes, int maxPayloadBytes) {
        this.budgetBytes = budgetBytes;
        this.parser = new TicketEventDeserializer(maxPayloadBytes);
    }

    /** Replay's budget: an eighth of the heap, which leaves the rest to the job that runs after the sort. */
    public static long defaultBudget() {
        return Runtime.getRuntime().maxMemory() / 8;
    }

    /**
     * Only a file further out of order than the out-of-orderness needs sorting: within it (a file in order, or one a
     * few minutes out), no event is late and the enforcer holds no more than that bound, unsorted, as before.
     */
    public static boolean needed(InputScan scan, java.time.Duration outOfOrderness) {
        return scan.maxDisorderMs > outOfOrderness.toMillis();
    }

    /** What the sort wrote: the sorted file and how it got there. */
    public record Sorted(Path file, long lines, int runs) {}

    /**
     * Sorts {@code input} into {@code workDir}/{@value #SORTED_FILE}; the folder is created and is left holding just
     * that file.
     */
    public Sorted sort(Path input, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path sorted = workDir.resolve(SORTED_FILE);
        long lines = 0;
        // every line kept (no key): the line numbers make every one unique anyway
        try (ExternalSort<SortedRunFile.Entry> sort =
                new ExternalSort<>(workDir, "input", Comparator.naturalOrder(), SortedRunFile.FORMAT, null)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(input), 1 << 16)) {
                NumberedLines reader = new NumberedLines(in);
                for (byte[] bytes = reader.next(); bytes != null; bytes = reader.next()) {
                    long cost = bytes.length + ENTRY_OVERHEAD_BYTES;
                    if (sort.holdsAny() && sort.held() + cost > budgetBytes) sort.spill();
                    sort.add(new SortedRunFile.Entry(eventTime(bytes), reader.lineNumber(), bytes), cost);
                    lines++;
                }
            }
            try (ExternalSort.RunWriter<SortedRunFile.Entry> w =
                    new ExternalSort.RunWriter<>(sorted, SortedRunFile.FORMAT)) {
                sort.drain(w::write); // straight from memory when it all fitted in one run
            }
            return new Sorted(sorted, lines, Math.max(1, sort.spilledRuns()));
        }
    }

    /** The line's event time, or {@link Long#MIN_VALUE} when the parser refuses it: such lines go first. */
    private long eventTime(byte[] line) {
        return parser.parse(line) instanceof ParseResult.Accepted a ? a.event().occurredAt : Long.MIN_VALUE;
    }
}
