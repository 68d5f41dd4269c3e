package io.slaflow.jobs.replay;

import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.ingest.EventTimeWindow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One quick pass over the input before the job: how many lines (blank ones apart), the valid events' times, and from
 * them the window of event time the file covers ({@link EventTimeWindow}: outliers are left out of everything below),
 * the last event time (the default as-of), the file's own disorder, and how many valid events lie after a given as-of
 * instant (they are not applied; the summary says so).
 */
public final class InputScan {
    long lines;
    long blankLines;
    /** Valid per the contract and inside the window: what the enforcer receives. */
    long validEvents;
    /** Valid per the contract but dated outside the window: TIME_OUTLIER dead letters. */
    long outliers;

    long firstEventTime = Long.MAX_VALUE;
    long lastEventTime = Long.MIN_VALUE;
    /** The furthest any valid event lies behind an earlier line's event time: the file's own disorder. */
    long maxDisorderMs;

    long afterAsOf;
    /** Null when the file has no valid event. */
    EventTimeWindow window;

    private InputScan() {}

    /**
     * @param asOf          null when the as-of is the last event time (then nothing is after it)
     * @param outlierMargin the least margin around the bulk of the file's event times (see {@link #windowOf})
     */
    public static InputScan of(Path file, int maxPayloadBytes, Long asOf, Duration outlierMargin) throws IOException {
        InputScan scan = new InputScan();
        TicketEventDeserializer parser = new TicketEventDeserializer(maxPayloadBytes);
        long[] times = new long[1024];
        int n = 0;
        // read as the job's source reads it (NumberedLines): the same lines, numbers and bytes, a block at a time
        // (a byte at a time into a growing buffer, this scan was a tenth of a 1,000,000-event replay's samples)
        long nonBlank = 0;
        try (InputStream in = Files.newInputStream(file)) {
            NumberedLines lines = new NumberedLines(in);
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                nonBlank++;
                if (parser.parse(line) instanceof ParseResult.Accepted a) {
                    if (n == times.length) times = Arrays.copyOf(times, n * 2);
                    times[n++] = a.event().occurredAt;
                }
            }
            scan.lines = lines.lineNumber();
        }
        scan.blankLines = scan.lines - nonBlank;
        scan.window = windowOf(Arrays.copyOf(times, n), outlierMargin);
        for (int i = 0; i < n; i++) scan.count(times[i], asOf);
        return scan;
    }

    private void count(long t, Long asOf) {
        if (!window.contains(t)) {
            outliers++;
            return;
        }
        validEvents++;
        if (lastEventTime != Long.MIN_VALUE) maxDisorderMs = Math.max(maxDisorderMs, lastEventTime - t);
        lastEventTime = Math.max(lastEventTime, t);
        firstEventTime = Math.min(firstEventTime, t);
        if (asOf != null && t > asOf) afterAsOf++;
    }

    /**
     * The span the file plausibly covers: its middle half of event times (first to third quartile, nearest rank),
     * widened on both sides by three times that span or by {@code margin}, whichever is more. An audit's events spread
     * over months, so the window holds every one of them, but a single event years away is far outside it however
     * few events the file has. Null when there are no times at all.
     */
    static EventTimeWindow windowOf(long[] times, Duration margin) {
        if (times.length == 0) return null;
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        long q1 = sorted[(int) Math.ceil(0.25 * sorted.length) - 1];
        long q3 = sorted[(int) Math.ceil(0.75 * sorted.length) - 1];
        long widen = Math.max(saturatedMul(q3 - q1, 3), margin.toMillis());
        return new EventTimeWindow(
                saturatedAdd(q1, -widen),
                saturatedAdd(q3, widen),
                "the middle half of the file's event"
                        + " times, " + Instant.ofEpochMilli(q1) + " to " + Instant.ofEpochMilli(q3) + ", widened by "
                        + Duration.ofMillis(widen).toDays() + " days on each side");
    }

    private static long saturatedMul(long a, long b) {
        long r = a * b;
        return a != 0 && r / a != b ? Long.MAX_VALUE : r;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? (b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
    }

    // read by other jobs that run replay's engine on a file (the contract simulator)

    public long lines() {
        return lines;
    }

    public long validEvents() {
        return validEvents;
    }

    /** The earliest valid event time; {@link Long#MAX_VALUE} without valid events. */
    public long firstEventTime() {
        return firstEventTime;
    }

    /** The latest valid event time; {@link Long#MIN_VALUE} without valid events. */
    public long lastEventTime() {
        return lastEventTime;
    }

    public long maxDisorderMs() {
        return maxDisorderMs;
    }

    public long afterAsOf() {
        return afterAsOf;
    }

    /** Valid events dated outside {@link #window()}: TIME_OUTLIER dead letters, in no figure. */
    public long outliers() {
        return outliers;
    }

    /** The span of event time the file covers (replay's outlier rule); null without valid events. */
    public EventTimeWindow window() {
        return window;
    }

    /** Replay's as-of rule: the instant given, else the last valid event time (0 without events). */
    public long asOfOr(java.time.Instant given) {
        return given != null ? given.toEpochMilli() : lastEventTime == Long.MIN_VALUE ? 0 : lastEventTime;
    }

    /**
     * The watermark bound for reading the file unsorted (the contract simulator; replay sorts it instead,
     * {@link EventTimeSorter}): the out-of-orderness given, widened to the disorder the file actually has, so no event
     * of an unsorted export is late.
     */
    public java.time.Duration watermarkBound(java.time.Duration outOfOrderness) {
        return outOfOrderness.toMillis() >= maxDisorderMs ? outOfOrderness : java.time.Duration.ofMillis(maxDisorderMs);
    }
}
