package io.slaflow.jobs.imports;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.slaflow.event.EventType;
import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.event.TicketEventJson;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the rows of a ticket-history export, in file order, into contract events: the per-ticket state machine
 * behind the mapping's rules. For each accepted row, in this order (all at the row's time):
 * The client is taken from the ticket's first row and kept for all its events.
 * <ol>
 *   <li>the ticket's first row: {@code CREATED} (with priority, assignee, status);</li>
 *   <li>a row after {@code RESOLVED} whose rule does not itself resolve or close: {@code REOPENED};</li>
 *   <li>a mapped priority different from the ticket's: {@code PRIORITY_CHANGED};</li>
 *   <li>a group different from the previous row's: {@code ASSIGNED} to the group (the person as actor);</li>
 *   <li>the rule's status (or the active status) different from the ticket's: {@code STATUS_CHANGED};</li>
 *   <li>the rule's event: {@code RESPONDED} the first time only, {@code RESOLVED} unless already resolved,
 *       {@code CLOSED} (with {@code closeOnLastRowOnly}: only on the ticket's last row; an earlier close that
 *       the export contradicts with more activity is read as {@code RESOLVED}).</li>
 * </ol>
 * A row producing none of these is counted as a no-op, not rejected. Bad rows come back as a
 * {@link RowRejection}; every event is checked against the contract's deserializer before it is returned.
 * Not thread-safe: one instance per import.
 */
final class TicketRowMapper {

    /** The events of one row, or its rejection. */
    record Result(List<TicketEvent> events, RowRejection rejection) {}

    private static final class TicketState {
        long lastTime;
        String clientId;
        String priority;
        String group;
        String status;
        boolean responded;
        boolean resolved;
        boolean closed;
    }

    private final ImportMapping mapping;
    private final Map<String, Integer> header;
    private final TicketEventDeserializer contract = new TicketEventDeserializer();
    private final Map<String, TicketState> tickets = new HashMap<>();

    /** Each ticket's last data line, when the mapping closes on the last row only (else empty). */
    private final Map<String, Long> lastLineOfTicket;

    TicketRowMapper(ImportMapping mapping, Map<String, Integer> header, Map<String, Long> lastLineOfTicket) {
        this.mapping = mapping;
        this.header = header;
        this.lastLineOfTicket = lastLineOfTicket;
    }

    int ticketCount() {
        return tickets.size();
    }

    Result map(long line, List<String> fields) {
        if (fields.size() != header.size()) {
            return reject(line, RowRejection.Reason.COLUMN_COUNT,
                    "the row has " + fields.size() + " fields, the header " + header.size(), fields);
        }
        String ticketId = value(fields, mapping.ticketId());
        String rawTime = value(fields, mapping.occurredAt());
        String rawClient = value(fields, mapping.client());
        for (ImportMapping.Column c : List.of(mapping.ticketId(), mapping.occurredAt(), mapping.client())) {
            if (value(fields, c).isEmpty()) {
                return reject(line, RowRejection.Reason.MISSING_VALUE, "column '" + c.name() + "' is empty", fields);
            }
        }
        long time;
        try {
            time = parseTime(rawTime);
        } catch (DateTimeException e) {
            return reject(line, RowRejection.Reason.BAD_TIME, "column '" + mapping.occurredAt().name() + "': cannot read '"
                    + rawTime + "' as " + (mapping.timeFormat() == null ? "an ISO-8601 date-time with offset" : "the mapping's time.format")
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), fields);
        }
        String priority = null;
        if (mapping.priority() != null) {
            String raw = value(fields, mapping.priority());
            priority = mapping.priorityMap().get(raw.toLowerCase(Locale.ROOT));
            if (priority == null && mapping.rejectUnmappedPriority()) {
                return reject(line, RowRejection.Reason.UNMAPPED_PRIORITY, "column '" + mapping.priority().name() + "': '" + raw
                        + "' is not in priority.map (" + String.join(", ", mapping.priorityMap().keySet()) + ")", fields);
            }
        }
        TicketState state = tickets.get(ticketId);
        if (state != null && state.closed) {
            return reject(line, RowRejection.Reason.AFTER_CLOSED, "ticket " + ticketId + " is already closed (CLOSED is final)", fields);
        }
        if (state != null && time < state.lastTime) {
            return reject(line, RowRejection.Reason.TIME_BEFORE_PREVIOUS, "dated " + Instant.ofEpochMilli(time)
                    + ", before the previous row of ticket " + ticketId + " (" + Instant.ofEpochMilli(state.lastTime) + ")", fields);
        }

        // the client is the one of the ticket's first row: a ticket belongs to one contract (the row's own value
        // stays available as an extra column when the mapping keeps it)
        String clientId = state != null ? state.clientId : clientId(rawClient);
        String assignee = mapping.assignee() == null ? null : blankToNull(value(fields, mapping.assignee()));
        String group = mapping.group() == null ? null : blankToNull(value(fields, mapping.group()));
        ImportMapping.Rule rule = null;
        for (ImportMapping.Rule r : mapping.rules()) {
            if (r.matches(header, fields)) {
                rule = r;
                break;
            }
        }
        String status = rule != null && rule.status() != null ? rule.status() : mapping.activeStatus();
        EventType emit = rule == null ? null : rule.emit();
        if (emit == EventType.CLOSED && mapping.closeOnLastRowOnly()
                && lastLineOfTicket.getOrDefault(ticketId, line) != line) {
            // the export goes on with this ticket: this close was not final, read it as a resolution
            // (the next activity then reopens the ticket)
            emit = EventType.RESOLVED;
        }

        // Build on a copy of the state: a row is applied entirely or (on a contract refusal) not at all.
        boolean isNew = state == null;
        TicketState next = new TicketState();
        if (!isNew) {
            copy(state, next);
        }
        List<TicketEvent> events = new ArrayList<>();
        EventFactory make = new EventFactory(ticketId, clientId, time, line, fields, assignee);
        if (isNew) {
            TicketEvent created = make.event(EventType.CREATED, "created");
            created.priority = priority;
            created.status = status;
            created.assignee = group != null ? group : assignee;
            events.add(created);
            next.clientId = clientId;
            next.priority = priority;
            next.group = group;
            next.status = status;
        } else {
            boolean closesOrResolves = emit == EventType.RESOLVED || emit == EventType.CLOSED;
            if (next.resolved && mapping.reopenAfterResolved() && !closesOrResolves) {
                TicketEvent e = make.event(EventType.REOPENED, "reopened");
                e.status = mapping.activeStatus(); // back at work; a pause status of this row follows as STATUS_CHANGED
                events.add(e);
                next.resolved = false;
                next.status = e.status;
            }
            if (priority != null && !priority.equals(next.priority)) {
                TicketEvent e = make.event(EventType.PRIORITY_CHANGED, "priority");
                e.priority = priority;
                events.add(e);
                next.priority = priority;
            }
            if (group != null && !group.equals(next.group)) {
                TicketEvent e = make.event(EventType.ASSIGNED, "assigned");
                e.assignee = group;
                events.add(e);
                next.group = group;
            }
            if (!status.equals(next.status) && !closesOrResolves) {
                TicketEvent e = make.event(EventType.STATUS_CHANGED, "status");
                e.status = status;
                events.add(e);
                next.status = status;
            }
        }
        if (emit == EventType.RESPONDED && !next.responded) {
            events.add(make.event(EventType.RESPONDED, "responded"));
            next.responded = true;
        } else if (emit == EventType.RESOLVED && !next.resolved) {
            TicketEvent e = make.event(EventType.RESOLVED, "resolved");
            e.status = status;
            events.add(e);
            next.resolved = true;
            next.status = status;
        } else if (emit == EventType.CLOSED) {
            TicketEvent e = make.event(EventType.CLOSED, "closed");
            e.status = status;
            events.add(e);
            next.closed = true;
            next.status = status;
        }
        for (TicketEvent e : events) {
            byte[] json = TicketEventJson.toJsonBytes(e);
            if (contract.parse(json) instanceof ParseResult.Rejected r) {
                return reject(line, RowRejection.Reason.CONTRACT, "the " + e.type + " event is refused by the contract: "
                        + r.rejection().reason() + ": " + r.rejection().message(), fields);
            }
        }
        next.lastTime = time;
        tickets.put(ticketId, next);
        return new Result(events, null);
    }

    /** Makes the row's events: deterministic ids (prefix, ticket, line, what), the row's extra columns, actor. */
    private final class EventFactory {
        private final String ticketId;
        private final String clientId;
        private final long time;
        private final long line;
        private final List<String> fields;
        private final String actor;

        EventFactory(String ticketId, String clientId, long time, long line, List<String> fields, String actor) {
            this.ticketId = ticketId;
            this.clientId = clientId;
            this.time = time;
            this.line = line;
            this.fields = fields;
            this.actor = actor;
        }

        TicketEvent event(EventType type, String what) {
            TicketEvent e = new TicketEvent(mapping.eventIdPrefix() + ticketId + ":" + line + ":" + what, ticketId, clientId, type, time);
            e.source = mapping.source();
            e.actor = actor;
            for (Map.Entry<String, ImportMapping.Column> x : mapping.extra().entrySet()) {
                e.extra.put(x.getKey(), jsonString(value(fields, x.getValue())));
            }
            e.extra.put("importLine", Long.toString(line));
            return e;
        }
    }

    private long parseTime(String raw) {
        String t = raw.trim();
        if (mapping.timeFormat() == null) {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        }
        TemporalAccessor parsed = mapping.timeFormat().parse(t);
        if (parsed.isSupported(java.time.temporal.ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed).toInstant().toEpochMilli();
        }
        if (mapping.timeZone() == null) {
            throw new DateTimeException("no offset in the value and no time.zone in the mapping");
        }
        return LocalDateTime.from(parsed).atZone(mapping.timeZone()).toInstant().toEpochMilli();
    }

    private String clientId(String raw) {
        String mapped = mapping.clientMap().get(raw.trim().toLowerCase(Locale.ROOT));
        String id = mapped != null ? mapped : raw.trim();
        if (mapped == null && mapping.clientSlug()) {
            id = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        }
        return mapping.clientPrefix() + id;
    }

    private String value(List<String> fields, ImportMapping.Column c) {
        return fields.get(header.get(c.name())).trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String jsonString(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    private static void copy(TicketState from, TicketState to) {
        to.lastTime = from.lastTime;
        to.clientId = from.clientId;
        to.priority = from.priority;
        to.group = from.group;
        to.status = from.status;
        to.responded = from.responded;
        to.resolved = from.resolved;
        to.closed = from.closed;
    }

    private static Result reject(long line, RowRejection.Reason reason, String message, List<String> fields) {
        return new Result(List.of(), new RowRejection(line, reason, message, List.copyOf(fields)));
    }
}
