package io.slaflow.connect.apply;

import io.slaflow.connect.ticketing.HistoryEntry;
import io.slaflow.connect.ticketing.RefusedException;
import io.slaflow.connect.ticketing.TicketIds;
import io.slaflow.connect.ticketing.TicketUpdate;
import io.slaflow.connect.ticketing.TicketView;
import io.slaflow.connect.ticketing.TicketingClient;
import io.slaflow.connect.ticketing.TicketingException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies an escalation to its ticket, at most once whatever is retried or redelivered:
 * <ol>
 *   <li>The ticket's history is read first. A comment whose subject carries the escalation id means it was applied:
 *       nothing is done again ({@link Applied#ALREADY_APPLIED}).</li>
 *   <li>A resolved or rejected ticket is left alone ({@link Applied#TICKET_INACTIVE}); a deleted or missing one, or an
 *       unknown person, is refused ({@link RefusedException}: the dead-letter queue, with the reason).</li>
 *   <li>If a person (anyone but SLAflow's own user) changed the owner at or after the instant the escalation fired,
 *       their decision stands: the owner is not touched and the comment says so ({@link Applied#LEFT_WITH_PERSON}).
 *       SLAflow never fights a person.</li>
 *   <li>Otherwise the owner becomes the roster's person (and the priority is raised when configured), then the
 *       comment is added. The owner change comes first: if we stop between the two, the retry finds the owner already
 *       right and adds only the comment, so neither is ever done twice.</li>
 * </ol>
 * RT answers "done" even when it refuses an owner ("That user may not own tickets in that queue"), so the owner is
 * read back; a refusal becomes a dead letter carrying RT's own message.
 */
public final class EscalationApplier {

    /** @param raisePriorityTo raise the ticket's priority to at least this value (null: leave it) */
    public record Settings(TicketIds ids, String raisePriorityTo, Map<String, String> roleQueues) {}

    private final TicketingClient client;
    private final Settings settings;

    public EscalationApplier(TicketingClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    public Applied apply(EscalationCommand c) throws TicketingException, RefusedException {
        String number = settings.ids().numberOf(c.ticketId());
        if (number == null) return Applied.NOT_OURS;
        TicketView ticket = existing(number);
        List<HistoryEntry> history = client.history(number);
        String marker = EscalationComment.subject(c);
        boolean applied = history.stream()
                .anyMatch(h -> h.kind() == HistoryEntry.Kind.COMMENT
                        && h.subject() != null
                        && h.subject().contains(marker));
        if (applied) return Applied.ALREADY_APPLIED;
        if (ticket.state() == TicketView.State.INACTIVE) return Applied.TICKET_INACTIVE;

        EscalationComment.OwnerNote note;
        String queue = null;
        Applied result;
        Optional<HistoryEntry> byPerson = ownerChangedByPersonSince(history, c.firedAt());
        if (c.to() == null) {
            queue = settings.roleQueues().get(c.role());
            if (queue != null && !queue.equalsIgnoreCase(ticket.queue())) {
                client.update(number, TicketUpdate.none().withQueue(queue));
            }
            note = EscalationComment.OwnerNote.NO_ROSTER_PERSON;
            result = Applied.COMMENTED;
        } else if (ticket.owner().equalsIgnoreCase(c.to())) {
            note = EscalationComment.OwnerNote.ALREADY_OWNER;
            result = Applied.COMMENTED;
        } else if (byPerson.isPresent()) {
            note = EscalationComment.OwnerNote.LEFT_WITH_PERSON;
            result = Applied.LEFT_WITH_PERSON;
        } else {
            reassign(number, ticket, c);
            note = EscalationComment.OwnerNote.REASSIGNED;
            result = Applied.REASSIGNED;
        }
        client.comment(number, marker, EscalationComment.body(c, note, ticket.owner(), queue));
        return result;
    }

    private TicketView existing(String number) throws TicketingException, RefusedException {
        TicketView ticket = client.ticket(number)
                .orElseThrow(
                        () -> new RefusedException("ticket " + number + " does not exist in the ticketing system"));
        if (ticket.state() == TicketView.State.GONE) {
            throw new RefusedException("ticket " + number + " is " + ticket.status() + " in the ticketing system");
        }
        return ticket;
    }

    /** An owner change by anyone but us at or after {@code since} (the history has whole seconds). */
    private Optional<HistoryEntry> ownerChangedByPersonSince(List<HistoryEntry> history, Instant since) {
        Instant from = since.truncatedTo(ChronoUnit.SECONDS);
        return history.stream()
                .filter(h ->
                        h.changes("Owner") && !h.actor().equalsIgnoreCase(client.selfUser()) && !h.at().isBefore(from))
                .findFirst();
    }

    private void reassign(String number, TicketView ticket, EscalationCommand c)
            throws TicketingException, RefusedException {
        if (!client.userExists(c.to())) {
            throw new RefusedException("the ticketing system has no (enabled) user '" + c.to() + "', the " + c.role()
                    + " in client " + c.clientId() + "'s roster: add the user or fix the roster");
        }
        TicketUpdate update = TicketUpdate.none().withOwner(c.to());
        if (settings.raisePriorityTo() != null && below(ticket.priority(), settings.raisePriorityTo())) {
            update = update.withPriority(settings.raisePriorityTo());
        }
        List<String> messages = client.update(number, update);
        TicketView after = existing(number);
        if (!after.owner().equalsIgnoreCase(c.to())) {
            throw new RefusedException("the ticketing system did not make " + c.to() + " the owner of ticket " + number
                    + ": " + String.join("; ", messages));
        }
    }

    private static boolean below(String current, String wanted) {
        try {
            return Long.parseLong(current.strip()) < Long.parseLong(wanted.strip());
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
