package io.slaflow.event;

/**
 * Ticket lifecycle event types of the input contract (see {@code schemas/ticket-event.schema.json}).
 * On the wire the names are case-sensitive upper case: {@code "created"} is rejected (UNKNOWN_TYPE).
 *
 * <p>Per type, the optional fields an event is expected to carry. Only those marked <b>required</b> are
 * enforced (by the schema's {@code if/then} and by {@link TicketEventDeserializer}, as
 * {@link RejectReason#MISSING_REQUIRED_FOR_TYPE}); the others are advice to producers.
 */
public enum EventType {
    /** Starts the clocks. Expected: source, subject, description, priority (classification fills a missing one). */
    CREATED,
    /** First public reply or acknowledgement by an agent: stops the response clock. Expected: actor. */
    RESPONDED,
    /** <b>Required:</b> a non-empty assignee (agent or group). Expected: actor. */
    ASSIGNED,
    /** <b>Required:</b> a non-empty status (the ticketing system's own name). Expected: actor. */
    STATUS_CHANGED,
    /** <b>Required:</b> priority (P1..P9). Expected: actor. */
    PRIORITY_CHANGED,
    /** Expected: actor, status. */
    RESOLVED,
    /** Expected: actor, status. */
    REOPENED,
    /** Expected: actor, status. */
    CLOSED
}
