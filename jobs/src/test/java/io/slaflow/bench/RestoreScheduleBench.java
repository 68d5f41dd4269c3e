package io.slaflow.bench;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.enforce.PolicyVersion;
import io.slaflow.enforce.SlaEnforcer;
import io.slaflow.enforce.SlaEnforcerOperator;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.SlaAlert;
import io.slaflow.streams.OutputTags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/**
 * Issue 3: what a restore costs now that the enforcer's wake-up queue is rebuilt from keyed state instead of being
 * checkpointed. One enforcer subtask on RocksDB (incremental) gets {@code tickets} open tickets (a P1/P2/P3 mix, each
 * with a pending wake-up), is snapshotted and restored into a fresh operator; the harness times the restore (state
 * download is local here, so what is measured is RocksDB opening plus the rebuild's one pass over the tickets, which
 * the enforcer also logs on its own) and the first watermark after it, which fires the tickets' first warnings.
 *
 * <pre>
 * jobs/bench.sh RestoreScheduleBench tickets=50000,200000
 * </pre>
 */
public final class RestoreScheduleBench {
    private static final long T0 = Instant.parse("2026-11-16T09:00:00Z").toEpochMilli();
    private static final String[] SUBJECTS = {
        "production database down for all users", "VPN slow for one user", "printer out of toner"
    };

    private RestoreScheduleBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = EnforceThroughputBench.args(args);
        Path work = Path.of(a.getOrDefault("dir", "jobs/target/bench-restore")).toAbsolutePath();
        Path policyFile = Path.of("infra/policies/default.yaml");
        PolicyVersion policy =
                new PolicyVersion("default", Files.readString(policyFile), policyFile.toString(), Long.MIN_VALUE);
        for (String n : a.getOrDefault("tickets", "50000,200000").split(",")) {
            run(Integer.parseInt(n), policy, work.resolve(n));
        }
        System.exit(0);
    }

    private static void run(int tickets, PolicyVersion policy, Path dir) throws Exception {
        OperatorSubtaskState snapshot;
        long fed = System.nanoTime();
        try (var h = harness(policy, dir.resolve("before"))) {
            h.initializeEmptyState();
            h.open();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            for (int i = 0; i < tickets; i++) {
                long at = T0 + (long) i * 3_600_000L / tickets; // an hour of creations, in order
                TicketEvent e = new TicketEvent("c-" + i, "T" + i, "client-" + (i % 200), EventType.CREATED, at);
                e.subject = SUBJECTS[i % SUBJECTS.length];
                e.source = "portal";
                h.processElement(e, at);
                if (i % 1_000 == 999) {
                    h.processWatermark(at - 60_000);
                }
            }
            h.processWatermark(
                    T0 + 3_600_000L); // every ticket created; none due yet (the first P1 warning is 7.5 min in)
            snapshot = h.snapshot(1L, 1L);
            var deadLetters = h.getSideOutput(OutputTags.DEAD_LETTERS);
            if (deadLetters != null && !deadLetters.isEmpty()) {
                throw new IllegalStateException("every generated ticket must be accepted, but: " + deadLetters.peek());
            }
        }
        System.out.printf(
                "%,d open tickets fed and snapshotted in %,d ms%n", tickets, (System.nanoTime() - fed) / 1_000_000);

        long start = System.nanoTime();
        try (var h = harness(policy, dir.resolve("after"))) {
            h.initializeState(snapshot);
            h.open(); // rebuilds the wake-up queue
            long opened = System.nanoTime();
            h.processBroadcastWatermark(Long.MAX_VALUE);
            h.processWatermark(T0 + 5 * 3_600_000L); // five hours on: P1 and P2 tickets warn and breach
            long fired = System.nanoTime();
            System.out.printf(
                    "restore of %,d tickets: operator open (RocksDB restore + rebuild) %,d ms (%,.0f tickets/s); "
                            + "first watermark after it: %,d outputs in %,d ms%n",
                    tickets,
                    (opened - start) / 1_000_000,
                    tickets / ((opened - start) / 1e9),
                    h.getOutput().size(),
                    (fired - opened) / 1_000_000);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, TicketEvent, PolicyVersion, SlaAlert> harness(
            PolicyVersion policy, Path rocksDbDir) throws Exception {
        var h = new KeyedBroadcastOperatorTestHarness<>(
                new SlaEnforcerOperator(new SlaEnforcer(policy, EnforcerSettings.live())),
                (TicketEvent e) -> e.ticketId,
                Types.STRING,
                128,
                1,
                0);
        EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend(true);
        Files.createDirectories(rocksDbDir);
        rocksDb.setDbStoragePath(rocksDbDir.toString());
        rocksDb.getMemoryConfiguration()
                .setUseManagedMemory(false); // the harness gives RocksDB half a megabyte otherwise
        h.setStateBackend(rocksDb);
        h.setCheckpointStorage(new FileSystemCheckpointStorage(
                rocksDbDir.resolveSibling("checkpoints").toUri()));
        h.setup();
        return h;
    }
}
