package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.enforce.HeldEventsTest.Step;
import io.slaflow.event.DeadLetter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On RocksDB the enforcer keeps recently used tickets as objects and writes them back on eviction and before a
 * checkpoint ({@link TicketCache}, {@link SlaEnforcerOperator}). The cache must never change a decision: the same
 * out-of-order stream gives exactly the heap backend's outputs at any cache size (1 evicts on nearly every access),
 * across a snapshot and restore, and across a restore onto two subtasks; and a snapshot holds every change.
 */
class TicketCacheOnRocksDbTest {
    @TempDir
    Path dir;

    private int harnesses;

    @Test
    void theCacheSizeChangesNoDecision() throws Exception {
        List<Step> steps = HeldEventsTest.scenario(40, 7);
        String reference = onHeap(steps);
        for (int cached : new int[] {1, 3, 17, SlaEnforcer.DEFAULT_CACHED_TICKETS}) {
            assertThat(onRocksDb(steps, cached, -1)).as("cache of " + cached).isEqualTo(reference);
        }
    }

    @Test
    void aSnapshotHoldsEveryCachedChange() throws Exception {
        List<Step> steps = HeldEventsTest.scenario(40, 11);
        String reference = onHeap(steps);
        for (int cached : new int[] {1, 5, SlaEnforcer.DEFAULT_CACHED_TICKETS}) {
            for (int cut : new int[] {steps.size() / 3, steps.size() / 2, 2 * steps.size() / 3}) {
                assertThat(onRocksDb(steps, cached, cut))
                        .as("cache of " + cached + ", restored at step " + cut)
                        .isEqualTo(reference);
            }
        }
    }

    @Test
    void theCacheIsUsedAndStateIsWrittenBackBeforeASnapshot() throws Exception {
        List<Step> steps = HeldEventsTest.scenario(40, 13);
        try (EnforcerHarness h = rocksDb(null, SlaEnforcer.DEFAULT_CACHED_TICKETS, 1, 0)) {
            HeldEventsTest.feed(h, steps.subList(0, steps.size() / 2));
            assertThat(h.function.cachedTickets()).as("tickets cached").isPositive();
            assertThat(h.keyedStateEntries())
                    .as("nothing written yet: all changes are cached")
                    .isZero();
            h.snapshot();
            assertThat(h.keyedStateEntries()).as("written back by the snapshot").isPositive();
        }
    }

    @Test
    void aRestoreOntoTwoSubtasksGivesTheSameDecisions() throws Exception {
        List<Step> steps = HeldEventsTest.scenario(40, 17);
        String reference = onHeap(steps);
        int cut = steps.size() / 2;
        List<String> out = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (EnforcerHarness one = rocksDb(null, 4, 1, 0)) {
            HeldEventsTest.feed(one, steps.subList(0, cut));
            snapshot = one.snapshot();
            HeldEventsTest.collect(one, out);
        }
        List<EnforcerHarness> two = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                two.add(rocksDb(
                        AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                snapshot, EnforcerHarness.MAX_PARALLELISM, 1, 2, i),
                        4,
                        2,
                        i));
            }
            for (Step s : steps.subList(cut, steps.size())) {
                if (s.event() != null) {
                    two.get(KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                    s.event().ticketId, EnforcerHarness.MAX_PARALLELISM, 2))
                            .send(HeldEventsTest.copy(s.event()));
                } else {
                    for (EnforcerHarness h : two) h.harness.processWatermark(s.watermark());
                }
            }
            for (EnforcerHarness h : two) {
                HeldEventsTest.collect(h, out);
                h.snapshot();
                assertThat(h.keyedStateEntries())
                        .as("every closed ticket purged from RocksDB")
                        .isZero();
            }
        } finally {
            for (EnforcerHarness h : two) h.close();
        }
        assertThat(HeldEventsTest.sorted(out)).isEqualTo(reference);
    }

    /**
     * A purged ticket gives its cache slot up and, created and purged between two write-backs, never reaches the
     * ticket state; its tombstone goes to RocksDB at once, in a state of its own (held in the cache for its two
     * retentions, the tombstones of every ticket ended since outnumbered the live tickets and pushed them out; kept in
     * the ticket state they tripled it and halved the enforcer's throughput, BENCHMARKS.md). It still answers a late
     * event until two retentions after the purge, and then Flink's state TTL removes it.
     */
    @Test
    void aPurgedTicketGivesItsCacheSlotUpAndItsTombstoneStillAnswersALateEvent() throws Exception {
        EnforcerSettings settings = EnforcerSettings.live().withClosedGrace(java.time.Duration.ofHours(1));
        try (EnforcerHarness h = new EnforcerHarness(
                settings,
                null,
                SlaEnforcer.DEFAULT_MAX_HELD_EVENTS,
                1,
                0,
                dir.resolve("rocksdb-tombstones"),
                SlaEnforcer.DEFAULT_CACHED_TICKETS)) {
            for (int i = 0; i < 20; i++) {
                h.send(h.created("T" + i, "acme", "2026-11-16T10:00:00Z", "printer jam"));
                h.send(h.event("T" + i, "acme", io.slaflow.event.EventType.CLOSED, "2026-11-16T10:30:00Z"));
            }
            h.send(h.created("LIVE", "acme", "2026-11-16T11:00:00Z", "printer jam"));
            h.watermark("2026-11-16T11:30:00Z");
            assertThat(h.function.cachedTickets())
                    .as("the 20 purged tickets hold no slot; the live ticket does")
                    .isEqualTo(1);
            assertThat(h.keyedStateEntries())
                    .as("created and purged in the cache: never written to the ticket state")
                    .isZero();
            assertThat(h.tombstoneStateEntries())
                    .as("the tombstones are in RocksDB before any write-back")
                    .isEqualTo(20);

            h.send(h.event("T3", "acme", io.slaflow.event.EventType.REOPENED, "2026-11-16T12:00:00Z"));
            h.watermark("2026-11-16T12:01:00Z");
            assertThat(h.deadLetters())
                    .singleElement()
                    .satisfies(d -> assertThat(d.message())
                            .startsWith(
                                    "ticket 'T3' was closed at 2026-11-16T10:30:00Z, 1 h 30 min before this event"));

            h.send(h.created("T7", "acme", "2026-11-16T12:05:00Z", "printer jam")); // the id starts a new ticket
            h.send(h.event("T5", "acme", io.slaflow.event.EventType.REOPENED, "2027-01-15T11:30:00Z"));
            h.watermark("2027-01-15T11:30:00Z"); // purge + 60 days: the tombstones no longer count
            h.snapshot();
            assertThat(h.deadLetters())
                    .extracting(DeadLetter::message)
                    .element(1)
                    .isEqualTo(
                            "ticket 'T5' has no open"
                                    + " SLA state: it was never CREATED, or it was closed and purged; send its CREATED event first");
            assertThat(h.tickets())
                    .as("only the two open tickets are left")
                    .extracting(t -> t.sla.ticketId)
                    .containsExactly("LIVE", "T7");
            assertThat(h.function.cachedTickets()).isEqualTo(2);
            assertThat(h.tombstones())
                    .as("until their TTL; T7's CREATED did not touch its")
                    .hasSize(20);

            h.ttlClock(java.time.Duration.ofDays(60));
            assertThat(h.tombstones()).isEmpty();
        }
    }

    private static String onHeap(List<Step> steps) throws Exception {
        List<String> out = new ArrayList<>();
        try (EnforcerHarness h = new EnforcerHarness(EnforcerSettings.live())) {
            HeldEventsTest.feed(h, steps);
            HeldEventsTest.collect(h, out);
            assertThat(h.function.cachedTickets())
                    .as("the heap backend caches nothing")
                    .isZero();
        }
        String reference = HeldEventsTest.sorted(out);
        assertThat(reference)
                .contains("BREACH")
                .contains("ESCALATION")
                .contains("UNKNOWN_TICKET")
                .contains("MET");
        return reference;
    }

    private String onRocksDb(List<Step> steps, int cached, int restoreAt) throws Exception {
        List<String> out = new ArrayList<>();
        EnforcerHarness h = rocksDb(null, cached, 1, 0);
        try {
            for (int i = 0; i < steps.size(); i++) {
                if (i == restoreAt) {
                    OperatorSubtaskState snapshot = h.snapshot();
                    HeldEventsTest.collect(h, out);
                    h.close();
                    h = rocksDb(snapshot, cached, 1, 0);
                }
                HeldEventsTest.feed(h, steps.subList(i, i + 1));
            }
            HeldEventsTest.collect(h, out);
            h.snapshot();
            assertThat(h.keyedStateEntries())
                    .as("all closed tickets purged from RocksDB")
                    .isZero();
        } finally {
            h.close();
        }
        return HeldEventsTest.sorted(out);
    }

    private EnforcerHarness rocksDb(OperatorSubtaskState restoreFrom, int cached, int parallelism, int subtask)
            throws Exception {
        return new EnforcerHarness(
                EnforcerSettings.live(),
                restoreFrom,
                SlaEnforcer.DEFAULT_MAX_HELD_EVENTS,
                parallelism,
                subtask,
                dir.resolve("rocksdb-" + (harnesses++)),
                cached);
    }
}
