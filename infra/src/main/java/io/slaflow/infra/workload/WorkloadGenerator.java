package io.slaflow.infra.workload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The workload of a {@link WorkloadSpec} as a stream of JSON Lines records in (approximately) event-time order.
 *
 * <p>Hour by hour, each client raises tickets (a Poisson number, at its local rhythm, plus round-the-clock
 * monitoring alerts); each new ticket's whole lifecycle is planned at once and queued by emission time. Before an
 * hour is generated, every queued event due before it is emitted, so memory holds only the open tickets' pending
 * events, whatever the duration. Everything derives from the seed: the same spec gives the same bytes.
 */
public final class WorkloadGenerator implements Iterator<GeneratedRecord> {

    private static final long HOUR = 3_600_000L;
    /** Share of each client's tickets raised by monitoring, round the clock. */
    static final double MONITORING_SHARE = 0.15;

    private final WorkloadSpec spec;
    private final List<WorkloadClient> clients;
    private final double[] humanPerWeek;
    private final double[] monitoringPerHour;
    private final long endMillis;
    private final TicketPlanner planner;
    private final SplittableRandom arrivals;
    private final SplittableRandom emission;
    private final PriorityQueue<PlannedEvent> pending = new PriorityQueue<>(
            Comparator.<PlannedEvent>comparingLong(e -> e.emitAt).thenComparingLong(e -> e.seq));
    private final ArrayDeque<GeneratedRecord> ready = new ArrayDeque<>();
    private final WorkloadStats stats = new WorkloadStats();
    private long nextHour;
    private long ticketSeq;
    private long eventSeq;

    public WorkloadGenerator(WorkloadSpec spec) {
        this.spec = spec;
        this.clients = WorkloadClient.roster(spec.clients(), spec.seed());
        this.endMillis = spec.end().toEpochMilli();
        this.planner = new TicketPlanner(endMillis);
        this.arrivals = new SplittableRandom(spec.seed());
        this.emission = new SplittableRandom(spec.seed() ^ 0x6A09E667F3BCC909L);
        double meanVolume =
                clients.stream().mapToDouble(c -> c.tier().volume).average().orElse(1);
        humanPerWeek = new double[clients.size()];
        monitoringPerHour = new double[clients.size()];
        for (int i = 0; i < clients.size(); i++) {
            double perDay = spec.ticketsPerClientPerDay() * clients.get(i).tier().volume / meanVolume;
            humanPerWeek[i] = perDay * 7 * (1 - MONITORING_SHARE);
            monitoringPerHour[i] = perDay * MONITORING_SHARE / 24;
        }
        this.nextHour = Math.floorDiv(spec.start().toEpochMilli(), HOUR) * HOUR;
    }

    public List<WorkloadClient> clients() {
        return clients;
    }

    /** What has been produced so far (complete once the iterator is exhausted). */
    public WorkloadStats stats() {
        return stats;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !ready.isEmpty();
    }

    @Override
    public GeneratedRecord next() {
        fill();
        if (ready.isEmpty()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    /** Writes the whole (remaining) workload to {@code file}, one record per line; returns the counts. */
    public WorkloadStats writeJsonLines(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            writeJsonLines(out);
        }
        return stats;
    }

    public WorkloadStats writeJsonLines(OutputStream out) throws IOException {
        while (hasNext()) {
            out.write(next().json());
            out.write('\n');
        }
        return stats;
    }

    private void fill() {
        while (ready.isEmpty()) {
            PlannedEvent head = pending.peek();
            if (head != null && (head.emitAt < nextHour || nextHour >= endMillis)) {
                emit(pending.poll());
            } else if (nextHour < endMillis) {
                generateHour(nextHour);
                nextHour += HOUR;
            } else {
                return;
            }
        }
    }

    private void generateHour(long hour) {
        long from = Math.max(hour, spec.start().toEpochMilli());
        long to = Math.min(hour + HOUR, endMillis);
        if (to <= from) {
            return;
        }
        double fraction = (to - from) / (double) HOUR;
        List<long[]> arrivalsThisHour = new ArrayList<>(); // {time, client index, monitoring 0/1}
        for (int i = 0; i < clients.size(); i++) {
            ZonedDateTime local =
                    Instant.ofEpochMilli(hour).atZone(clients.get(i).zone());
            double human = humanPerWeek[i] * ArrivalRhythm.share(local.getDayOfWeek(), local.getHour()) * fraction;
            double monitoring = monitoringPerHour[i] * fraction;
            int n = poisson(human + monitoring, arrivals);
            for (int k = 0; k < n; k++) {
                long at = from + (long) (arrivals.nextDouble() * (to - from)) / 1000 * 1000;
                boolean alert = arrivals.nextDouble() * (human + monitoring) < monitoring;
                arrivalsThisHour.add(new long[] {at, i, alert ? 1 : 0});
            }
        }
        arrivalsThisHour.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        for (long[] a : arrivalsThisHour) {
            long number = ++ticketSeq;
            SplittableRandom rnd = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + number);
            Ticket ticket =
                    planner.raise(String.format("INC%07d", number), clients.get((int) a[1]), a[0], a[2] == 1, rnd);
            List<PlannedEvent> events = planner.plan(ticket, rnd);
            for (int k = 0; k < events.size(); k++) {
                PlannedEvent e = events.get(k);
                e.seq = eventSeq++;
                if (spec.outOfOrderShare() > 0 && rnd.nextDouble() < spec.outOfOrderShare()) {
                    // Arrives late, but never behind the ticket's own next event.
                    long room = k + 1 < events.size() ? events.get(k + 1).at - e.at - 1000 : Long.MAX_VALUE;
                    long skew = Math.min(WorkloadSpec.MAX_SKEW.toMillis(), room);
                    if (skew >= 1000) {
                        e.emitAt = e.at + 1000 + (long) (rnd.nextDouble() * (skew - 1000)) / 1000 * 1000;
                    }
                }
                pending.add(e);
            }
            stats.tickets++;
            stats.ticketsByExpectedTier.merge(ticket.expectedTier(), 1L, Long::sum);
            stats.ticketsByClientTier.merge(ticket.client().tier().label(), 1L, Long::sum);
            stats.ticketsBySource.merge(ticket.source(), 1L, Long::sum);
        }
    }

    private void emit(PlannedEvent e) {
        ObjectNode node = EventJson.node(e);
        double m = spec.malformedShare();
        if (m > 0 && emission.nextDouble() < m / (1 - m)) {
            MalformedRecords.Kind[] kinds = MalformedRecords.Kind.values();
            byte[] bad = MalformedRecords.corrupt(node, kinds[emission.nextInt(kinds.length)], emission);
            ready.add(new GeneratedRecord(bad, e.at, e.ticket.id(), true));
            stats.malformed++;
            stats.bytes += bad.length + 1;
        }
        byte[] json = EventJson.bytes(node);
        ready.add(new GeneratedRecord(json, e.at, e.ticket.id(), false));
        stats.events++;
        stats.bytes += json.length + 1;
        stats.eventsByType.merge(e.type, 1L, Long::sum);
        if (e.emitAt != e.at) {
            stats.outOfOrder++;
        }
    }

    /** Knuth's method; fine for the small per-hour means used here (split when large). */
    static int poisson(double mean, SplittableRandom rnd) {
        int n = 0;
        while (mean > 30) {
            n += poisson(30, rnd);
            mean -= 30;
        }
        double limit = Math.exp(-mean);
        double p = rnd.nextDouble();
        while (p > limit) {
            n++;
            p *= rnd.nextDouble();
        }
        return n;
    }
}
