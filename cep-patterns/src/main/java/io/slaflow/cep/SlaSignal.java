package io.slaflow.cep;

import java.util.Objects;

/**
 * One thing that happened to a ticket, as the chain patterns see it: an Enforce-layer output (warning, breach,
 * escalation) or a lifecycle event (responded, assigned, resolved...). Event time is {@link #at}.
 *
 * <p>A Flink POJO (public no-arg constructor, public fields) so the CEP operator's buffers serialize it without Kryo.
 */
public class SlaSignal {
    public enum Kind {
        WARNING,
        BREACH,
        ESCALATION,
        RESPONDED,
        ASSIGNED,
        STATUS_CHANGED,
        RESOLVED,
        REOPENED,
        CLOSED
    }

    /** The id of the alert, escalation or input event this signal stands for: the evidence trail names it. */
    public String id;

    public Kind kind;
    public String ticketId;
    public String clientId;
    /** Tier and metric (RESPONSE / RESOLUTION) for warnings, breaches and escalations; null for lifecycle events. */
    public String tier;

    public String metric;
    public long at;
    /** Escalations: the ladder level and the role it escalated to. */
    public int level;

    public String role;
    /** Escalations: the person escalated to; ASSIGNED: the new assignee. */
    public String assignee;
    /** Lifecycle events: who acted (may be null). */
    public String actor;

    public SlaSignal() {}

    public SlaSignal(String id, Kind kind, String ticketId, String clientId, long at) {
        this.id = id;
        this.kind = kind;
        this.ticketId = ticketId;
        this.clientId = clientId;
        this.at = at;
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlaSignal s
                && at == s.at
                && level == s.level
                && Objects.equals(id, s.id)
                && kind == s.kind
                && Objects.equals(ticketId, s.ticketId)
                && Objects.equals(clientId, s.clientId)
                && Objects.equals(tier, s.tier)
                && Objects.equals(metric, s.metric)
                && Objects.equals(role, s.role)
                && Objects.equals(assignee, s.assignee)
                && Objects.equals(actor, s.actor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, ticketId, at);
    }

    @Override
    public String toString() {
        return kind + " " + id + " ticket=" + ticketId + " client=" + clientId + " at="
                + java.time.Instant.ofEpochMilli(at);
    }
}
