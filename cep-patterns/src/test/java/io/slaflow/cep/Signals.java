package io.slaflow.cep;

import java.time.Instant;

/** Test signals, written the way the Enforce layer and the input would produce them. */
final class Signals {
    private Signals() {}

    static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    static SlaSignal breach(String ticket, String client, String metric, String at) {
        SlaSignal s = new SlaSignal(ticket + ":" + metric + ":BREACH", SlaSignal.Kind.BREACH, ticket, client, t(at));
        s.tier = "P1";
        s.metric = metric;
        return s;
    }

    static SlaSignal warning(String ticket, String client, String tier, int percent, String at) {
        SlaSignal s =
                new SlaSignal(ticket + ":RESOLUTION:WARN" + percent, SlaSignal.Kind.WARNING, ticket, client, t(at));
        s.tier = tier;
        s.metric = "RESOLUTION";
        return s;
    }

    static SlaSignal escalation(String ticket, String client, int level, String role, String to, String at) {
        SlaSignal s = new SlaSignal(
                ticket + ":RESPONSE:ESCALATION:" + level, SlaSignal.Kind.ESCALATION, ticket, client, t(at));
        s.tier = "P1";
        s.metric = "RESPONSE";
        s.level = level;
        s.role = role;
        s.assignee = to;
        return s;
    }

    static SlaSignal lifecycle(String eventId, SlaSignal.Kind kind, String ticket, String client, String at) {
        return new SlaSignal(eventId, kind, ticket, client, t(at));
    }

    static SlaSignal assigned(String eventId, String ticket, String client, String assignee, String at) {
        SlaSignal s = lifecycle(eventId, SlaSignal.Kind.ASSIGNED, ticket, client, at);
        s.assignee = assignee;
        return s;
    }
}
