package io.slaflow.cep;

import io.slaflow.event.TicketEvent;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.SlaAlert;

/** Unifies the Enforce layer's outputs and the lifecycle events into {@link SlaSignal}s. */
public final class SlaSignals {
    private SlaSignals() {}

    public static SlaSignal of(SlaAlert a) {
        SlaSignal s = new SlaSignal(
                a.id(),
                a.kind() == SlaAlert.Kind.BREACH ? SlaSignal.Kind.BREACH : SlaSignal.Kind.WARNING,
                a.ticketId(),
                a.clientId(),
                a.firedAt());
        s.tier = a.tier();
        s.metric = a.metric().name();
        s.assignee = a.assignee();
        return s;
    }

    public static SlaSignal of(Escalation x) {
        SlaSignal s = new SlaSignal(x.id(), SlaSignal.Kind.ESCALATION, x.ticketId(), x.clientId(), x.firedAt());
        s.tier = x.tier();
        s.metric = x.metric().name();
        s.level = x.level();
        s.role = x.role();
        s.assignee = x.to();
        return s;
    }

    /** The lifecycle events a chain pattern can use; null for the others (created, priority changed). */
    public static SlaSignal of(TicketEvent e) {
        SlaSignal.Kind kind = switch (e.type) {
            case RESPONDED -> SlaSignal.Kind.RESPONDED;
            case ASSIGNED -> SlaSignal.Kind.ASSIGNED;
            case STATUS_CHANGED -> SlaSignal.Kind.STATUS_CHANGED;
            case RESOLVED -> SlaSignal.Kind.RESOLVED;
            case REOPENED -> SlaSignal.Kind.REOPENED;
            case CLOSED -> SlaSignal.Kind.CLOSED;
            default -> null;
        };
        if (kind == null) return null;
        SlaSignal s = new SlaSignal(e.eventId, kind, e.ticketId, e.clientId, e.occurredAt);
        s.assignee = e.assignee;
        s.actor = e.actor;
        return s;
    }
}
