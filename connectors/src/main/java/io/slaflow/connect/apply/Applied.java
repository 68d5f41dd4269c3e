package io.slaflow.connect.apply;

/** What applying one command did (logged, counted, asserted by the tests). */
public enum Applied {
    /** the owner was changed and the comment added */
    REASSIGNED,
    /** the ticket already had the roster's person (or the roster names nobody): only the comment was added */
    COMMENTED,
    /** a person changed the owner after the escalation fired: their choice stands, the comment says so */
    LEFT_WITH_PERSON,
    /** the command's comment is already on the ticket: applied before (a retry, a redelivery after a restart) */
    ALREADY_APPLIED,
    /** the ticket is resolved or rejected in the ticketing system: nothing left to escalate */
    TICKET_INACTIVE,
    /** routing: fields changed */
    ROUTED,
    /** routing: every field already as routed, or changed by a person since the ticket was created */
    NOTHING_TO_ROUTE,
    /** the ticket belongs to another ticketing-system instance */
    NOT_OURS
}
