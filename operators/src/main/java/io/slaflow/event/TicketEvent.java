package io.slaflow.event;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One ticket lifecycle event, as published on {@code ticket-events}.
 *
 * <p>Public fields and a no-argument constructor, so Flink's POJO serializer can write it without Kryo where the type
 * is taken as it is (the enforcer's {@code held-events} operator state, the escalated tickets' side output); from the
 * parser to the enforcer and inside a ticket's keyed value the hand-written {@code TicketEventSerializer} (streams)
 * writes it. The enforcer never changes an event it is given (rule 3 applies a copy, {@link #effectiveAt}).
 * {@code occurredAt} is event time in epoch milliseconds (the ISO-8601 text is parsed once, at the edge).
 * Fields the contract does not name are kept in {@link #extra}: field name → that field's JSON text.
 */
public class TicketEvent {
    public String eventId;
    public String ticketId;
    public String clientId;
    public EventType type;
    public long occurredAt;
    public String source;
    public String subject;
    public String description;
    public String priority;
    public String status;
    public String assignee;
    public String actor;
    /** Unknown extra fields, kept verbatim: name → JSON text of the value. Never null. */
    public Map<String, String> extra = new HashMap<>();
    /**
     * Where the record was read (set by the parser; null for an event built in code). Not part of what the event says:
     * {@link #equals} and {@link EventContent} leave it out, so a resend read at another offset is still a duplicate.
     */
    public EventOrigin origin;

    public TicketEvent() {}

    public TicketEvent(String eventId, String ticketId, String clientId, EventType type, long occurredAt) {
        this.eventId = eventId;
        this.ticketId = ticketId;
        this.clientId = clientId;
        this.type = type;
        this.occurredAt = occurredAt;
    }

    /**
     * This event as it takes effect at {@code t}: a copy that differs only in its time, leaving this one as it
     * arrived (the enforcer applies an event behind what it has already decided at the instant decided). The copy
     * shares the extra fields and the origin, which neither changes.
     */
    public TicketEvent effectiveAt(long t) {
        TicketEvent e = new TicketEvent(eventId, ticketId, clientId, type, t);
        e.source = source;
        e.subject = subject;
        e.description = description;
        e.priority = priority;
        e.status = status;
        e.assignee = assignee;
        e.actor = actor;
        e.extra = extra;
        e.origin = origin;
        return e;
    }

    /**
     * The text of an extra field for rule matching: a JSON string's content, a number/boolean as written,
     * {@code null} when the field is absent or JSON null. Objects and arrays come back as JSON text.
     */
    public String attribute(String name) {
        String json = extra.get(name);
        if (json == null || json.equals("null")) {
            return null;
        }
        if (json.length() >= 2 && json.charAt(0) == '"' && json.indexOf('\\') < 0) {
            return json.substring(1, json.length() - 1);
        }
        if (json.charAt(0) == '"') {
            return JsonText.unquote(json);
        }
        return json;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof TicketEvent e)) return false;
        return occurredAt == e.occurredAt
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(ticketId, e.ticketId)
                && Objects.equals(clientId, e.clientId)
                && type == e.type
                && Objects.equals(source, e.source)
                && Objects.equals(subject, e.subject)
                && Objects.equals(description, e.description)
                && Objects.equals(priority, e.priority)
                && Objects.equals(status, e.status)
                && Objects.equals(assignee, e.assignee)
                && Objects.equals(actor, e.actor)
                && Objects.equals(extra, e.extra);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, ticketId, type, occurredAt);
    }

    @Override
    public String toString() {
        return "TicketEvent{" + eventId + " " + type + " ticket=" + ticketId + " client=" + clientId + " at="
                + java.time.Instant.ofEpochMilli(occurredAt) + "}";
    }
}
