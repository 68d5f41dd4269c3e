package io.slaflow.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.streams.TicketEventSerializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;

/**
 * Events ahead of the watermark wait on the heap ({@link HeldEvents}) up to a capacity and in keyed state beyond it;
 * checkpointed as union operator state. Where they wait must never change what the enforcer decides: the same
 * out-of-order stream gives the same outputs at any capacity, across a snapshot and restore, and across a restore
 * onto two subtasks.
 */
class HeldEventsTest {
    private static final long T0 = Instant.parse("2026-11-16T13:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final long BOUND = 20 * MINUTE; // out-of-orderness of the generated stream

    /** One input step: an event (arrival order) or a watermark. */
    record Step(TicketEvent event, long watermark) {}

    @Test
    void theCapacityDecidesWhereEventsWaitNotWhatIsDecided() throws Exception {
        List<Step> steps = scenario(40, 7);
        String reference = run(steps, SlaEnforcer.DEFAULT_MAX_HELD_EVENTS, -1);
        assertThat(reference)
                .contains("BREACH")
                .contains("ESCALATION")
                .contains("UNKNOWN_TICKET")
                .contains("MET");
        for (int capacity : new int[] {0, 1, 3, 10}) {
            assertThat(run(steps, capacity, -1)).as("capacity " + capacity).isEqualTo(reference);
        }
    }

    @Test
    void heldEventsSurviveASnapshotAndRestoreAtAnyCapacity() throws Exception {
        List<Step> steps = scenario(40, 11);
        String reference = run(steps, SlaEnforcer.DEFAULT_MAX_HELD_EVENTS, -1);
        for (int capacity : new int[] {0, 2, SlaEnforcer.DEFAULT_MAX_HELD_EVENTS}) {
            assertThat(run(steps, capacity, steps.size() / 2))
                    .as("capacity " + capacity)
                    .isEqualTo(reference);
        }
    }

    @Test
    void aRestoreOntoTwoSubtasksKeepsEachTicketsHeldEventsWithItsNewOwner() throws Exception {
        List<Step> steps = scenario(40, 13);
        String reference = run(steps, SlaEnforcer.DEFAULT_MAX_HELD_EVENTS, -1);
        int cut = steps.size() / 2;

        List<String> out = new ArrayList<>();
        OperatorSubtaskState snapshot;
        int heldAtSnapshot;
        try (EnforcerHarness one = new EnforcerHarness(EnforcerSettings.live(), null, 5, 1, 0)) {
            feed(one, steps.subList(0, cut));
            heldAtSnapshot = one.function.heldEvents();
            assertThat(heldAtSnapshot)
                    .as("events wait on the heap at the snapshot")
                    .isPositive();
            snapshot = one.snapshot();
            collect(one, out);
        }
        List<EnforcerHarness> two = EnforcerHarness.restoredOnTwoSubtasks(snapshot, 5);
        try {
            assertThat(two.get(0).function.heldEvents() + two.get(1).function.heldEvents())
                    .as("each held event restored by exactly one subtask")
                    .isEqualTo(heldAtSnapshot);
            for (Step s : steps.subList(cut, steps.size())) {
                if (s.event != null) {
                    two.get(KeyGroupRangeAssignment.assignKeyToParallelOperator(
                                    s.event.ticketId, EnforcerHarness.MAX_PARALLELISM, 2))
                            .send(copy(s.event));
                } else {
                    for (EnforcerHarness h : two) h.harness.processWatermark(s.watermark);
                }
            }
            for (EnforcerHarness h : two) {
                collect(h, out);
                assertThat(h.function.heldEvents()).isZero();
                assertThat(h.keyedStateEntries()).isZero();
            }
        } finally {
            for (EnforcerHarness h : two) h.close();
        }
        assertThat(sorted(out)).isEqualTo(reference);
    }

    @Test
    void eventsOfOneTicketAndTimeSplitBetweenKeyedStateAndHeapApplyInArrivalOrder() throws Exception {
        try (EnforcerHarness h = new EnforcerHarness(EnforcerSettings.live(), null, 1, 1, 0)) {
            h.send(h.created(
                    "A", "acme", "2026-11-16T10:00:00Z", "printer out of toner")); // fills the heap (capacity 1)
            TicketEvent created = h.created("B", "acme", "2026-11-16T10:00:00Z", "production database down");
            h.send(created); // B has nothing held and the heap is full: keyed state
            h.watermark("2026-11-16T10:00:00Z"); // both created; heap empty again
            h.send(h.created("C", "acme", "2026-11-16T10:04:00Z", "printer out of toner")); // fills the heap
            TicketEvent first = h.event("B", "acme", EventType.ASSIGNED, "2026-11-16T10:05:00Z");
            first.assignee = "first.arrival";
            h.send(first); // keyed state (heap full, B has nothing held)
            h.watermark("2026-11-16T10:04:00Z"); // releases C: heap empty again
            TicketEvent second = h.event("B", "acme", EventType.ASSIGNED, "2026-11-16T10:05:00Z");
            second.assignee = "second.arrival";
            h.send(second); // heap: same ticket, same time as the one in keyed state, arrived after it
            assertThat(h.function.heldEvents()).isEqualTo(1);
            h.watermark("2026-11-16T10:45:00Z"); // P1 response breach 10:15, escalation 10:45

            assertThat(h.escalations())
                    .singleElement()
                    .satisfies(x -> assertThat(x.from())
                            .as("the later arrival is the current owner")
                            .isEqualTo("second.arrival"));
        }
    }

    /** Runs the steps on one subtask (snapshot and restore before step {@code restoreAt} when ≥ 0); all outputs, sorted. */
    private static String run(List<Step> steps, int capacity, int restoreAt) throws Exception {
        List<String> out = new ArrayList<>();
        EnforcerHarness h = new EnforcerHarness(EnforcerSettings.live(), null, capacity, 1, 0);
        try {
            for (int i = 0; i < steps.size(); i++) {
                if (i == restoreAt) {
                    OperatorSubtaskState snapshot = h.snapshot();
                    collect(h, out);
                    h.close();
                    h = new EnforcerHarness(EnforcerSettings.live(), snapshot, capacity, 1, 0);
                }
                feed(h, steps.subList(i, i + 1));
            }
            collect(h, out);
            assertThat(h.keyedStateEntries()).as("all closed tickets purged").isZero();
            assertThat(h.function.heldEvents()).isZero();
            assertThat(h.wakeUpQueueSize())
                    .as("every wake-up came due, moved ones included")
                    .isZero();
        } finally {
            h.close();
        }
        return sorted(out);
    }

    static void feed(EnforcerHarness h, List<Step> steps) throws Exception {
        for (Step s : steps) {
            if (s.event != null) {
                h.send(copy(s.event));
            } else {
                h.harness.processWatermark(s.watermark);
            }
        }
    }

    static void collect(EnforcerHarness h, List<String> out) {
        h.alerts().forEach(a -> out.add("alert " + a));
        h.escalations().forEach(x -> out.add("escalation " + x));
        h.outcomes().forEach(o -> out.add("outcome " + o));
        for (DeadLetter d : h.deadLetters()) {
            out.add("dead-letter " + d.reason() + " " + d.message() + " " + d.originalBase64());
        }
    }

    static String sorted(List<String> lines) {
        return String.join("\n", lines.stream().sorted().toList());
    }

    /**
     * This version's sorted outputs as a version before the outcome's count was published wrote them: without
     * {@code countedMs}, {@code countingSince} and {@code budgetMs} (the fixtures of earlier versions hold their text,
     * which cannot have them; what was decided is compared, not what is published besides).
     */
    static String withoutCounts(String sortedLines) {
        return sortedLines.replaceAll(", countedMs=-?\\d+, countingSince=-?\\d+, budgetMs=-?\\d+", "");
    }

    /**
     * {@code tickets} tickets over a few hours: created, assigned, responded (some too late), paused for the customer
     * and resumed, a priority change, resolved, closed; a duplicate and an event for a ticket never created; arriving
     * shuffled within {@link #BOUND}, with watermarks trailing the latest event time by the bound, and a final
     * watermark that lets every closed ticket be purged and its tombstone stop counting.
     */
    static List<Step> scenario(int tickets, long seed) {
        Random r = new Random(seed);
        List<TicketEvent> events = new ArrayList<>();
        int seq = 0;
        for (int i = 0; i < tickets; i++) {
            String id = "T" + i;
            long t = T0 + r.nextInt(240) * MINUTE;
            TicketEvent created = event(id, ++seq, EventType.CREATED, t);
            created.subject = i % 3 == 0
                    ? "production database down"
                    : i % 3 == 1 ? "VPN slow for one user" : "printer out of toner";
            created.source = i % 2 == 0 ? "monitoring" : "email";
            created.assignee = "first.line";
            events.add(created);
            TicketEvent assigned = event(id, ++seq, EventType.ASSIGNED, t + r.nextInt(10) * MINUTE);
            assigned.assignee = "agent." + (i % 4);
            events.add(assigned);
            long responded = t + (5 + r.nextInt(i % 5 == 0 ? 90 : 30)) * MINUTE;
            events.add(event(id, ++seq, EventType.RESPONDED, responded));
            if (i % 4 == 1) {
                TicketEvent pause = event(id, ++seq, EventType.STATUS_CHANGED, responded + 10 * MINUTE);
                pause.status = "waiting-on-customer";
                events.add(pause);
                TicketEvent resume =
                        event(id, ++seq, EventType.STATUS_CHANGED, responded + (40 + r.nextInt(60)) * MINUTE);
                resume.status = "in-progress";
                events.add(resume);
            }
            if (i % 6 == 2) {
                TicketEvent raised = event(id, ++seq, EventType.PRIORITY_CHANGED, responded + 5 * MINUTE);
                raised.priority = "P1";
                events.add(raised);
            }
            long resolved = responded + (30 + r.nextInt(i % 7 == 0 ? 900 : 300)) * MINUTE;
            events.add(event(id, ++seq, EventType.RESOLVED, resolved));
            events.add(event(id, ++seq, EventType.CLOSED, resolved + r.nextInt(60) * MINUTE));
            if (i == 3) {
                events.add(copy(events.get(events.size() - 3))); // a duplicate (same eventId)
            }
        }
        events.add(event("NEVER-CREATED", ++seq, EventType.RESPONDED, T0 + 30 * MINUTE));
        events.sort(Comparator.comparingLong(e -> e.occurredAt));

        // shuffle arrival within the bound: each event may arrive up to BOUND after later-timed ones
        List<TicketEvent> arrival = new ArrayList<>(events);
        for (int i = 0; i < arrival.size(); i++) {
            int j = i + r.nextInt(Math.min(6, arrival.size() - i));
            if (arrival.get(j).occurredAt - arrival.get(i).occurredAt < BOUND / 2) {
                arrival.set(i, arrival.set(j, arrival.get(i)));
            }
        }
        List<Step> steps = new ArrayList<>();
        long maxSeen = Long.MIN_VALUE;
        long lastWatermark = Long.MIN_VALUE;
        for (int i = 0; i < arrival.size(); i++) {
            TicketEvent e = arrival.get(i);
            steps.add(new Step(e, 0));
            maxSeen = Math.max(maxSeen, e.occurredAt);
            if (i % 3 == 2 && maxSeen - BOUND > lastWatermark) {
                lastWatermark = maxSeen - BOUND;
                steps.add(new Step(null, lastWatermark));
            }
        }
        // past every purge (a resolved ticket never closed: 30 days) and the expiry of its tombstone (60 days more)
        return Stream.concat(steps.stream(), Stream.of(new Step(null, maxSeen + 100L * 24 * 60 * MINUTE)))
                .toList();
    }

    /** The enforcer may move a late event's time (rule 3): every run gets its own copies. */
    static TicketEvent copy(TicketEvent e) {
        return TicketEventSerializer.INSTANCE.copy(e);
    }

    private static TicketEvent event(String ticket, int seq, EventType type, long at) {
        return new TicketEvent(ticket + "-e" + seq, ticket, "acme", type, at);
    }
}
