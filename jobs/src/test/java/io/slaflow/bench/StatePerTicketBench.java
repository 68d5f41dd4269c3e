package io.slaflow.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Issue 3, benchmark 2: serialized keyed state per open ticket on RocksDB (the enforcer's EnforcedTicket: TicketState,
 * its next wake-up instant and the pending-event buffer; the wake-up queue itself is not checkpointed). The enforcement graph of {@link EnforceThroughputBench} reads a
 * workload in which RESOLVED and CLOSED events are left out, so every created ticket is still open at the end; the job
 * keeps running, and the harness then takes a canonical savepoint (format-independent serialized state) and a native
 * one (RocksDB SST files), and reads the last incremental checkpoint's full state size. Two sizes, so the fixed part
 * (operator, source and broadcast policy state, metadata) cancels: bytes/ticket = Δsize / Δtickets. Finally the
 * realistic mix (all events: open tickets plus resolved/closed ones kept for the retention period).
 *
 * <p>Run (from the repository root):
 * <pre>
 * java -Xmx4g -Djava.io.tmpdir=jobs/target/bench-tmp -Dlog4j2.configurationFile=jobs/src/test/resources/log4j2-test.xml \
 *      -cp "jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/cp.txt)" io.slaflow.bench.StatePerTicketBench \
 *      clients=100 days=7,21
 * </pre>
 */
public final class StatePerTicketBench {
    private StatePerTicketBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = EnforceThroughputBench.args(args);
        int clients = Integer.parseInt(a.getOrDefault("clients", "100"));
        String[] days = a.getOrDefault("days", "7,21").split(",");
        Path work = Path.of(a.getOrDefault("dir", "jobs/target/bench-state")).toAbsolutePath();
        Path policy = Path.of("infra/policies/default.yaml");
        long[] tickets = new long[days.length];
        long[][] sizes = new long[days.length][];
        for (int i = 0; i < days.length; i++) {
            BenchWorkload w = BenchWorkload.generateDays(7, clients, Integer.parseInt(days[i]), true);
            var r = EnforceThroughputBench.runOne(
                    EnforceThroughputBench.Mode.ENFORCE,
                    1,
                    Duration.ofSeconds(3),
                    work.resolve("open-" + days[i]),
                    policy,
                    w,
                    true);
            tickets[i] = w.withStateAtEnd;
            sizes[i] = new long[] {r.canonicalSavepoint(), r.nativeSavepoint(), r.stateSize()};
            System.out.printf(
                    "open only, %s days: %,d open tickets; canonical savepoint %,d B (%.0f B/ticket), native savepoint "
                            + "%,d B (%.0f B/ticket), last checkpoint full size %,d B (%.0f B/ticket)%n",
                    days[i],
                    tickets[i],
                    sizes[i][0],
                    (double) sizes[i][0] / tickets[i],
                    sizes[i][1],
                    (double) sizes[i][1] / tickets[i],
                    sizes[i][2],
                    (double) sizes[i][2] / tickets[i]);
        }
        if (days.length >= 2) {
            int l = days.length - 1;
            double dt = tickets[l] - tickets[0];
            System.out.printf(
                    "marginal (%s vs %s days): canonical %.0f B/open ticket, native %.0f B/open ticket, checkpoint %.0f B/open ticket%n",
                    days[l],
                    days[0],
                    (sizes[l][0] - sizes[0][0]) / dt,
                    (sizes[l][1] - sizes[0][1]) / dt,
                    (sizes[l][2] - sizes[0][2]) / dt);
        }
        BenchWorkload mix = BenchWorkload.generateDays(7, clients, Integer.parseInt(days[days.length - 1]), false);
        var r = EnforceThroughputBench.runOne(
                EnforceThroughputBench.Mode.ENFORCE, 1, Duration.ofSeconds(3), work.resolve("mix"), policy, mix, true);
        System.out.printf(
                "realistic mix, %s days: %s; canonical savepoint %,d B (%.0f B per ticket holding state), native %,d B "
                        + "(%.0f B), checkpoint full %,d B (%.0f B)%n",
                days[days.length - 1],
                mix,
                r.canonicalSavepoint(),
                (double) r.canonicalSavepoint() / mix.withStateAtEnd,
                r.nativeSavepoint(),
                (double) r.nativeSavepoint() / mix.withStateAtEnd,
                r.stateSize(),
                (double) r.stateSize() / mix.withStateAtEnd);
        System.exit(0);
    }
}
