package io.slaflow.enforce;

import io.slaflow.event.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The {@link HeldEvents} of one enforcer subtask in its checkpoints: operator state {@code held-events}, a union list,
 * so after a change of parallelism every subtask sees them all and keeps those of the tickets (key groups) it now
 * owns. Keyed state needs nothing of this: the events buffered there travel with their tickets.
 */
final class HeldEventsCheckpoint {
    private final ListState<TicketEvent> state;

    HeldEventsCheckpoint(OperatorStateStore store) throws Exception {
        this.state = store.getUnionListState(
                new ListStateDescriptor<>("held-events", TypeInformation.of(TicketEvent.class)));
    }

    /** Holds the restored events of the tickets subtask {@code task} owns, each scheduled to come due. */
    void restore(TaskInfo task, HeldEvents held, WakeUpQueue wakeUps) throws Exception {
        for (TicketEvent e : state.get()) {
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(
                            e.ticketId, task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks())
                    == task.getIndexOfThisSubtask()) {
                held.restore(e.ticketId, e);
                wakeUps.add(e.occurredAt, e.ticketId);
            }
        }
    }

    /** Replaces what the state holds with the events held now. */
    void snapshot(HeldEvents held) throws Exception {
        state.clear();
        if (held.size() > 0) {
            List<TicketEvent> all = new ArrayList<>(held.size());
            held.forEach(all::add);
            state.update(all);
        }
    }
}
