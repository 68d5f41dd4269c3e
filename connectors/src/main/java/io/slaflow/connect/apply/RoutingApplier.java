package io.slaflow.connect.apply;

import io.slaflow.connect.ticketing.HistoryEntry;
import io.slaflow.connect.ticketing.PriorityTiers;
import io.slaflow.connect.ticketing.RefusedException;
import io.slaflow.connect.ticketing.TicketIds;
import io.slaflow.connect.ticketing.TicketUpdate;
import io.slaflow.connect.ticketing.TicketView;
import io.slaflow.connect.ticketing.TicketingClient;
import io.slaflow.connect.ticketing.TicketingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows the tier SLAflow gave a new ticket in the ticketing system (its priority, or a custom field) and moves it to
 * the queue and owner the policy routes that tier to. Routing is a first placement: each field is set only while
 * nobody has changed it since the ticket was created (not a person, not an escalation), and only when it differs. So a
 * redelivered routing record changes nothing, a late one never undoes a person's decision or an escalation's raised
 * priority, and an owner is set only on an unowned ticket.
 */
public final class RoutingApplier {

    public enum TierField {
        PRIORITY,
        CUSTOM_FIELD,
        NONE
    }

    public record Settings(TicketIds ids, TierField tierField, String tierCustomField, PriorityTiers tierPriorities) {}

    private final TicketingClient client;
    private final Settings settings;

    public RoutingApplier(TicketingClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    public Applied apply(RoutingCommand r) throws TicketingException, RefusedException {
        String number = settings.ids().numberOf(r.ticketId());
        if (number == null) return Applied.NOT_OURS;
        TicketView ticket = client.ticket(number)
                .orElseThrow(
                        () -> new RefusedException("ticket " + number + " does not exist in the ticketing system"));
        if (ticket.state() == TicketView.State.GONE) {
            throw new RefusedException("ticket " + number + " is " + ticket.status() + " in the ticketing system");
        }
        if (ticket.state() == TicketView.State.INACTIVE) return Applied.TICKET_INACTIVE;
        List<HistoryEntry> history = client.history(number);
        TicketUpdate update = TicketUpdate.none();
        List<String> expected = new ArrayList<>();

        if (settings.tierField() == TierField.PRIORITY) {
            String priority = settings.tierPriorities().priorityOf(r.tier());
            if (priority != null && !priority.equals(ticket.priority()) && !changedSinceCreation(history, "Priority")) {
                update = update.withPriority(priority);
                expected.add("priority " + priority);
            }
        } else if (settings.tierField() == TierField.CUSTOM_FIELD) {
            String name = settings.tierCustomField();
            if (!r.tier().equals(ticket.customFields().get(name)) && !changedSinceCreation(history, name)) {
                update = update.withCustomField(name, r.tier());
                expected.add(name + " " + r.tier());
            }
        }
        if (r.queue() != null
                && !r.queue().equalsIgnoreCase(ticket.queue())
                && !changedSinceCreation(history, "Queue")) {
            update = update.withQueue(r.queue());
            expected.add("queue " + r.queue());
        }
        if (r.owner() != null && ticket.unowned() && !changedSinceCreation(history, "Owner")) {
            if (!client.userExists(r.owner())) {
                throw new RefusedException("the ticketing system has no (enabled) user '" + r.owner() + "', the "
                        + r.role() + " the policy routes " + r.tier() + " tickets of client " + r.clientId() + " to");
            }
            update = update.withOwner(r.owner());
            expected.add("owner " + r.owner());
        }
        if (update.isEmpty()) return Applied.NOTHING_TO_ROUTE;
        List<String> messages = client.update(number, update);
        verify(number, update, messages, expected);
        return Applied.ROUTED;
    }

    private static boolean changedSinceCreation(List<HistoryEntry> history, String field) {
        return history.stream().anyMatch(h -> h.changes(field));
    }

    /** The ticketing system may answer "done" and refuse a field: read it back. */
    private void verify(String number, TicketUpdate u, List<String> messages, List<String> expected)
            throws TicketingException, RefusedException {
        TicketView after = client.ticket(number)
                .orElseThrow(() -> new RefusedException("ticket " + number + " disappeared while being routed"));
        boolean ok = (u.priority() == null || u.priority().equals(after.priority()))
                && (u.queue() == null || u.queue().equalsIgnoreCase(after.queue()))
                && (u.owner() == null || u.owner().equalsIgnoreCase(after.owner()))
                && u.customFields().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(after.customFields().get(e.getKey())));
        if (!ok) {
            throw new RefusedException("the ticketing system did not apply the routing of ticket " + number + " ("
                    + String.join(", ", expected) + "): " + String.join("; ", messages));
        }
    }
}
