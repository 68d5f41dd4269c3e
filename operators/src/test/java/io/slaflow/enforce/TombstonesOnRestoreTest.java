package io.slaflow.enforce;

import static io.slaflow.enforce.EnforcerHarness.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.EventType;
import io.slaflow.event.RejectReason;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint of a version that kept a purged ticket's tombstone inside its ticket value (state format 3, with a
 * wake-up at the tombstone's expiry) restores into this one, which moves each such tombstone into the tombstone state
 * once, at the restore: the late events still learn the real cause, the tombstone still stops counting two resolved
 * retentions after the purge in event time, and nothing is left scheduled for it.
 *
 * <p>The fixture {@code src/test/resources/enforcer-snapshots/tombstones/72fcaac.snapshot} was written by
 * {@code 72fcaac} (canonical savepoint, heap backend, nothing held on the heap) from {@link #beforeTheCut()}: C1 and
 * C2 closed and purged one hour later, R1 resolved and purged 30 days later, C2 with a REOPENED buffered for after the
 * cut, O1 open. Rewrite it only from a version that kept tombstones in the ticket value:
 * {@code mvn -pl infra,operators test -Dtest=TombstonesOnRestoreTest#writeFixture -Dslaflow.tombstonesSnapshot=COMMIT}.
 */
class TombstonesOnRestoreTest {
    private static final Path FIXTURES = Path.of("src/test/resources/enforcer-snapshots/tombstones");
    private static final String FIXTURE = "72fcaac";

    @TempDir
    Path rocksDb;

    /** What the fixture's writer was given; it ends with a watermark past the three purges. */
    static void beforeTheCut(EnforcerHarness h) throws Exception {
        h.send(h.created("C1", "acme", "2026-11-16T10:00:00Z", "printer jam"));
        h.send(h.event("C1", "acme", EventType.CLOSED, "2026-11-16T10:30:00Z"));
        h.send(h.created("C2", "acme", "2026-11-16T10:00:00Z", "printer jam"));
        h.send(h.event("C2", "acme", EventType.CLOSED, "2026-11-16T10:20:00Z"));
        h.send(h.created("R1", "globex", "2026-11-16T10:00:00Z", "printer jam"));
        h.send(h.event("R1", "globex", EventType.RESOLVED, "2026-11-16T10:10:00Z"));
        h.watermark("2026-11-16T12:00:00Z"); // C1, C2 purged (10:30 + 1 h, 10:20 + 1 h)
        h.send(h.event("C2", "acme", EventType.REOPENED, "2026-12-20T00:00:00Z")); // buffered after the purge
        h.send(h.created("O1", "acme", "2026-12-15T09:00:00Z", "printer jam"));
        h.watermark("2026-12-17T00:00:00Z"); // R1 purged (10:10 + 30 days)
    }

    @Test
    void onTheHeapBackendTheTombstonesMoveIntoTheirOwnStateAndStillAnswer() throws Exception {
        restoreAndCarryOn(null);
    }

    @Test
    void onRocksDbTheTombstonesMoveIntoTheirOwnStateAndStillAnswer() throws Exception {
        restoreAndCarryOn(rocksDb);
    }

    private static void restoreAndCarryOn(Path rocksDbDir) throws Exception {
        OperatorSubtaskState snapshot = OperatorSnapshotUtil.readStateHandle(
                resource(FIXTURE + ".snapshot").toString());
        try (EnforcerHarness h = harness(snapshot, rocksDbDir)) {
            assertThat(h.tombstones())
                    .as("moved out of the ticket values at the restore")
                    .containsOnlyKeys("C1", "C2", "R1");
            assertThat(h.tombstones().get("C1"))
                    .isEqualTo(new Tombstone(at("2026-11-16T11:30:00Z"), at("2026-11-16T10:30:00Z"), true));
            assertThat(h.tombstones().get("R1"))
                    .isEqualTo(new Tombstone(at("2026-12-16T10:10:00Z"), at("2026-11-16T10:10:00Z"), false));
            assertThat(h.tickets())
                    .as("left in the ticket state: the open ticket and the purged one's buffered event")
                    .extracting(t -> t.sla == null ? "purged, " + t.pending.length + " buffered" : t.sla.ticketId)
                    .containsExactly("purged, 1 buffered", "O1");
            assertThat(h.tickets())
                    .allSatisfy(t -> assertThat(t.legacyTombstone).isNull());
            assertThat(h.scheduledWakeUps())
                    .as("O1's next due instant and C2's buffered event; none for a tombstone")
                    .isEqualTo(2);

            h.watermark("2026-12-20T00:00:00Z"); // C2's buffered REOPENED comes due
            h.send(h.event("C1", "acme", EventType.REOPENED, "2027-01-10T00:00:00Z"));
            h.send(h.event("R1", "globex", EventType.CLOSED, "2027-02-14T10:09:59Z")); // R1's purge + 60 days - 1 s
            h.send(h.event("R1", "globex", EventType.CLOSED, "2027-02-14T10:10:00Z")); // its purge + 60 days
            h.send(h.event("O1", "acme", EventType.CLOSED, "2027-02-15T00:00:00Z"));
            h.watermark("2027-03-01T00:00:00Z");

            assertThat(h.deadLetters()).extracting(DeadLetter::reason).containsOnly(RejectReason.UNKNOWN_TICKET);
            assertThat(h.deadLetters())
                    .extracting(DeadLetter::message)
                    .containsExactly(
                            "ticket 'C2' was closed at 2026-11-16T10:20:00Z, 33 days before this event, and its SLA state purged 1 h"
                                    + " after the close (closed grace): a closed ticket is final; raise --closed-grace to refuse later"
                                    + " events as CONFLICT instead",
                            "ticket 'C1' was closed at 2026-11-16T10:30:00Z, 54 days before this event, and its SLA state purged 1 h"
                                    + " after the close (closed grace): a closed ticket is final; raise --closed-grace to refuse later"
                                    + " events as CONFLICT instead",
                            "ticket 'R1' was resolved at 2026-11-16T10:10:00Z, 89 days before this event, and its SLA state purged"
                                    + " after 30 days without a REOPENED or CLOSED (resolved retention): raise --resolved-retention to"
                                    + " keep resolved tickets longer",
                            "ticket 'R1' has no open SLA state: it was never CREATED, or it was closed and purged; send its CREATED"
                                    + " event first");
            h.snapshot(); // on RocksDB the ticket cache writes back before a checkpoint
            assertThat(h.keyedStateEntries())
                    .as("every ticket purged from the ticket state")
                    .isZero();
            assertThat(h.wakeUpQueueSize())
                    .as("nothing scheduled, for a tombstone or anything else")
                    .isZero();
            assertThat(h.harness.numEventTimeTimers()).isZero();
        }
    }

    /** Writes this version's fixture (named by {@code -Dslaflow.tombstonesSnapshot}) into the source tree. */
    @Test
    @EnabledIfSystemProperty(named = "slaflow.tombstonesSnapshot", matches = "[a-z0-9-]+")
    void writeFixture() throws Exception {
        String name = System.getProperty("slaflow.tombstonesSnapshot");
        try (EnforcerHarness h = harness(null, null)) {
            beforeTheCut(h);
            assertThat(h.deadLetters()).isEmpty();
            OperatorSubtaskState snapshot = h.harness
                    .snapshotWithLocalState(1L, 1L, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                    .getJobManagerOwnedState();
            Files.createDirectories(FIXTURES);
            OperatorSnapshotUtil.writeStateHandle(
                    snapshot, FIXTURES.resolve(name + ".snapshot").toString());
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(
                        TombstonesOnRestoreTest.class.getResource("/enforcer-snapshots/tombstones/" + name), name)
                .toURI());
    }

    private static EnforcerHarness harness(OperatorSubtaskState restoreFrom, Path rocksDbDir) throws Exception {
        // nothing held on the heap: C2's buffered event is in its ticket value, beside its tombstone
        return new EnforcerHarness(
                EnforcerSettings.live(), restoreFrom, 0, 1, 0, rocksDbDir, SlaEnforcer.DEFAULT_CACHED_TICKETS);
    }
}
