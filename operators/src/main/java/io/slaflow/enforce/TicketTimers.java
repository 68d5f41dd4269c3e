package io.slaflow.enforce;

/** The enforcer's own bookkeeping for one ticket (a Flink POJO beside {@code TicketState}). */
public class TicketTimers {
    /** The one registered wake-up timer (next warning, breach, escalation or purge), or -1. */
    public long wakeAt = -1;
    /** Event time up to which this ticket's SLA has been decided (last timer or event processed). */
    public long decidedUpTo = Long.MIN_VALUE;

    public TicketTimers() {}
}
