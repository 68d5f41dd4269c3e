package io.slaflow.connect.ticketing;

import java.util.Map;

/**
 * A ticket as the write side needs to see it now, in the ticketing system's own terms.
 *
 * @param owner        the owner's user name (the system's name for "nobody" when unowned)
 * @param unowned      true when nobody owns the ticket
 * @param status       the system's status name
 * @param state        what the status means for SLAflow
 * @param priority     the system's priority value as text
 * @param customFields field name → its (first) value
 */
public record TicketView(
        String number,
        String owner,
        boolean unowned,
        String status,
        State state,
        String queue,
        String priority,
        Map<String, String> customFields) {

    /** Active: work goes on; inactive: resolved or rejected (may be reopened); gone: deleted. */
    public enum State {
        ACTIVE,
        INACTIVE,
        GONE
    }
}
