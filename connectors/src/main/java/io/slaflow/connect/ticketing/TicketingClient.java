package io.slaflow.connect.ticketing;

import java.util.List;
import java.util.Optional;

/**
 * The write side of a ticketing system, as the sink needs it: read a ticket and its history, check a user, change
 * fields, add an internal comment. {@code RtClient} implements it on Request Tracker's REST2; a second system (Jira
 * Service Management, Zendesk, ServiceNow) implements these six calls and reuses every rule in {@code apply}.
 *
 * <p>Every call throws {@link TicketingException} for what may pass (retry) and {@link RefusedException} for what
 * will not (dead-letter queue).
 */
public interface TicketingClient {

    /** The ticket now, or empty when the system has no such ticket. */
    Optional<TicketView> ticket(String number) throws TicketingException, RefusedException;

    /** The ticket's history, oldest first. */
    List<HistoryEntry> history(String number) throws TicketingException, RefusedException;

    /** True when a user of this name exists (and is enabled). */
    boolean userExists(String name) throws TicketingException, RefusedException;

    /**
     * Applies the changes; returns the system's messages (for logs and dead letters). A system that answers "done"
     * while refusing a field (RT does) is checked by the caller reading the ticket again.
     */
    List<String> update(String number, TicketUpdate update) throws TicketingException, RefusedException;

    /** Adds an internal comment (never sent to the requestor). */
    void comment(String number, String subject, String body) throws TicketingException, RefusedException;

    /** The user this client acts as: its own changes are SLAflow's, not a person's. */
    String selfUser();
}
