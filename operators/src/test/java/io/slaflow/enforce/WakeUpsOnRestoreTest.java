package io.slaflow.enforce;

import static io.slaflow.enforce.EnforcerHarness.at;
import static io.slaflow.enforce.HeldEventsTest.collect;
import static io.slaflow.enforce.HeldEventsTest.feed;
import static io.slaflow.enforce.HeldEventsTest.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.enforce.HeldEventsTest.Step;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.Metric;
import io.slaflow.sla.OutcomeUpdate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wake-up queue is not checkpointed: a restored enforcer schedules every ticket again from keyed state (its
 * wake-up, the events it buffered there) and the held events of the operator state. These runs give the restored
 * enforcer no further event after the restore, only watermarks, so every warning, breach, escalation and purge
 * after it must come from a rebuilt wake-up: the outputs must equal those of a run that was never interrupted.
 */
class WakeUpsOnRestoreTest {
    @TempDir
    Path rocksDb;

    @ParameterizedTest(name = "{0} events held on the heap")
    @ValueSource(ints = {0, 3, SlaEnforcer.DEFAULT_MAX_HELD_EVENTS})
    void onTheHeapBackend(int heldOnHeap) throws Exception {
        List<Step> steps = eventsThenOnlyWatermarks(17);
        assertThat(runRestoringAtTheCut(steps, heldOnHeap, null)).isEqualTo(uninterrupted(steps, heldOnHeap, null));
    }

    @Test
    void onRocksDbBehindTheTicketCache() throws Exception {
        List<Step> steps = eventsThenOnlyWatermarks(19);
        assertThat(runRestoringAtTheCut(steps, 3, rocksDb.resolve("a")))
                .isEqualTo(uninterrupted(steps, 3, rocksDb.resolve("b")));
    }

    @Test
    void onTwoSubtasksAfterARescale() throws Exception {
        List<Step> steps = eventsThenOnlyWatermarks(23);
        String reference = uninterrupted(steps, 3, null);
        int cut = cut(steps);
        List<String> out = new ArrayList<>();
        OperatorSubtaskState snapshot = snapshotAtTheCut(steps, 3, null, false, out);
        List<EnforcerHarness> two = EnforcerHarness.restoredOnTwoSubtasks(snapshot, 3);
        try {
            assertThat(two.get(0).wakeUpQueueSize())
                    .as("subtask 0 scheduled its tickets")
                    .isPositive();
            assertThat(two.get(1).wakeUpQueueSize())
                    .as("subtask 1 scheduled its tickets")
                    .isPositive();
            two.get(0)
                    .function
                    .wakeUps()
                    .forEach((t, ticket) -> assertThat(KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                    ticket, EnforcerHarness.MAX_PARALLELISM, 2))
                            .as("scheduled by its owner only")
                            .isZero());
            for (EnforcerHarness h : two) {
                feed(h, steps.subList(cut, steps.size()));
                collect(h, out);
                assertThat(h.wakeUpQueueSize()).as("every wake-up came due").isZero();
            }
        } finally {
            for (EnforcerHarness h : two) h.close();
        }
        assertThat(sorted(out)).isEqualTo(reference);
    }

    /**
     * A savepoint of a version that scheduled with Flink timers holds one timer per ticket and instant. Restored, they
     * fire after the rebuilt queue has done the work at that instant, and find nothing left to do: no output twice.
     */
    @Test
    void timersAnEarlierVersionRegisteredFindNothingLeftToDo() throws Exception {
        List<Step> steps = eventsThenOnlyWatermarks(29);
        String reference = uninterrupted(steps, 3, null);
        int cut = cut(steps);
        List<String> out = new ArrayList<>();
        OperatorSubtaskState snapshot = snapshotAtTheCut(steps, 3, null, true, out);
        try (EnforcerHarness h = harness(snapshot, 3, null)) {
            assertThat(h.harness.numEventTimeTimers())
                    .as("the earlier version's timers, restored")
                    .isPositive();
            feed(h, steps.subList(cut, steps.size()));
            collect(h, out);
            assertThat(h.harness.numEventTimeTimers()).isZero();
            assertThat(h.wakeUpQueueSize()).isZero();
        }
        assertThat(sorted(out)).isEqualTo(reference);
    }

    /**
     * A restored ticket has no handle on its rebuilt wake-up, so when the wake-up moves the old entry stays queued and
     * later comes due. It must decide nothing: in particular not mark the ticket decided up to that instant, or a late
     * event before it would take effect at it (rule 3) instead of at its own time.
     */
    @Test
    void aWakeUpLeftBehindByARestoreDecidesNothingWhenItComesDue() throws Exception {
        OperatorSubtaskState snapshot;
        try (EnforcerHarness h = harness(null, SlaEnforcer.DEFAULT_MAX_HELD_EVENTS, null)) {
            h.send(h.created("T1", "acme", "2026-11-16T10:00:00Z", "Production database down for all users"));
            h.watermark("2026-11-16T10:00:00Z"); // P1: wakes at its first response warning, 10:07:30
            snapshot = h.snapshot();
        }
        try (EnforcerHarness h = harness(snapshot, SlaEnforcer.DEFAULT_MAX_HELD_EVENTS, null)) {
            h.send(new TicketEvent("T1-responded", "T1", "acme", EventType.RESPONDED, at("2026-11-16T10:05:00Z")));
            h.watermark("2026-11-16T10:05:00Z"); // the wake-up moves to the first resolution warning; 10:07:30 stays
            assertThat(h.wakeUpQueueSize())
                    .as("the moved wake-up and the one left behind")
                    .isEqualTo(2);
            h.watermark("2026-11-16T10:09:00Z");
            assertThat(h.wakeUpQueueSize()).as("the one left behind came due").isEqualTo(1);

            h.send(new TicketEvent(
                    "T1-resolved", "T1", "acme", EventType.RESOLVED, at("2026-11-16T10:06:00Z"))); // late
            h.watermark("2026-11-16T10:10:00Z");

            assertThat(h.alerts()).as("no warning").isEmpty();
            OutcomeUpdate resolution = h.outcomes().stream()
                    .filter(o -> o.metric() == Metric.RESOLUTION)
                    .reduce((first, last) -> last)
                    .orElseThrow();
            assertThat(resolution.completedAt()).as("resolved at its own time").isEqualTo(at("2026-11-16T10:06:00Z"));
        }
    }

    /**
     * The first half of a shuffled scenario's events, and after them only its watermarks: tickets left open run
     * their whole escalation ladder, closed ones are purged.
     */
    private static List<Step> eventsThenOnlyWatermarks(long seed) {
        List<Step> all = HeldEventsTest.scenario(40, seed);
        int half = all.size() / 2;
        List<Step> steps = new ArrayList<>(all.subList(0, half));
        all.subList(half, all.size()).stream().filter(s -> s.event() == null).forEach(steps::add);
        return steps;
    }

    /** Where the events end. */
    private static int cut(List<Step> steps) {
        int last = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).event() != null) last = i;
        }
        return last + 1;
    }

    private static String uninterrupted(List<Step> steps, int heldOnHeap, Path rocksDbDir) throws Exception {
        List<String> out = new ArrayList<>();
        try (EnforcerHarness h = harness(null, heldOnHeap, rocksDbDir)) {
            feed(h, steps);
            collect(h, out);
            assertThat(h.wakeUpQueueSize())
                    .as("every wake-up came due, moved ones included")
                    .isZero();
        }
        assertThat(out).anyMatch(s -> s.contains("BREACH")).anyMatch(s -> s.startsWith("escalation"));
        return sorted(out);
    }

    private static String runRestoringAtTheCut(List<Step> steps, int heldOnHeap, Path rocksDbDir) throws Exception {
        int cut = cut(steps);
        List<String> out = new ArrayList<>();
        OperatorSubtaskState snapshot = snapshotAtTheCut(steps, heldOnHeap, rocksDbDir, false, out);
        try (EnforcerHarness h = harness(
                snapshot,
                heldOnHeap,
                rocksDbDir == null ? null : rocksDbDir.resolveSibling(rocksDbDir.getFileName() + "-restored"))) {
            assertThat(h.scheduledWakeUps()).as("every ticket scheduled again").isPositive();
            feed(h, steps.subList(cut, steps.size()));
            collect(h, out);
            assertThat(h.wakeUpQueueSize()).as("every wake-up came due").isZero();
        }
        return sorted(out);
    }

    /**
     * Runs the steps up to the last event on one subtask and snapshots it there (first registering a Flink timer at
     * every queued instant, as an earlier version would have, when {@code withFlinkTimers}); its outputs go to {@code out}.
     */
    private static OperatorSubtaskState snapshotAtTheCut(
            List<Step> steps, int heldOnHeap, Path rocksDbDir, boolean withFlinkTimers, List<String> out)
            throws Exception {
        try (EnforcerHarness h = harness(null, heldOnHeap, rocksDbDir)) {
            feed(h, steps.subList(0, cut(steps)));
            if (withFlinkTimers) {
                h.registerFlinkTimersAtEveryWakeUp();
            }
            OperatorSubtaskState snapshot = h.snapshot();
            collect(h, out);
            return snapshot;
        }
    }

    private static EnforcerHarness harness(OperatorSubtaskState restoreFrom, int heldOnHeap, Path rocksDbDir)
            throws Exception {
        return new EnforcerHarness(
                EnforcerSettings.live(), restoreFrom, heldOnHeap, 1, 0, rocksDbDir, SlaEnforcer.DEFAULT_CACHED_TICKETS);
    }
}
