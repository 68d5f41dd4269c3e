package io.slaflow.infra.workload;

/** One event of a ticket's planned lifecycle, waiting in the generator's queue until its emission time. */
final class PlannedEvent {
    final Ticket ticket;
    final int index;
    final String type;
    long at;
    /** When the event is emitted: its event time, or up to two minutes later when it arrives out of order. */
    long emitAt;
    /** Tie-break for equal emission times: the order of planning. */
    long seq;

    String status;
    String assignee;
    String actor;
    String priority;

    PlannedEvent(Ticket ticket, int index, String type, long at) {
        this.ticket = ticket;
        this.index = index;
        this.type = type;
        this.at = at;
        this.emitAt = at;
    }

    String eventId() {
        return ticket.id() + "-" + index;
    }
}
