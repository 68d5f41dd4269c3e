package io.slaflow.sla;

/** Where {@link TicketSla} sends what it decides; the Flink function maps these to outputs and side outputs. */
public interface SlaOutputs {
    void alert(SlaAlert alert);

    void escalation(Escalation escalation);

    void outcome(OutcomeUpdate update);
}
