package io.slaflow.jobs.imports;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.slaflow.event.EventType;
import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.event.TicketEventJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ticket's rows, in time order, into contract events: the state machine behind the mapping's rules. Import is
 * a batch, so a ticket's rows are first put in time order (stable: rows of the same instant keep file order) — an
 * export out of order is normal, not a reason to reject a row. For each row, in this order (all at the row's time):
 * <ol>
 *   <li>the ticket's first row: {@code CREATED} (with priority, assignee, status, source), at the creation time of
 *       {@code columns.createdAt} when the mapping has it, else at the row's own time;</li>
 *   <li>a row after {@code RESOLVED} whose rule does not itself resolve or close: {@code REOPENED};</li>
 *   <li>a mapped priority different from the ticket's: {@code PRIORITY_CHANGED};</li>
 *   <li>a group different from the previous row's: {@code ASSIGNED} to the group (the person as actor);</li>
 *   <li>the row's status (its rule's, else the status column's, else the active status) different from the
 *       ticket's: {@code STATUS_CHANGED};</li>
 *   <li>the rule's event: {@code RESPONDED} the first time only, {@code RESOLVED} unless already resolved,
 *       {@code CLOSED} (with {@code closeOnLastRowOnly}: only on the ticket's last row; an earlier close that the
 *       export contradicts with more activity is read as {@code RESOLVED}).</li>
 * </ol>
 * Only what contradicts the ticket is rejected: a row dated before its creation time, a row after its close, an
 * event the contract refuses. A row producing no event is counted as a no-op. The client is the first row's.
 */
final class TicketLifecycle {

    /** What the ticket's rows gave. */
    record Result(List<TicketEvent> events, List<RowRejection> rejections, long noOpRows) {}

    private static final class State {
        String clientId;
        String priority;
        String group;
        String status;
        boolean responded;
        boolean resolved;
        boolean closed;

        State copy() {
            State s = new State();
            s.clientId = clientId;
            s.priority = priority;
            s.group = group;
            s.status = status;
            s.responded = responded;
            s.resolved = resolved;
            s.closed = closed;
            return s;
        }
    }

    private final ImportMapping mapping;
    private final TicketEventDeserializer contract = new TicketEventDeserializer();

    TicketLifecycle(ImportMapping mapping) {
        this.mapping = mapping;
    }

    /** @param rows one ticket's rows, in time order */
    Result replay(List<TicketRow> rows) {
        List<TicketEvent> events = new ArrayList<>();
        List<RowRejection> rejections = new ArrayList<>();
        long noOps = 0;
        State state = null;
        long createdAt = Long.MIN_VALUE;
        TicketRow last = rows.get(rows.size() - 1);
        for (TicketRow row : rows) {
            if (state != null && state.closed) {
                rejections.add(reject(
                        row,
                        RowRejection.Reason.AFTER_CLOSED,
                        "ticket " + row.ticketId() + " is already closed (CLOSED is final)"));
                continue;
            }
            if (state != null && row.time() < createdAt) {
                rejections.add(reject(
                        row,
                        RowRejection.Reason.BEFORE_CREATED,
                        "dated " + Instant.ofEpochMilli(row.time())
                                + ", before ticket " + row.ticketId() + " was created ("
                                + Instant.ofEpochMilli(createdAt) + ", column '"
                                + mapping.createdAt().name() + "')"));
                continue;
            }
            long creation = state == null ? creationTime(row) : createdAt;
            if (state == null && row.time() < creation) {
                // the earliest row already contradicts its own creation time: every later row would too, so this
                // one is refused and the next one tries to create the ticket
                rejections.add(reject(
                        row,
                        RowRejection.Reason.BEFORE_CREATED,
                        "dated " + Instant.ofEpochMilli(row.time()) + ", before its own creation time "
                                + Instant.ofEpochMilli(creation) + " (column '"
                                + mapping.createdAt().name() + "')"));
                continue;
            }
            Step step = apply(state, row, creation, row == last);
            if (step.rejection != null) {
                rejections.add(step.rejection);
                continue;
            }
            if (step.events.isEmpty()) noOps++;
            events.addAll(step.events);
            if (state == null) createdAt = creation;
            state = step.next;
        }
        return new Result(events, rejections, noOps);
    }

    /** When the ticket was created: its {@code createdAt} column when the mapping has one and it is filled, else the row's time. */
    private static long creationTime(TicketRow first) {
        return first.createdAt() != TicketRow.NO_CREATION_TIME ? first.createdAt() : first.time();
    }

    private record Step(List<TicketEvent> events, State next, RowRejection rejection) {}

    /** A row is applied entirely or (on a contract refusal) not at all: it works on a copy of the state. */
    private Step apply(State state, TicketRow row, long creation, boolean lastRow) {
        String status = row.rule() != null && row.rule().status() != null
                ? row.rule().status()
                : row.status() != null ? row.status() : mapping.activeStatus();
        EventType emit = row.rule() == null ? null : row.rule().emit();
        if (emit == EventType.CLOSED && mapping.closeOnLastRowOnly() && !lastRow) {
            // the export goes on with this ticket: this close was not final, read it as a resolution
            // (the next activity then reopens the ticket)
            emit = EventType.RESOLVED;
        }
        boolean isNew = state == null;
        State next = isNew ? new State() : state.copy();
        String clientId = isNew ? clientId(row.rawClient()) : state.clientId;
        EventFactory make = new EventFactory(row, clientId);
        List<TicketEvent> events = new ArrayList<>();
        if (isNew) {
            TicketEvent created = make.event(EventType.CREATED, "created", creation);
            created.priority = row.priority();
            created.status = status;
            created.assignee = row.group() != null ? row.group() : row.assignee();
            created.subject = row.subject(); // classification's keywords are read at creation
            created.description = row.description();
            events.add(created);
            next.clientId = clientId;
            next.priority = row.priority();
            next.group = row.group();
            next.status = status;
        } else {
            boolean closesOrResolves = emit == EventType.RESOLVED || emit == EventType.CLOSED;
            if (next.resolved && mapping.reopenAfterResolved() && !closesOrResolves) {
                TicketEvent e = make.event(EventType.REOPENED, "reopened", row.time());
                e.status = mapping.activeStatus(); // back at work; a pause status of this row follows as STATUS_CHANGED
                events.add(e);
                next.resolved = false;
                next.status = e.status;
            }
            if (row.priority() != null && !row.priority().equals(next.priority)) {
                TicketEvent e = make.event(EventType.PRIORITY_CHANGED, "priority", row.time());
                e.priority = row.priority();
                events.add(e);
                next.priority = row.priority();
            }
            if (row.group() != null && !row.group().equals(next.group)) {
                TicketEvent e = make.event(EventType.ASSIGNED, "assigned", row.time());
                e.assignee = row.group();
                events.add(e);
                next.group = row.group();
            }
            if (!status.equals(next.status) && !closesOrResolves) {
                TicketEvent e = make.event(EventType.STATUS_CHANGED, "status", row.time());
                e.status = status;
                events.add(e);
                next.status = status;
            }
        }
        if (emit == EventType.RESPONDED && !next.responded) {
            events.add(make.event(EventType.RESPONDED, "responded", row.time()));
            next.responded = true;
        } else if (emit == EventType.RESOLVED && !next.resolved) {
            TicketEvent e = make.event(EventType.RESOLVED, "resolved", row.time());
            e.status = status;
            events.add(e);
            next.resolved = true;
            next.status = status;
        } else if (emit == EventType.CLOSED) {
            TicketEvent e = make.event(EventType.CLOSED, "closed", row.time());
            e.status = status;
            events.add(e);
            next.closed = true;
            next.status = status;
        }
        for (TicketEvent e : events) {
            if (contract.parse(TicketEventJson.toJsonBytes(e)) instanceof ParseResult.Rejected r) {
                return new Step(
                        List.of(),
                        state,
                        reject(
                                row,
                                RowRejection.Reason.CONTRACT,
                                "the " + e.type + " event is refused by the contract: "
                                        + r.rejection().reason() + ": "
                                        + r.rejection().message()));
            }
        }
        return new Step(events, next, null);
    }

    /** Makes a row's events: deterministic ids (prefix, ticket, line, what), the row's extra columns, actor, source. */
    private final class EventFactory {
        private final TicketRow row;
        private final String clientId;

        EventFactory(TicketRow row, String clientId) {
            this.row = row;
            this.clientId = clientId;
        }

        TicketEvent event(EventType type, String what, long time) {
            TicketEvent e = new TicketEvent(
                    mapping.eventIdPrefix() + row.ticketId() + ":" + row.line() + ":" + what,
                    row.ticketId(),
                    clientId,
                    type,
                    time);
            e.source = row.source();
            e.actor = row.assignee();
            for (Map.Entry<String, String> x : row.extra().entrySet()) {
                e.extra.put(x.getKey(), jsonString(x.getValue()));
            }
            e.extra.put("importLine", Long.toString(row.line()));
            return e;
        }
    }

    private String clientId(String raw) {
        String mapped = mapping.clientMap().get(raw.toLowerCase(Locale.ROOT));
        String id = mapped != null ? mapped : raw;
        if (mapped == null && mapping.clientSlug()) {
            id = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        }
        return mapping.clientPrefix() + id;
    }

    private static String jsonString(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    private static RowRejection reject(TicketRow row, RowRejection.Reason reason, String message) {
        return new RowRejection(row.line(), reason, message, List.copyOf(row.fields()));
    }
}
