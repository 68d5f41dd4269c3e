package io.slaflow.enforce;

import static io.slaflow.enforce.HeldEventsTest.collect;
import static io.slaflow.enforce.HeldEventsTest.feed;
import static io.slaflow.enforce.HeldEventsTest.sorted;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.enforce.HeldEventsTest.Step;
import io.slaflow.policy.ClientProfile;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A savepoint written by an earlier version restores into this one, which carries on exactly as it would have from
 * the same input: nothing emitted twice, nothing missing, nothing left behind. Unlike {@link WakeUpsOnRestoreTest},
 * which imitates an earlier version's state, these snapshots were written by the versions themselves.
 *
 * <p>Each fixture in {@code src/test/resources/enforcer-snapshots/} is a canonical savepoint of one harness subtask
 * (heap backend; the format any state backend restores) taken halfway through {@link HeldEventsTest#scenario}{@code (40, 31)} with at most 3 events
 * held on the heap (so some wait in keyed state), next to the outputs that version had emitted by then
 * ({@code .before.txt}). Their names say which commit wrote them and what it kept: {@code a6e3fd9-flink-timers} is the
 * last version that scheduled its tickets with Flink timers (37 of them in the snapshot). When the enforcer's state
 * changes, add this version's fixture before the change:
 * {@code mvn -pl infra,operators test -Dtest=EarlierVersionSnapshotTest#writeFixture -Dslaflow.enforcerSnapshot=COMMIT-WHAT}.
 *
 * <p>Versions before issue 24 put a deadline at the instant the budget runs out, a closing when it runs out at the end
 * of working hours; this one puts it at the breach, the next opening. Their first half is compared with that one
 * difference mapped ({@link #withTodaysDeadlines}); every decision must be the same.
 */
class EarlierVersionSnapshotTest {
    private static final Path FIXTURES = Path.of("src/test/resources/enforcer-snapshots");
    private static final int TICKETS = 40;
    private static final long SEED = 31;
    private static final int HELD_ON_HEAP = 3;
    /** Fixtures whose deadlines are the instant the budget runs out (state format 1). */
    private static final Set<String> WRITTEN_BEFORE_ISSUE_24 =
            Set.of("a6e3fd9-flink-timers", "e1d7214-wake-up-queue", "f3f79e1-deadline-at-budget-run-out");

    private static final Pattern DEADLINE = Pattern.compile("clientId=([^,]+), tier=([^,]+), .*?deadline=(\\d+)");
    private static final List<Step> STEPS = HeldEventsTest.scenario(TICKETS, SEED);
    /** Where every fixture was taken: halfway through the steps. */
    private static final int CUT = STEPS.size() / 2;

    /** This version's outputs up to the cut, and over the whole scenario without a stop: the same for every fixture. */
    private static List<String> before;

    private static List<String> uninterrupted;

    @TempDir
    Path rocksDb;

    @BeforeAll
    static void runThisVersion() throws Exception {
        before = new ArrayList<>();
        try (EnforcerHarness h = harness(null, null)) {
            feed(h, STEPS.subList(0, CUT));
            collect(h, before);
        }
        uninterrupted = new ArrayList<>();
        try (EnforcerHarness h = harness(null, null)) {
            feed(h, STEPS);
            collect(h, uninterrupted);
        }
    }

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(EarlierVersionSnapshotTest.class.getResource("/enforcer-snapshots"))
                .toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".snapshot"))
                    .map(n -> n.substring(0, n.length() - ".snapshot".length()))
                    .sorted()
                    .toList();
            assertThat(names).as("fixtures in %s", dir).isNotEmpty();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void restoresOnTheHeapBackend(String fixture) throws Exception {
        restoreAndCarryOn(fixture, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void restoresOnRocksDbBehindTheTicketCache(String fixture) throws Exception {
        restoreAndCarryOn(fixture, rocksDb.resolve(fixture));
    }

    private static void restoreAndCarryOn(String fixture, Path rocksDbDir) throws Exception {
        String written = Files.readString(resource(fixture + ".before.txt")).strip();
        if (WRITTEN_BEFORE_ISSUE_24.contains(fixture)) {
            String today = withTodaysDeadlines(written);
            assertThat(today)
                    .as("some budgets in the scenario run out at a closing (P3 resolutions from 09:00)")
                    .isNotEqualTo(sorted(List.of(written.split("\n"))));
            written = today;
        }
        assertThat(HeldEventsTest.withoutCounts(sorted(before)))
                .as("this version decides the first half as %s did", fixture)
                .isEqualTo(written);

        List<String> after = new ArrayList<>();
        OperatorSubtaskState snapshot = OperatorSnapshotUtil.readStateHandle(
                resource(fixture + ".snapshot").toString());
        try (EnforcerHarness h = harness(snapshot, rocksDbDir)) {
            if (fixture.endsWith("flink-timers")) {
                assertThat(h.harness.numEventTimeTimers())
                        .as("that version's Flink timers, restored")
                        .isPositive();
            }
            assertThat(h.scheduledWakeUps())
                    .as("every restored ticket scheduled")
                    .isPositive();
            feed(h, STEPS.subList(CUT, STEPS.size()));
            collect(h, after);
            h.snapshot(); // on RocksDB the ticket cache writes its purges back before a checkpoint
            assertThat(h.keyedStateEntries())
                    .as("every ticket closed and purged")
                    .isZero();
            assertThat(h.function.heldEvents()).isZero();
            assertThat(h.wakeUpQueueSize()).isZero();
            assertThat(h.harness.numEventTimeTimers())
                    .as("the restored timers all fired")
                    .isZero();
        }
        assertThat(after).as("outputs after the restore").isNotEmpty();
        List<String> both = new ArrayList<>(before);
        both.addAll(after);
        assertThat(sorted(both))
                .as("before the snapshot plus after the restore = an uninterrupted run")
                .isEqualTo(sorted(uninterrupted));
    }

    /**
     * The outputs of a version before issue 24 with each deadline as this version gives it: where the ticket's
     * calendar is closed at the old deadline (the budget ran out at a closing), the next opening. Sorted again.
     */
    static String withTodaysDeadlines(String writtenLines) throws Exception {
        SlaPolicy policy = PolicyLoader.load(EnforcerHarness.DEFAULT_POLICY);
        List<String> lines = new ArrayList<>();
        for (String line : writtenLines.split("\n")) {
            Matcher m = DEADLINE.matcher(line);
            if (m.find()) {
                ClientProfile client = policy.client(m.group(1));
                BusinessCalendar calendar = policy.calendarFor(policy.effectiveTier(m.group(2), client), client);
                long today = calendar.nextWorkingInstant(Instant.ofEpochMilli(Long.parseLong(m.group(3))))
                        .toEpochMilli();
                line = line.substring(0, m.start(3)) + today + line.substring(m.end(3));
            }
            lines.add(line);
        }
        return sorted(lines);
    }

    /** Writes this version's fixture (named by {@code -Dslaflow.enforcerSnapshot}) into the source tree. */
    @Test
    @EnabledIfSystemProperty(named = "slaflow.enforcerSnapshot", matches = "[a-z0-9-]+")
    void writeFixture() throws Exception {
        String name = System.getProperty("slaflow.enforcerSnapshot");
        try (EnforcerHarness h = harness(null, null)) {
            feed(h, STEPS.subList(0, CUT));
            OperatorSubtaskState snapshot = h.harness
                    .snapshotWithLocalState(1L, 1L, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                    .getJobManagerOwnedState();
            Files.createDirectories(FIXTURES);
            OperatorSnapshotUtil.writeStateHandle(
                    snapshot, FIXTURES.resolve(name + ".snapshot").toString());
            Files.writeString(FIXTURES.resolve(name + ".before.txt"), sorted(before) + "\n");
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(
                        EarlierVersionSnapshotTest.class.getResource("/enforcer-snapshots/" + name), name)
                .toURI());
    }

    private static EnforcerHarness harness(OperatorSubtaskState restoreFrom, Path rocksDbDir) throws Exception {
        return new EnforcerHarness(
                EnforcerSettings.live(),
                restoreFrom,
                HELD_ON_HEAP,
                1,
                0,
                rocksDbDir,
                SlaEnforcer.DEFAULT_CACHED_TICKETS);
    }
}
