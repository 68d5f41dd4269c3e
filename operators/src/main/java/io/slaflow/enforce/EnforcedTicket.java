package io.slaflow.enforce;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.TicketState;
import java.util.Arrays;
import java.util.Comparator;

/**
 * All the enforcer keeps for one ticket until its purge, in <em>one</em> keyed value (written by {@link EnforcedTicketSerializer}, whose format byte versions it): the SLA state, the
 * enforcer's wake-up and the events buffered until the watermark passes them. After the purge only a {@link Tombstone}
 * is left, in a state of its own. One value rather than three (value,
 * value, map) because on RocksDB every state access is a JNI call and a (de)serialization: an event costs one read
 * and one write when it is buffered and one of each when it comes due and is applied (BENCHMARKS.md, "Enforce layer").
 */
public class EnforcedTicket {
    private static final TicketEvent[] NONE = new TicketEvent[0];

    /** The ticket's SLA; null until its CREATED event is applied, and again after the purge. */
    public TicketState sla;
    /** The ticket's next wake-up (next warning, breach, escalation or purge), or -1; scheduled in {@link WakeUpQueue}. */
    public long wakeAt = -1;
    /**
     * The queued entry of {@link #wakeAt}, to cancel it when the wake-up moves; not serialized, so null for a ticket
     * read from state (its old entry then comes due and is recognised as no longer needed).
     */
    transient WakeUpQueue.WakeUp wakeUp;
    /** Event time up to which this ticket's SLA has been decided (last timer or event processed). */
    public long decidedUpTo = Long.MIN_VALUE;
    /**
     * Events ahead of the watermark, in the order they will be applied: by event time; at the same time CREATED
     * first, then in arrival order. Usually empty (length 0 costs one int); a few while the watermark catches up.
     */
    public TicketEvent[] pending = NONE;
    /**
     * The tombstone a version before this one kept inside the ticket value after its purge (state format 3); null
     * otherwise. Only the serializer sets it, reading such state; {@link SlaEnforcer#rescheduleRestored} moves it into
     * the tombstone state at the restore, before anything else reads the ticket, and it is never written again.
     */
    transient Tombstone legacyTombstone;

    public EnforcedTicket() {}

    /** Forgets the SLA state at {@code purgeAt} (buffered events stay); returns what is kept of it. */
    Tombstone purge(long purgeAt) {
        Tombstone tombstone = Tombstone.of(sla, purgeAt);
        sla = null;
        decidedUpTo = Long.MIN_VALUE;
        return tombstone;
    }

    /** Buffers {@code e} in application order. */
    void buffer(TicketEvent e) {
        pending = inApplicationOrder(pending, e);
    }

    /** A copy of {@code events} (in application order) with {@code e} inserted where it applies. */
    static TicketEvent[] inApplicationOrder(TicketEvent[] events, TicketEvent e) {
        int at = events.length;
        while (at > 0 && !appliesBefore(events[at - 1], e)) {
            at--;
        }
        TicketEvent[] grown = new TicketEvent[events.length + 1];
        System.arraycopy(events, 0, grown, 0, at);
        grown[at] = e;
        System.arraycopy(events, at, grown, at + 1, events.length - at);
        return grown;
    }

    /** How many buffered events are due at {@code t} (they are the first ones). */
    int dueAt(long t) {
        return dueAt(pending, t);
    }

    static int dueAt(TicketEvent[] events, long t) {
        int n = 0;
        while (n < events.length && events[n].occurredAt <= t) {
            n++;
        }
        return n;
    }

    /** Drops the first {@code n} buffered events (applied). */
    void dropFirst(int n) {
        pending = n == pending.length ? NONE : Arrays.copyOfRange(pending, n, pending.length);
    }

    /**
     * An instant before which nothing is due for this ticket, as of its last settling: its wake-up, which is the next
     * due instant or the earlier purge ({@code -1}: nothing due at all); {@code Long.MIN_VALUE} (unknown) before the
     * ticket was ever settled. Every entry point settles a ticket before storing it, so a stored one knows it.
     */
    long nothingDueBefore() {
        if (sla == null) {
            return Long.MIN_VALUE;
        }
        return wakeAt >= 0 ? wakeAt : Long.MAX_VALUE;
    }

    boolean isEmpty() {
        return sla == null && pending.length == 0;
    }

    /** Whether {@code a}, already buffered, is applied before a newly arriving {@code b}. */
    static boolean appliesBefore(TicketEvent a, TicketEvent b) {
        if (a.occurredAt != b.occurredAt) {
            return a.occurredAt < b.occurredAt;
        }
        return a.type == EventType.CREATED || b.type != EventType.CREATED;
    }

    /**
     * The due events of both buffers in application order ({@link #appliesBefore}). A ticket's events are in keyed state only when they
     * arrived while the heap was full and held none of the ticket's (see {@link HeldEvents}), so at equal rank the
     * keyed-state ones arrived first; the stable sort keeps that and each buffer's own order.
     */
    static TicketEvent[] dueInOrder(TicketEvent[] pending, int fromState, TicketEvent[] fromHeap) {
        if (fromState == 0) {
            return fromHeap;
        }
        TicketEvent[] due = Arrays.copyOf(pending, fromState + fromHeap.length);
        System.arraycopy(fromHeap, 0, due, fromState, fromHeap.length);
        if (fromHeap.length > 0) {
            Arrays.sort(due, APPLICATION_ORDER);
        }
        return due;
    }

    private static final Comparator<TicketEvent> APPLICATION_ORDER =
            Comparator.<TicketEvent>comparingLong(e -> e.occurredAt).thenComparing(e -> e.type != EventType.CREATED);
}
