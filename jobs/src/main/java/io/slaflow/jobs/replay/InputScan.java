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
final class InputScan {
    long lines;
    long validEvents;
    long lastEventTime = Long.MIN_VALUE;
    /** The furthest any valid event lies behind an earlier line's event time: the file's own disorder. */
    long maxDisorderMs;
    long afterAsOf;

    private InputScan() {}

    /** @param asOf null when the as-of is the last event time (then nothing is after it) */
    static InputScan of(Path file, int maxPayloadBytes, Long asOf) throws IOException {
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
            if (asOf != null && a.event().occurredAt > asOf) afterAsOf++;
        }
    }
}
