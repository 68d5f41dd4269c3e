package io.slaflow.jobs.replay;

import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEventDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One quick pass over the input before the job: how many lines and valid events, the last event time (the
 * default as-of), and how many valid events lie after a given as-of instant (they are not applied; the summary
 * says so).
 */
public final class InputScan {
    long lines;
    long validEvents;
    long firstEventTime = Long.MAX_VALUE;
    long lastEventTime = Long.MIN_VALUE;
    /** The furthest any valid event lies behind an earlier line's event time: the file's own disorder. */
    long maxDisorderMs;
    long afterAsOf;

    private InputScan() {}

    /** @param asOf null when the as-of is the last event time (then nothing is after it) */
    public static InputScan of(Path file, int maxPayloadBytes, Long asOf) throws IOException {
        InputScan scan = new InputScan();
        TicketEventDeserializer parser = new TicketEventDeserializer(maxPayloadBytes);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            ByteArrayOutputStream line = new ByteArrayOutputStream(512);
            int n;
            while ((n = in.read(buf)) != -1) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        scan.count(parser, line.toByteArray(), asOf);
                        line.reset();
                    } else {
                        line.write(buf[i]);
                    }
                }
            }
            if (line.size() > 0) {
                scan.count(parser, line.toByteArray(), asOf);
            }
        }
        return scan;
    }

    private void count(TicketEventDeserializer parser, byte[] bytes, Long asOf) {
        lines++;
        if (parser.parse(bytes) instanceof ParseResult.Accepted a) {
            validEvents++;
            if (lastEventTime != Long.MIN_VALUE) maxDisorderMs = Math.max(maxDisorderMs, lastEventTime - a.event().occurredAt);
            lastEventTime = Math.max(lastEventTime, a.event().occurredAt);
            firstEventTime = Math.min(firstEventTime, a.event().occurredAt);
            if (asOf != null && a.event().occurredAt > asOf) afterAsOf++;
        }
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

    /** Replay's as-of rule: the instant given, else the last valid event time (0 without events). */
    public long asOfOr(java.time.Instant given) {
        return given != null ? given.toEpochMilli() : lastEventTime == Long.MIN_VALUE ? 0 : lastEventTime;
    }

    /**
     * Replay's watermark bound: the out-of-orderness given, widened to the disorder the file actually has, so no event
     * of an unsorted export is late.
     */
    public java.time.Duration watermarkBound(java.time.Duration outOfOrderness) {
        return outOfOrderness.toMillis() >= maxDisorderMs ? outOfOrderness : java.time.Duration.ofMillis(maxDisorderMs);
    }
}
