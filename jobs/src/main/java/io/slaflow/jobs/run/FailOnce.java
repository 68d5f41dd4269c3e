package io.slaflow.jobs.run;

import io.slaflow.event.TicketEvent;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Test-only failure injection for the recovery tests: the first attempt of each subtask throws after {@code after}
 * events, so the job restarts from its last checkpoint. Never in the graph unless asked for.
 */
final class FailOnce extends RichMapFunction<TicketEvent, TicketEvent> {
    private static final long serialVersionUID = 1L;
    private final long after;
    private long seen;

    FailOnce(long after) {
        this.after = after;
    }

    @Override
    public TicketEvent map(TicketEvent e) {
        if (getRuntimeContext().getTaskInfo().getAttemptNumber() == 0 && ++seen > after) {
            throw new IllegalStateException("injected failure after " + after + " events (--inject-failure-after)");
        }
        return e;
    }
}
