package io.slaflow.cep.reopen;

import static io.slaflow.cep.reopen.ReopenLoopRuleTest.reopened;
import static io.slaflow.cep.reopen.ReopenLoopRuleTest.resolved;
import static io.slaflow.cep.reopen.ReopenLoopRuleTest.t;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.cep.ChainAlert;
import io.slaflow.cep.SlaSignal;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The keyed reopen-loop function in Flink's keyed operator harness: event time, state, timers, restore. */
class ReopenLoopFunctionTest {
    private static final ReopenLoopRule RULE = new ReopenLoopRule(2, Duration.ofDays(7));

    private static KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, ChainAlert> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, ChainAlert> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ReopenLoopFunction(RULE)), RULE::keyOf, Types.STRING);
        h.open();
        return h;
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, ChainAlert> h, SlaSignal... signals)
            throws Exception {
        for (SlaSignal s : signals) h.processElement(new StreamRecord<>(s, s.at));
    }

    private static void watermark(KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, ChainAlert> h, String iso)
            throws Exception {
        h.processWatermark(new Watermark(t(iso)));
    }

    @Test
    void aLoopIsReportedOnceTheWatermarkPassesItsLastReopenStampedWithThatReopensTime() throws Exception {
        try (var h = harness()) {
            // out of order within the watermark's bound: applied in event time
            send(
                    h,
                    reopened("o1", "2026-11-11T10:00:00Z"),
                    resolved("r1", "2026-11-10T10:00:00Z"),
                    reopened("o2", "2026-11-13T10:00:00Z"),
                    resolved("r2", "2026-11-12T10:00:00Z"));
            watermark(h, "2026-11-13T09:59:59Z");
            assertThat(h.extractOutputValues())
                    .as("the last reopen is not reached yet")
                    .isEmpty();
            watermark(h, "2026-11-13T10:00:00Z");
            List<StreamRecord<? extends ChainAlert>> out = h.extractOutputStreamRecords();
            assertThat(out).singleElement().satisfies(r -> {
                assertThat(r.getTimestamp()).isEqualTo(t("2026-11-13T10:00:00Z"));
                assertThat(r.getValue().evidence()).containsExactly("r1", "o1", "r2", "o2");
            });
        }
    }

    @Test
    void aSignalAtOrBehindTheWatermarkIsLateAndDroppedAsCepDroppedIt() throws Exception {
        try (var h = harness()) {
            send(h, resolved("r1", "2026-11-10T10:00:00Z"), reopened("o1", "2026-11-11T10:00:00Z"));
            watermark(h, "2026-11-12T10:00:00Z");
            send(
                    h,
                    resolved("r2", "2026-11-12T10:00:00Z"),
                    resolved("r2b", "2026-11-12T11:00:00Z"),
                    reopened("o2", "2026-11-12T12:00:00Z"));
            watermark(h, "2026-11-20T00:00:00Z");
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(a -> assertThat(a.evidence())
                            .as("r2 came at the watermark: late")
                            .containsExactly("r1", "o1", "r2b", "o2"));
        }
    }

    @Test
    void signalsOfTheSameInstantAreAppliedInSignalOrderWhateverTheirArrival() throws Exception {
        for (boolean reopenFirst : new boolean[] {false, true}) {
            try (var h = harness()) {
                SlaSignal r2 = resolved("r2", "2026-11-12T10:00:00Z"), o2 = reopened("o2", "2026-11-12T10:00:00Z");
                send(h, resolved("r1", "2026-11-10T10:00:00Z"), reopened("o1", "2026-11-11T10:00:00Z"));
                if (reopenFirst) send(h, o2, r2);
                else send(h, r2, o2);
                watermark(h, "2026-11-12T10:00:00Z");
                assertThat(h.extractOutputValues())
                        .as("reopen sent first: " + reopenFirst)
                        .singleElement()
                        .satisfies(a -> assertThat(a.evidence())
                                .containsExactly("r1", "o1", "o2", "r2")); // same instant: by id
            }
        }
    }

    @Test
    void aTicketThatGoesQuietHoldsNoStateAndNoTimerOnceItsLoopsRunOut() throws Exception {
        try (var h = harness()) {
            send(
                    h,
                    resolved("r1", "2026-11-10T10:00:00Z"),
                    reopened("o1", "2026-11-11T10:00:00Z"),
                    resolved("r2", "2026-11-12T10:00:00Z"));
            watermark(h, "2026-11-12T12:00:00Z");
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.numEventTimeTimers())
                    .as("one cleanup timer, no wake-up per watermark")
                    .isEqualTo(1);
            watermark(h, "2026-11-19T09:59:59Z");
            assertThat(h.numKeyedStateEntries()).as("r2's loop is still open").isEqualTo(1);
            watermark(h, "2026-11-19T10:00:00Z");
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void anAlertLeavesNothingBehind() throws Exception {
        try (var h = harness()) {
            send(
                    h,
                    resolved("r1", "2026-11-10T10:00:00Z"),
                    reopened("o1", "2026-11-11T10:00:00Z"),
                    resolved("r2", "2026-11-12T10:00:00Z"),
                    reopened("o2", "2026-11-13T10:00:00Z"));
            watermark(h, "2026-11-13T10:00:00Z");
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void openLoopsAndWaitingSignalsCarryOverASnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            send(h, resolved("r1", "2026-11-10T10:00:00Z"), reopened("o1", "2026-11-11T10:00:00Z"));
            watermark(h, "2026-11-11T12:00:00Z");
            send(h, resolved("r2", "2026-11-12T10:00:00Z")); // waits for the watermark
            snapshot = h.snapshot(1, 1);
        }
        KeyedOneInputStreamOperatorTestHarness<String, SlaSignal, ChainAlert> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ReopenLoopFunction(RULE)), RULE::keyOf, Types.STRING);
        try (h) {
            h.initializeState(snapshot);
            h.open();
            send(h, reopened("o2", "2026-11-13T10:00:00Z"));
            watermark(h, "2026-11-30T00:00:00Z");
            assertThat(h.extractOutputValues())
                    .singleElement()
                    .satisfies(a -> assertThat(a.evidence()).containsExactly("r1", "o1", "r2", "o2"));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void ticketsAreCountedApart() throws Exception {
        try (var h = harness()) {
            SlaSignal otherResolved =
                    new SlaSignal("x1", SlaSignal.Kind.RESOLVED, "T2", "acme", t("2026-11-10T11:00:00Z"));
            SlaSignal otherReopened =
                    new SlaSignal("x2", SlaSignal.Kind.REOPENED, "T2", "acme", t("2026-11-11T11:00:00Z"));
            send(
                    h,
                    resolved("r1", "2026-11-10T10:00:00Z"),
                    otherResolved,
                    otherReopened,
                    reopened("o1", "2026-11-11T10:00:00Z"),
                    resolved("r2", "2026-11-12T10:00:00Z"));
            watermark(h, "2026-11-30T00:00:00Z");
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }
}
