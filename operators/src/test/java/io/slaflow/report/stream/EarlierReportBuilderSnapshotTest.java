package io.slaflow.report.stream;

import static io.slaflow.report.ReportFixtures.breachAlert;
import static io.slaflow.report.ReportFixtures.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.policy.Metric;
import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportInput;
import io.slaflow.report.ReportJson;
import io.slaflow.report.ReportPeriod;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A savepoint of the client report builder written by an earlier version restores into this one, which then issues
 * the reports that version would have issued. The builder keeps outcome updates in keyed state (each target's
 * versions, {@code TargetHistory}) through Flink's POJO serializer, so a field added to {@code OutcomeUpdate} is a
 * schema change of that state: Flink migrates it on restore and the new field takes its default.
 *
 * <p>Fixtures in {@code src/test/resources/report-builder-snapshots/}: a canonical savepoint of one harness subtask
 * taken in the middle of ISO week 2026-W47 ({@code .snapshot}) and the weekly report JSON that version issued for the
 * week when it carried on uninterrupted ({@code .week.json}). Name says which commit wrote it. Write this version's
 * before changing the builder's state:
 * {@code mvn -pl infra,operators test -Dtest=EarlierReportBuilderSnapshotTest#writeFixture -Dslaflow.reportSnapshot=COMMIT-WHAT}.
 */
class EarlierReportBuilderSnapshotTest {
    private static final Path FIXTURES = Path.of("src/test/resources/report-builder-snapshots");
    private static final long MIN = 60_000;
    private static final long WEEK_CLOSE =
            ms("2026-11-23T05:00:00Z") + ClientReportBuilderTest.LATENESS; // acme: New York

    @TempDir
    Path rocksDb;

    /** acme, 24×7 P2 resolutions of 8 h: one paused an hour after its deadline and resolved, one still open. */
    static void firstHalf(KeyedOneInputStreamOperatorTestHarness<String, ReportInput, ClientReport> h)
            throws Exception {
        long s = ms("2026-11-17T09:00:00Z");
        long deadline = s + 480 * MIN;
        // L1: breached at 17:00, paused 18:00-20:00 (waiting on the customer), resolved 21:00: counted 10 h
        OutcomeUpdate breach = new OutcomeUpdate(
                "L1",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                Outcome.BREACHED,
                -1,
                deadline,
                "default",
                "v1",
                false,
                3,
                0,
                s);
        h.processElement(ReportInput.of(breach), deadline);
        h.processElement(ReportInput.of(breachAlert(breach)), deadline);
        h.processElement(
                ReportInput.of(new OutcomeUpdate(
                        "L1",
                        "acme",
                        "P2",
                        Metric.RESOLUTION,
                        s,
                        deadline,
                        Outcome.BREACHED,
                        -1,
                        deadline,
                        "default",
                        "v1",
                        false,
                        4,
                        540 * MIN,
                        -1)),
                s + 540 * MIN);
        h.processElement(
                ReportInput.of(new OutcomeUpdate(
                        "L1",
                        "acme",
                        "P2",
                        Metric.RESOLUTION,
                        s,
                        deadline,
                        Outcome.BREACHED,
                        -1,
                        deadline,
                        "default",
                        "v1",
                        false,
                        5,
                        540 * MIN,
                        s + 660 * MIN)),
                s + 660 * MIN);
        h.processElement(
                ReportInput.of(new OutcomeUpdate(
                        "L1",
                        "acme",
                        "P2",
                        Metric.RESOLUTION,
                        s,
                        deadline,
                        Outcome.BREACHED,
                        s + 720 * MIN,
                        deadline,
                        "default",
                        "v1",
                        false,
                        6,
                        600 * MIN,
                        -1)),
                s + 720 * MIN);
        // L2: breached at 17:00 and still open
        OutcomeUpdate open = new OutcomeUpdate(
                "L2",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                Outcome.BREACHED,
                -1,
                deadline,
                "default",
                "v1",
                false,
                3,
                0,
                s);
        h.processElement(ReportInput.of(open), deadline);
        h.processElement(ReportInput.of(breachAlert(open)), deadline);
        h.processWatermark(s + 720 * MIN);
    }

    /** What comes after the cut: a response met on Thursday, then time passes beyond the week's close. */
    static void secondHalf(KeyedOneInputStreamOperatorTestHarness<String, ReportInput, ClientReport> h)
            throws Exception {
        long s = ms("2026-11-19T09:00:00Z");
        h.processElement(
                ReportInput.of(new OutcomeUpdate(
                        "L3",
                        "acme",
                        "P2",
                        Metric.RESPONSE,
                        s,
                        s + 60 * MIN,
                        Outcome.MET,
                        s + 20 * MIN,
                        -1,
                        "default",
                        "v1",
                        false,
                        2,
                        20 * MIN,
                        -1)),
                s + 20 * MIN);
        h.processWatermark(WEEK_CLOSE);
    }

    /** A builder restored from {@code snapshot} (null: empty state), on RocksDB in {@code rocksDbDir} (null: heap). */
    static KeyedOneInputStreamOperatorTestHarness<String, ReportInput, ClientReport> harness(
            OperatorSubtaskState snapshot, Path rocksDbDir) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new ClientReportBuilder(ClientReportBuilderTest.DIR, ClientReportBuilderTest.LIVE)),
                ReportInput::clientId,
                Types.STRING);
        if (rocksDbDir != null) {
            EmbeddedRocksDBStateBackend rocksDb = new EmbeddedRocksDBStateBackend(true);
            rocksDb.setDbStoragePath(rocksDbDir.toString());
            h.setStateBackend(rocksDb);
        }
        h.setup();
        if (snapshot == null) h.initializeEmptyState();
        else h.initializeState(snapshot);
        h.open();
        return h;
    }

    static String weekJson(List<ClientReport> out) {
        List<String> weeks = new ArrayList<>();
        for (ClientReport r : out) {
            if (r.period().kind() == ReportPeriod.Kind.WEEK)
                weeks.add(new String(ReportJson.toJsonBytes(r), StandardCharsets.UTF_8));
        }
        assertThat(weeks).as("one weekly report").hasSize(1);
        return weeks.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"heap", "rocksdb"})
    void aSavepointOfTheBuilderBeforeTheClocksBudgetRestores(String backend) throws Exception {
        String fixture = "eecdaad-outcomes-without-budget";
        OperatorSubtaskState snapshot = OperatorSnapshotUtil.readStateHandle(
                resource(fixture + ".snapshot").toString());
        try (var h = harness(snapshot, backend.equals("rocksdb") ? rocksDb : null)) {
            secondHalf(h);
            assertThat(weekJson(h.extractOutputValues()))
                    .as(
                            "the report that version issued: its outcomes carry no budget, so late by counts as it did then")
                    .isEqualTo(
                            Files.readString(resource(fixture + ".week.json")).strip());
        }
    }

    /** Writes this version's fixture (named by {@code -Dslaflow.reportSnapshot}) into the source tree. */
    @Test
    @EnabledIfSystemProperty(named = "slaflow.reportSnapshot", matches = "[a-z0-9-]+")
    void writeFixture() throws Exception {
        String name = System.getProperty("slaflow.reportSnapshot");
        Files.createDirectories(FIXTURES);
        try (var h = harness(null, null)) {
            firstHalf(h);
            OperatorSubtaskState snapshot = h.snapshotWithLocalState(
                            1L, 1L, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                    .getJobManagerOwnedState();
            OperatorSnapshotUtil.writeStateHandle(
                    snapshot, FIXTURES.resolve(name + ".snapshot").toString());
            secondHalf(h);
            Files.writeString(FIXTURES.resolve(name + ".week.json"), weekJson(h.extractOutputValues()) + "\n");
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(
                        EarlierReportBuilderSnapshotTest.class.getResource("/report-builder-snapshots/" + name), name)
                .toURI());
    }
}
