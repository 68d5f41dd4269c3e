package io.slaflow.bench;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.EventType;
import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.infra.workload.WorkloadGenerator;
import io.slaflow.infra.workload.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' input: a deterministic MSP workload ({@link WorkloadGenerator}) generated once into memory, plus
 * what the harness itself knows about it (tickets open and tickets holding state at the end), computed from the
 * input with the enforcer's purge rules, not read from the job.
 */
public final class BenchWorkload {
    /** The records, in generation (approximately event-time) order. Read by the in-memory source in the same JVM. */
    static volatile byte[][] records;

    final int clients;
    final int days;
    final long events;
    final long malformed;
    final long tickets;
    final long lastEventTime;
    final long openAtEnd;
    final long withStateAtEnd;
    final long totalBytes;

    private BenchWorkload(
            int clients,
            int days,
            long events,
            long malformed,
            long tickets,
            long lastEventTime,
            long openAtEnd,
            long withStateAtEnd,
            long totalBytes) {
        this.clients = clients;
        this.days = days;
        this.events = events;
        this.malformed = malformed;
        this.tickets = tickets;
        this.lastEventTime = lastEventTime;
        this.openAtEnd = openAtEnd;
        this.withStateAtEnd = withStateAtEnd;
        this.totalBytes = totalBytes;
    }

    /** Generates at least {@code minRecords} records ({@code clients} clients, as many days as needed), rounded down to a multiple of {@code multipleOf}. */
    static BenchWorkload generate(long seed, int clients, long minRecords, int multipleOf) {
        int days = 7;
        while (true) {
            List<byte[]> out = new ArrayList<>();
            WorkloadGenerator g = new WorkloadGenerator(
                    WorkloadSpec.defaults(seed).withClients(clients).withDuration(Duration.ofDays(days)));
            while (g.hasNext()) {
                out.add(g.next().json());
            }
            if (out.size() < minRecords) {
                days = (int) Math.ceil(days * 1.1 * minRecords / Math.max(1, out.size()));
                continue;
            }
            int n = out.size() - out.size() % multipleOf;
            byte[][] arr = out.subList(0, n).toArray(new byte[0][]);
            return analyse(arr, clients, days);
        }
    }

    /**
     * {@code days} of the workload; with {@code openOnly}, RESOLVED and CLOSED events are left out, so every created
     * ticket is still open at the end (the state-per-open-ticket benchmark).
     */
    static BenchWorkload generateDays(long seed, int clients, int days, boolean openOnly) {
        TicketEventDeserializer parser = new TicketEventDeserializer();
        List<byte[]> out = new ArrayList<>();
        WorkloadGenerator g = new WorkloadGenerator(
                WorkloadSpec.defaults(seed).withClients(clients).withDuration(Duration.ofDays(days)));
        while (g.hasNext()) {
            byte[] b = g.next().json();
            if (openOnly
                    && parser.parse(b) instanceof ParseResult.Accepted a
                    && (a.event().type == EventType.RESOLVED || a.event().type == EventType.CLOSED)) {
                continue;
            }
            out.add(b);
        }
        return analyse(out.toArray(new byte[0][]), clients, days);
    }

    private static final class T {
        boolean created;
        long resolvedAt = -1;
        long closedAt = -1;
        boolean reopenedAfterResolve;
    }

    private static BenchWorkload analyse(byte[][] arr, int clients, int days) {
        TicketEventDeserializer parser = new TicketEventDeserializer();
        Map<String, T> tickets = new HashMap<>();
        long malformed = 0;
        long last = Long.MIN_VALUE;
        long bytes = 0;
        for (byte[] b : arr) {
            bytes += b.length;
            ParseResult r = parser.parse(b);
            if (!(r instanceof ParseResult.Accepted a)) {
                malformed++;
                continue;
            }
            TicketEvent e = a.event();
            last = Math.max(last, e.occurredAt);
            T t = tickets.computeIfAbsent(e.ticketId, k -> new T());
            switch (e.type) {
                case CREATED -> t.created = true;
                case RESOLVED -> {
                    t.resolvedAt = Math.max(t.resolvedAt, e.occurredAt);
                    t.reopenedAfterResolve = false;
                }
                case REOPENED -> t.reopenedAfterResolve = true;
                case CLOSED -> t.closedAt = Math.max(t.closedAt, e.occurredAt);
                default -> {}
            }
        }
        // the watermark at the end of the input (replay strategy, 5 min bound): purges due before it have happened
        long wm = last - Duration.ofMinutes(5).toMillis();
        EnforcerSettings s = EnforcerSettings.live();
        long open = 0;
        long withState = 0;
        for (T t : tickets.values()) {
            if (!t.created) continue;
            boolean resolved = t.resolvedAt >= 0 && !t.reopenedAfterResolve;
            if (t.closedAt < 0 && !resolved) open++;
            long purgeAt = t.closedAt >= 0
                    ? t.closedAt + s.closedGraceMs()
                    : resolved ? t.resolvedAt + s.resolvedRetentionMs() : Long.MAX_VALUE;
            if (purgeAt > wm) withState++;
        }
        records = arr;
        return new BenchWorkload(clients, days, arr.length, malformed, tickets.size(), last, open, withState, bytes);
    }

    @Override
    public String toString() {
        return String.format(
                "%,d records (%,d malformed, %.0f MB) from %d clients x %d days, %,d tickets; at the end "
                        + "(computed from the input) %,d open, %,d holding state (open + resolved/closed within retention)",
                events, malformed, totalBytes / 1e6, clients, days, tickets, openAtEnd, withStateAtEnd);
    }
}
