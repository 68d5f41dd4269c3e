package io.slaflow.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The test-only failure step in an operator harness (attempt 0: the harness's task runs its first attempt). */
class FailAtAttemptsTest {

    private static OneInputStreamOperatorTestHarness<String, String> harness(
            long[] afterByAttempt, boolean afterFirstCheckpoint) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(
                new StreamMap<>(new FailAtAttempts<String>("in a test", afterByAttempt, afterFirstCheckpoint)));
        h.open();
        return h;
    }

    @Test
    void theAttemptFailsAfterItsNumberOfRecordsAndPassesThemOnUntilThen() throws Exception {
        try (var h = harness(new long[] {3}, false)) {
            for (String r : new String[] {"a", "b", "c"}) h.processElement(new StreamRecord<>(r));
            assertThat(h.extractOutputValues()).containsExactly("a", "b", "c");
            assertThatThrownBy(() -> h.processElement(new StreamRecord<>("d")))
                    .hasMessageContaining("injected failure in a test: attempt 0 of subtask 0 after 3 records");
        }
    }

    @Test
    void countedFromTheFirstCheckpointRecordsBeforeItDoNotCount() throws Exception {
        try (var h = harness(new long[] {2}, true)) {
            for (int i = 0; i < 100; i++) h.processElement(new StreamRecord<>("before " + i));
            h.notifyOfCompletedCheckpoint(1);
            h.processElement(new StreamRecord<>("after 1"));
            h.processElement(new StreamRecord<>("after 2"));
            assertThat(h.extractOutputValues()).hasSize(102);
            assertThatThrownBy(() -> h.processElement(new StreamRecord<>("after 3")))
                    .hasMessageContaining("since its first checkpoint");
        }
    }

    @Test
    void anAttemptThePlanDoesNotNameNeverFails() throws Exception {
        try (var h = harness(new long[] {FailurePlan.NEVER, 0}, false)) {
            for (int i = 0; i < 1_000; i++) h.processElement(new StreamRecord<>("r" + i));
            assertThat(h.extractOutputValues()).hasSize(1_000);
        }
    }

    @Test
    void aPlanCountsItsFailuresAndAddsOnlyTheStepsItNeeds() {
        FailurePlan plan =
                new FailurePlan(new long[] {10, FailurePlan.NEVER, 20}, new long[] {FailurePlan.NEVER, 5}, true);
        assertThat(plan.failures()).isEqualTo(3);
        assertThat(plan.beforeEnforcer()).isNotNull();
        assertThat(plan.afterEnforcer()).isNotNull();
        FailurePlan none = FailurePlan.none();
        assertThat(none.failures()).isZero();
        assertThat(none.beforeEnforcer()).isNull();
        assertThat(none.afterEnforcer()).isNull();
    }
}
