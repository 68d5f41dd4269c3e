package io.slaflow.jobs.run;

import io.slaflow.event.TicketEvent;
import io.slaflow.sla.SlaAlert;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Test-only: where and when the job fails on purpose, to prove recovery. Two places, so failures hit both the
 * enforcer's input (events parsed, not yet applied to state) and its output (alerts on their way into an open Kafka
 * transaction). For each place, the records a subtask sees on attempt {@code k} before it throws ({@code -1}: attempt
 * {@code k} does not fail there). Not in the job graph unless a plan asks for it.
 */
final class FailurePlan implements Serializable {
    private static final long serialVersionUID = 1L;
    static final long NEVER = -1;

    private final long[] beforeEnforcer;
    private final long[] afterEnforcer;
    private final boolean afterFirstCheckpoint;

    FailurePlan(long[] beforeEnforcer, long[] afterEnforcer, boolean afterFirstCheckpoint) {
        this.beforeEnforcer = beforeEnforcer.clone();
        this.afterEnforcer = afterEnforcer.clone();
        this.afterFirstCheckpoint = afterFirstCheckpoint;
    }

    static FailurePlan none() {
        return new FailurePlan(new long[0], new long[0], false);
    }

    /** {@code --inject-failure-after N} ({@link RunOptions#injectFailureAfter()}): the first attempt fails once, after N events. */
    static FailurePlan of(RunOptions o) {
        return o.injectFailureAfter() > 0
                ? new FailurePlan(new long[] {o.injectFailureAfter()}, new long[0], false)
                : none();
    }

    /** How many failures the plan holds (restarts it causes if every point is reached). */
    int failures() {
        return (int) (Arrays.stream(beforeEnforcer).filter(n -> n >= 0).count()
                + Arrays.stream(afterEnforcer).filter(n -> n >= 0).count());
    }

    /** The step before the enforcer, or null when nothing fails there. */
    FailAtAttempts<TicketEvent> beforeEnforcer() {
        return failures(beforeEnforcer)
                ? new FailAtAttempts<>("before the enforcer", beforeEnforcer, afterFirstCheckpoint)
                : null;
    }

    /** The step between the enforcer's alerts and their Kafka sink, or null when nothing fails there. */
    FailAtAttempts<SlaAlert> afterEnforcer() {
        return failures(afterEnforcer)
                ? new FailAtAttempts<>("after the enforcer", afterEnforcer, afterFirstCheckpoint)
                : null;
    }

    private static boolean failures(long[] byAttempt) {
        return Arrays.stream(byAttempt).anyMatch(n -> n >= 0);
    }

    @Override
    public String toString() {
        return "before the enforcer " + Arrays.toString(beforeEnforcer) + ", after it " + Arrays.toString(afterEnforcer)
                + " (records per subtask by attempt"
                + (afterFirstCheckpoint ? ", counted from the attempt's first checkpoint" : "") + ")";
    }
}
