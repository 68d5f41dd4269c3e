package io.slaflow.enforce;

import io.slaflow.event.RejectReason;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.ApplyResult;
import io.slaflow.sla.Routing;
import io.slaflow.sla.SlaOutputs;
import io.slaflow.sla.TicketView;

/**
 * Where {@link TicketEnforcement} sends what it decides for a ticket, beyond the SLA's own alerts, escalations and
 * outcomes: in the job {@link EnforcerOutputs} (Flink's outputs and side outputs, metrics and accumulators), in a unit
 * test a recorder. An interface so that the rules are tested without Flink.
 */
interface TicketOutputs extends SlaOutputs {
    /** The routing of a ticket just created, from the version it was pinned to. */
    void routing(Routing routing);

    /** The ticket as the at-risk view shows it, after a call that changed something it shows. */
    void view(TicketView view);

    /** An event of a ticket escalated by then, for those who follow escalated tickets. */
    void escalatedTicketEvent(TicketEvent e);

    /** Counts an event the ticket took: applied, or a repeat ignored. */
    void counted(ApplyResult.Kind kind);

    /**
     * A refused event.
     *
     * @param at the event time of the decision; a replay dates its dead letters with it (same input, same bytes), the
     *           live job with the wall clock
     */
    void deadLetter(TicketEvent e, long at, RejectReason reason, String message);
}
