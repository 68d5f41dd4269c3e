package io.slaflow.report;

import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;

/**
 * One input of the report builder: exactly one of an outcome update, a breach, an escalation or a chain alert.
 * Chain alerts (CEP, issue 4) arrive as {@link ChainNote}s so this module does not depend on their type.
 */
public record ReportInput(OutcomeUpdate outcome, SlaAlert breach, Escalation escalation, ChainNote chain) {

    /** A multi-step breach chain detected for a client: its deterministic id, when it fired, what it says. */
    public record ChainNote(String id, String clientId, long firedAt, String description) {}

    public static ReportInput of(OutcomeUpdate u) { return new ReportInput(u, null, null, null); }

    /** Only breaches count as evidence; warnings are not reported. */
    public static ReportInput of(SlaAlert a) { return new ReportInput(null, a, null, null); }

    public static ReportInput of(Escalation x) { return new ReportInput(null, null, x, null); }

    public static ReportInput of(ChainNote c) { return new ReportInput(null, null, null, c); }

    public String clientId() {
        if (outcome != null) return outcome.clientId();
        if (breach != null) return breach.clientId();
        if (escalation != null) return escalation.clientId();
        return chain.clientId();
    }

    /** The instant a non-outcome input counts at (outcomes count at several instants, see ReportAccumulator). */
    public long firedAt() {
        if (breach != null) return breach.firedAt();
        if (escalation != null) return escalation.firedAt();
        if (chain != null) return chain.firedAt();
        throw new IllegalStateException("an outcome counts at several instants");
    }
}
