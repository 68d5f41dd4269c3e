package io.slaflow.enforce;

import static io.slaflow.enforce.HeldEventsTest.collect;
import static io.slaflow.enforce.HeldEventsTest.feed;
import static io.slaflow.enforce.HeldEventsTest.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.enforce.HeldEventsTest.Step;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint taken while tickets' budgets were about to run out exactly at a closing (issue 24) restores and the
 * tickets carry on as this version would have run them from the start.
 *
 * <p>The fixture in {@code src/test/resources/enforcer-snapshots/closing-edges/} was written by {@code f3f79e1}, the
 * last version whose deadline was the instant the budget runs out (Friday 17:00 for 4 business hours from Friday
 * 13:00), taken on Friday 16:00 London time with these tickets of initech (Europe/London, 09:00–17:00) open:
 * <ul>
 *   <li>A: P3 created Friday 13:00, answered Saturday 10:00;</li>
 *   <li>B: P3 created Friday 13:00, answered Tuesday 10:00;</li>
 *   <li>C: P3 created Thursday 08:13 (before opening), resolved Tuesday 08:30 (before opening);</li>
 *   <li>D: P3 created Friday 09:00 (an opening), resolved Wednesday 08:45 (before opening);</li>
 *   <li>P: P1 on 24×7, answered five minutes after its deadline (nothing changes there).</li>
 * </ul>
 * Rewrite it only from a version that has this scenario:
 * {@code mvn -pl infra,operators test -Dtest=DeadlinesAtAClosingOnRestoreTest#writeFixture -Dslaflow.closingEdgesSnapshot=COMMIT}.
 */
class DeadlinesAtAClosingOnRestoreTest {
    private static final Path FIXTURES = Path.of("src/test/resources/enforcer-snapshots/closing-edges");
    private static final String FIXTURE = "f3f79e1";
    private static final String CLIENT = "initech";
    private static final String CUT = "2026-11-20T16:00:00Z"; // Friday 16:00 in London (GMT)

    @TempDir
    Path rocksDb;

    /** The events in time order, each followed by a watermark at its time; the cut is a watermark at {@link #CUT}. */
    static List<Step> firstHalf() {
        List<Step> steps = new ArrayList<>();
        add(steps, created("C", "2026-11-19T08:13:00Z", "printer out of toner"));
        add(steps, event("C", EventType.RESPONDED, "2026-11-19T10:00:00Z"));
        add(steps, created("D", "2026-11-20T09:00:00Z", "printer out of toner"));
        add(steps, event("D", EventType.RESPONDED, "2026-11-20T10:00:00Z"));
        add(steps, created("A", "2026-11-20T13:00:00Z", "printer out of toner"));
        add(steps, created("B", "2026-11-20T13:00:00Z", "printer out of toner"));
        add(steps, created("P", "2026-11-20T15:50:00Z", "production database down"));
        steps.add(new Step(null, Instant.parse(CUT).toEpochMilli()));
        return steps;
    }

    static List<Step> secondHalf() {
        List<Step> steps = new ArrayList<>();
        add(steps, event("P", EventType.RESPONDED, "2026-11-20T16:10:00Z"));
        add(steps, event("P", EventType.RESOLVED, "2026-11-20T18:00:00Z"));
        add(steps, event("P", EventType.CLOSED, "2026-11-20T18:05:00Z"));
        add(steps, event("A", EventType.RESPONDED, "2026-11-21T10:00:00Z"));
        add(steps, event("A", EventType.RESOLVED, "2026-11-23T11:00:00Z"));
        add(steps, event("A", EventType.CLOSED, "2026-11-23T11:30:00Z"));
        add(steps, event("C", EventType.RESOLVED, "2026-11-24T08:30:00Z"));
        add(steps, event("C", EventType.CLOSED, "2026-11-24T09:00:00Z"));
        add(steps, event("B", EventType.RESPONDED, "2026-11-24T10:00:00Z"));
        add(steps, event("B", EventType.RESOLVED, "2026-11-24T11:00:00Z"));
        add(steps, event("B", EventType.CLOSED, "2026-11-24T11:05:00Z"));
        add(steps, event("D", EventType.RESOLVED, "2026-11-25T08:45:00Z"));
        add(steps, event("D", EventType.CLOSED, "2026-11-25T09:30:00Z"));
        // every closed ticket purged, and past its tombstone's expiry two resolved retentions (60 days) later
        steps.add(new Step(null, Instant.parse("2027-02-28T00:00:00Z").toEpochMilli()));
        return steps;
    }

    /** Restored from the fixture, this version emits exactly what it emits after the cut when it ran from the start. */
    @Test
    void restoresOnTheHeapBackendAndCarriesOnAsThisVersion() throws Exception {
        assertThat(afterRestore(null)).isEqualTo(uninterruptedAfterTheCut());
    }

    @Test
    void restoresOnRocksDbAndCarriesOnAsThisVersion() throws Exception {
        assertThat(afterRestore(rocksDb)).isEqualTo(uninterruptedAfterTheCut());
    }

    /** The writer decided the first half as this version does; its deadlines were the closings, these the next openings. */
    @Test
    void theWriterDecidedTheFirstHalfAlikeWithItsDeadlinesAtTheClosings() throws Exception {
        List<String> first = new ArrayList<>();
        try (EnforcerHarness h = harness(null, null)) {
            feed(h, firstHalf());
            collect(h, first);
        }
        String written = before(FIXTURE);
        assertThat(HeldEventsTest.withoutCounts(sorted(first)))
                .isNotEqualTo(written)
                .isEqualTo(EarlierVersionSnapshotTest.withTodaysDeadlines(written));
        assertThat(written)
                .contains("ticketId=A, clientId=initech, tier=P3, metric=RESPONSE, startedAt="
                        + at("2026-11-20T13:00:00Z") + ", deadline=" + at("2026-11-20T17:00:00Z"));
        assertThat(sorted(first))
                .contains("ticketId=A, clientId=initech, tier=P3, metric=RESPONSE, startedAt="
                        + at("2026-11-20T13:00:00Z") + ", deadline=" + at("2026-11-23T09:00:00Z"));
    }

    /** After the restore the tickets are decided by the time counted on their clocks, whatever the writer would have. */
    @Test
    void afterTheRestoreEachTargetIsMetWhileItsCountedTimeIsWithinIt() throws Exception {
        OperatorSubtaskState snapshot = OperatorSnapshotUtil.readStateHandle(
                resource(FIXTURE + ".snapshot").toString());
        try (EnforcerHarness h = harness(snapshot, null)) {
            feed(h, secondHalf());
            assertThat(h.alerts())
                    .filteredOn(a -> a.kind() == SlaAlert.Kind.BREACH)
                    .extracting(a -> a.ticketId() + " " + a.metric() + " " + Instant.ofEpochMilli(a.firedAt()))
                    .containsExactlyInAnyOrder(
                            "P RESPONSE 2026-11-20T16:05:00Z", // 24x7: 15 min after 15:50, as before
                            "B RESPONSE 2026-11-23T09:00:00Z"); // used up Friday 17:00, exceeded from Monday's opening
            assertThat(h.escalations())
                    .extracting(x -> x.ticketId() + " " + x.level() + " " + Instant.ofEpochMilli(x.firedAt()))
                    .containsExactly("B 1 2026-11-24T09:00:00Z"); // P was answered at 16:10, before its 16:35
            Map<String, OutcomeUpdate> last = new HashMap<>();
            h.outcomes().forEach(u -> last.put(u.key(), u));
            assertThat(last.get("A:RESPONSE").outcome())
                    .as("answered Saturday 10:00")
                    .isEqualTo(Outcome.MET);
            assertThat(last.get("A:RESPONSE").deadline()).isEqualTo(at("2026-11-23T09:00:00Z"));
            assertThat(last.get("C:RESOLUTION").outcome())
                    .as("resolved Tuesday 08:30")
                    .isEqualTo(Outcome.MET);
            assertThat(last.get("C:RESOLUTION").deadline()).isEqualTo(at("2026-11-24T09:00:00Z"));
            assertThat(last.get("D:RESOLUTION").outcome())
                    .as("resolved Wednesday 08:45")
                    .isEqualTo(Outcome.MET);
            assertThat(last.get("D:RESOLUTION").deadline()).isEqualTo(at("2026-11-25T09:00:00Z"));
        }
    }

    /** Writes this version's fixture (named by {@code -Dslaflow.closingEdgesSnapshot}) into the source tree. */
    @Test
    @EnabledIfSystemProperty(named = "slaflow.closingEdgesSnapshot", matches = "[a-z0-9-]+")
    void writeFixture() throws Exception {
        String name = System.getProperty("slaflow.closingEdgesSnapshot");
        List<String> before = new ArrayList<>();
        try (EnforcerHarness h = harness(null, null)) {
            feed(h, firstHalf());
            OperatorSubtaskState snapshot = h.harness
                    .snapshotWithLocalState(1L, 1L, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                    .getJobManagerOwnedState();
            collect(h, before);
            Files.createDirectories(FIXTURES);
            OperatorSnapshotUtil.writeStateHandle(
                    snapshot, FIXTURES.resolve(name + ".snapshot").toString());
            Files.writeString(FIXTURES.resolve(name + ".before.txt"), sorted(before) + "\n");
        }
    }

    static String afterRestore(Path rocksDbDir) throws Exception {
        List<String> after = new ArrayList<>();
        OperatorSubtaskState snapshot = OperatorSnapshotUtil.readStateHandle(
                resource(FIXTURE + ".snapshot").toString());
        try (EnforcerHarness h = harness(snapshot, rocksDbDir)) {
            feed(h, secondHalf());
            collect(h, after);
            h.snapshot(); // on RocksDB the ticket cache writes its purges back before a checkpoint
            assertThat(h.keyedStateEntries())
                    .as("every ticket closed and purged")
                    .isZero();
        }
        return sorted(after);
    }

    /** What this version emits after the cut when it runs the whole scenario without a stop. */
    static String uninterruptedAfterTheCut() throws Exception {
        List<String> first = new ArrayList<>();
        List<String> all = new ArrayList<>();
        try (EnforcerHarness h = harness(null, null)) {
            feed(h, firstHalf());
            collect(h, first); // the harness keeps every output: what follows the cut is all minus these
            feed(h, secondHalf());
            collect(h, all);
        }
        for (String line : first) {
            assertThat(all.remove(line)).as("emitted before the cut: %s", line).isTrue();
        }
        return sorted(all);
    }

    static String before(String writer) throws Exception {
        return Files.readString(resource(writer + ".before.txt")).strip();
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static void add(List<Step> steps, TicketEvent e) {
        steps.add(new Step(e, 0));
        steps.add(new Step(null, e.occurredAt));
    }

    private static TicketEvent created(String ticket, String iso, String subject) {
        TicketEvent e = event(ticket, EventType.CREATED, iso);
        e.subject = subject;
        e.source = "portal";
        e.assignee = "first.line";
        return e;
    }

    private static TicketEvent event(String ticket, EventType type, String iso) {
        return new TicketEvent(
                ticket + "-" + type + "-" + iso,
                ticket,
                CLIENT,
                type,
                Instant.parse(iso).toEpochMilli());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(
                        DeadlinesAtAClosingOnRestoreTest.class.getResource("/enforcer-snapshots/closing-edges/" + name),
                        name)
                .toURI());
    }

    private static EnforcerHarness harness(OperatorSubtaskState restoreFrom, Path rocksDbDir) throws Exception {
        return new EnforcerHarness(
                EnforcerSettings.live(),
                restoreFrom,
                SlaEnforcer.DEFAULT_MAX_HELD_EVENTS,
                1,
                0,
                rocksDbDir,
                SlaEnforcer.DEFAULT_CACHED_TICKETS);
    }
}
