package io.slaflow.connect.rt;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.slaflow.connect.ticketing.BoundedCache;
import io.slaflow.connect.ticketing.ClientRule;
import io.slaflow.connect.ticketing.PriorityTiers;
import io.slaflow.connect.ticketing.RefusedException;
import io.slaflow.connect.ticketing.StatusRules;
import io.slaflow.connect.ticketing.TicketIds;
import io.slaflow.connect.ticketing.TicketingException;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns RT transactions into contract events (README of the connectors module, "What the source emits"):
 * <ul>
 *   <li>{@code Create} → CREATED with the subject, queue, priority, owner and status the ticket had then (later
 *       changes already made are undone from its history, so a backlog read after downtime gives the same CREATED as
 *       a live read), the requestor's client, the channel ({@code X-RT-Interface}) and the text;</li>
 *   <li>the first {@code Correspond} by a privileged user (an agent) → RESPONDED; later ones, and requestors'
 *       replies, give nothing;</li>
 *   <li>a status change → RESOLVED, CLOSED, REOPENED or STATUS_CHANGED ({@link StatusRules});</li>
 *   <li>an owner change (Set, Take, Steal, Give, Untake) → ASSIGNED (to {@code Nobody} when untaken);</li>
 *   <li>a priority change that moves the ticket to another tier ({@link PriorityTiers}) → PRIORITY_CHANGED, unless
 *       SLAflow's own RT user made it: that is SLAflow showing its own decision, not new information.</li>
 * </ul>
 * Everything else (comments, e-mail records, custom fields, links) gives no event.
 */
public final class RtEventMapper {

    /** What the mapper looks up in RT (cached by {@link RtFeed}). */
    public interface Lookups {
        Optional<RtTicket> ticket(String number) throws TicketingException, RefusedException;

        Optional<RtUser> user(String nameOrId) throws TicketingException, RefusedException;

        Optional<RtMessage> message(long transactionId) throws TicketingException, RefusedException;

        List<RtTransaction> transactions(String number) throws TicketingException, RefusedException;

        String queueName(String id) throws TicketingException, RefusedException;
    }

    /** The mapping as configured (validated by the connector's configuration at start). */
    public record Settings(
            TicketIds ids,
            ClientRule clients,
            PriorityTiers tiers,
            StatusRules statuses,
            String selfUser,
            boolean description) {}

    private static final int SUBJECT_MAX = 1024;
    private static final int DESCRIPTION_MAX = 32_768;
    private static final int NAME_MAX = 256;

    private final Settings s;
    private final Lookups rt;
    /** ticket number → client id, as decided at its CREATED (the enforcer keeps the CREATED's client too) */
    private final BoundedCache<String, String> clients = new BoundedCache<>(100_000);
    /** tickets whose whole history since creation this mapper has seen: no need to ask RT about earlier replies */
    private final BoundedCache<String, Boolean> seenSinceCreation = new BoundedCache<>(100_000);

    private final BoundedCache<String, Boolean> responded = new BoundedCache<>(100_000);

    public RtEventMapper(Settings settings, Lookups lookups) {
        this.s = settings;
        this.rt = lookups;
    }

    public Optional<TicketEvent> map(RtTransaction t) throws TicketingException, RefusedException {
        if (!t.onTicket()) return Optional.empty();
        String number = t.objectId();
        switch (t.type()) {
            case "Create":
                return created(t, number);
            case "Correspond":
                return responded(t, number);
            case "Status":
                return status(t, number);
            case "Set", "Take", "Steal", "Untake", "Give", "Force":
                if (t.field().equals("Status")) return status(t, number);
                if (t.field().equals("Owner")) return assigned(t, number);
                if (t.field().equals("Priority")) return priorityChanged(t, number);
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    private Optional<TicketEvent> created(RtTransaction t, String number) throws TicketingException, RefusedException {
        Optional<RtTicket> now = rt.ticket(number);
        if (now.isEmpty()) return Optional.empty(); // shredded since: nothing left to enforce
        RtTicket ticket = now.get();
        AtCreation then = atCreation(t, ticket);
        Optional<RtMessage> message = rt.message(t.id());
        String client = s.clients().clientOf(then.queue, ticket.customFields(), requestorEmails(ticket));
        clients.put(number, client);
        seenSinceCreation.put(number, Boolean.TRUE);

        TicketEvent e = event(t, number, client, EventType.CREATED);
        e.subject =
                cut(message.map(RtMessage::subject).filter(x -> !x.isBlank()).orElse(ticket.subject()), SUBJECT_MAX);
        if (s.description())
            e.description = message.map(RtMessage::text)
                    .map(x -> cut(x, DESCRIPTION_MAX))
                    .orElse(null);
        e.source = message.map(RtMessage::contractSource).orElse(null);
        e.priority = s.tiers().tierOf(then.priority);
        e.status = then.status.isEmpty() ? null : cut(s.statuses().contractName(then.status), 128);
        e.assignee =
                then.owner == null || RtClient.NOBODY.equalsIgnoreCase(then.owner) ? null : cut(then.owner, NAME_MAX);
        e.extra.put(
                "queue",
                "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(cut(then.queue, NAME_MAX))) + "\"");
        return Optional.of(e);
    }

    /** The fields as they were at the create: the first later change of each, undone. */
    private AtCreation atCreation(RtTransaction create, RtTicket ticket) throws TicketingException, RefusedException {
        AtCreation a = new AtCreation(ticket.queue(), ticket.priority(), ticket.owner(), ticket.status());
        if (!ticket.lastUpdated().isAfter(create.created())) return a; // nothing happened since: as it is now
        boolean queue = false, priority = false, owner = false, status = false;
        for (RtTransaction later : rt.transactions(ticket.number())) {
            if (later.id() <= create.id()) continue;
            boolean set = !later.type().equals("SetWatcher") && !later.type().equals("CustomField");
            if (set && later.field().equals("Queue") && !queue) {
                a.queue = rt.queueName(later.oldValue());
                queue = true;
            } else if (set && later.field().equals("Priority") && !priority) {
                a.priority = later.oldValue();
                priority = true;
            } else if (set && later.field().equals("Owner") && !owner) {
                a.owner = rt.user(later.oldValue()).map(RtUser::name).orElse(RtClient.NOBODY);
                owner = true;
            } else if (later.field().equals("Status") && !status) {
                a.status = later.oldValue();
                status = true;
            }
        }
        return a;
    }

    private static final class AtCreation {
        String queue, priority, owner, status;

        AtCreation(String queue, String priority, String owner, String status) {
            this.queue = queue;
            this.priority = priority;
            this.owner = owner;
            this.status = status;
        }
    }

    private List<String> requestorEmails(RtTicket ticket) throws TicketingException, RefusedException {
        if (s.clients().from() != ClientRule.From.REQUESTOR_DOMAIN) return List.of();
        List<String> emails = new ArrayList<>();
        for (String r : ticket.requestors()) {
            if (r.contains("@")) {
                emails.add(r);
            } else {
                rt.user(r).map(RtUser::email).filter(x -> !x.isEmpty()).ifPresent(emails::add);
            }
        }
        return emails;
    }

    private Optional<TicketEvent> responded(RtTransaction t, String number)
            throws TicketingException, RefusedException {
        Optional<RtUser> by = rt.user(t.creator());
        if (by.isEmpty() || !by.get().privileged() || responded.contains(number)) return Optional.empty();
        if (!seenSinceCreation.contains(number) && answeredBefore(t, number)) {
            responded.put(number, Boolean.TRUE);
            return Optional.empty();
        }
        responded.put(number, Boolean.TRUE);
        return Optional.of(event(t, number, clientOf(number), EventType.RESPONDED));
    }

    /** Whether an agent corresponded on the ticket before this transaction (asked only for tickets created before we started). */
    private boolean answeredBefore(RtTransaction t, String number) throws TicketingException, RefusedException {
        for (RtTransaction earlier : rt.transactions(number)) {
            if (earlier.id() >= t.id()) break;
            if (earlier.type().equals("Correspond")
                    && rt.user(earlier.creator()).map(RtUser::privileged).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private Optional<TicketEvent> status(RtTransaction t, String number) throws TicketingException, RefusedException {
        if (t.newValue().isEmpty()) return Optional.empty();
        EventType type = s.statuses().typeOf(t.oldValue(), t.newValue());
        TicketEvent e = event(t, number, clientOf(number), type);
        e.status = cut(s.statuses().contractName(t.newValue()), 128);
        return Optional.of(e);
    }

    private Optional<TicketEvent> assigned(RtTransaction t, String number) throws TicketingException, RefusedException {
        String owner = rt.user(t.newValue()).map(RtUser::name).orElse(null);
        if (owner == null || owner.isBlank()) return Optional.empty();
        TicketEvent e = event(t, number, clientOf(number), EventType.ASSIGNED);
        e.assignee = cut(owner, NAME_MAX);
        return Optional.of(e);
    }

    private Optional<TicketEvent> priorityChanged(RtTransaction t, String number)
            throws TicketingException, RefusedException {
        if (t.creator().equalsIgnoreCase(s.selfUser())) return Optional.empty();
        String to = s.tiers().tierOf(t.newValue());
        if (to == null || to.equals(s.tiers().tierOf(t.oldValue()))) return Optional.empty();
        TicketEvent e = event(t, number, clientOf(number), EventType.PRIORITY_CHANGED);
        e.priority = to;
        return Optional.of(e);
    }

    private String clientOf(String number) throws TicketingException, RefusedException {
        String known = clients.get(number);
        if (known != null) return known;
        // created before this task started: decide as the CREATED did, from the ticket as it is
        Optional<RtTicket> ticket = rt.ticket(number);
        String client = ticket.isEmpty()
                ? s.clients().clientOf(null, java.util.Map.of(), List.of())
                : s.clients()
                        .clientOf(ticket.get().queue(), ticket.get().customFields(), requestorEmails(ticket.get()));
        clients.put(number, client);
        return client;
    }

    private TicketEvent event(RtTransaction t, String number, String client, EventType type) {
        TicketEvent e = new TicketEvent(
                s.ids().eventId(t.id()),
                s.ids().ticketId(number),
                client,
                type,
                t.created().toEpochMilli());
        e.actor = t.creator().isEmpty() ? null : cut(t.creator(), NAME_MAX);
        return e;
    }

    /** At most {@code max} code points (the contract's limits count code points). */
    static String cut(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) return text;
        return text.substring(0, text.offsetByCodePoints(0, max));
    }
}
