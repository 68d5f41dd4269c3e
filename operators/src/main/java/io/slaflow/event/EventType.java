package io.slaflow.event;

/** Ticket lifecycle event types of the input contract (see {@code ticket-event.schema.json}). */
public enum EventType {
    CREATED,
    /** First public reply or acknowledgement by an agent: stops the response clock. */
    RESPONDED,
    ASSIGNED,
    STATUS_CHANGED,
    PRIORITY_CHANGED,
    RESOLVED,
    REOPENED,
    CLOSED
}
