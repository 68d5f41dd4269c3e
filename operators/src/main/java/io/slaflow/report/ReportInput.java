package io.slaflow.report;

import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;

/**
 * One input of the report builder: exactly one of an outcome update, a breach, an escalation, a chain alert or a
 * ticket's subject. Chain alerts (CEP, issue 4) arrive as {@link ChainNote}s so this module does not depend on their
 * type; subjects as {@link TicketNote}s from the enforcer's first view of a ticket.
 */
public record ReportInput(
        OutcomeUpdate outcome, SlaAlert breach, Escalation escalation, ChainNote chain, TicketNote ticket) {

    /** A multi-step breach chain detected for a client: its deterministic id, when it fired, what it says. */
    public record ChainNote(String id, String clientId, long firedAt, String description) {}

    /**
     * What a breach row names a ticket by: its subject as the ticketing system gave it on creation (outside text,
     * escaped where it is shown). Descriptive, not evidence: no figure rests on it, so the digest does not cover it.
     */
    public record TicketNote(String ticketId, String clientId, String subject) {}

    public static ReportInput of(OutcomeUpdate u) {
        return new ReportInput(u, null, null, null, null);
    }

    /** Only breaches count as evidence; warnings are not reported. */
    public static ReportInput of(SlaAlert a) {
        return new ReportInput(null, a, null, null, null);
    }

    public static ReportInput of(Escalation x) {
        return new ReportInput(null, null, x, null, null);
    }

    public static ReportInput of(ChainNote c) {
        return new ReportInput(null, null, null, c, null);
    }

    public static ReportInput of(TicketNote t) {
        return new ReportInput(null, null, null, null, t);
    }

    public String clientId() {
        if (outcome != null) return outcome.clientId();
        if (breach != null) return breach.clientId();
        if (escalation != null) return escalation.clientId();
        if (ticket != null) return ticket.clientId();
        return chain.clientId();
    }

    /** The instant a non-outcome input counts at (outcomes count at several instants, see ReportAccumulator). */
    public long firedAt() {
        if (breach != null) return breach.firedAt();
        if (escalation != null) return escalation.firedAt();
        if (chain != null) return chain.firedAt();
        if (ticket != null) throw new IllegalStateException("a subject counts at no instant");
        throw new IllegalStateException("an outcome counts at several instants");
    }
}
