package io.slaflow.enforce;

import io.slaflow.event.TicketEvent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Events ahead of the watermark, held on the heap of one enforcer subtask by ticket, each ticket's in application
 * order (see {@link EnforcedTicket#pending}). Holding them here instead of in keyed state saves one state read and
 * one write per event on RocksDB; they are checkpointed as operator state ({@link SlaEnforcer#snapshotState}).
 * Bounded: beyond {@code capacity} events a <em>new</em> ticket's events are buffered in keyed state instead, while a
 * ticket already held keeps all its events here, so each ticket's events are only ever split as "keyed state first,
 * then heap", which is their arrival order.
 */
final class HeldEvents {
    private static final TicketEvent[] NONE = new TicketEvent[0];

    private final int capacity;
    private final Map<String, TicketEvent[]> byTicket = new HashMap<>();
    private int size;

    HeldEvents(int capacity) {
        this.capacity = capacity;
    }

    /** Holds {@code e} unless the heap is full and its ticket has nothing held yet; false when it was not held. */
    boolean offer(String ticket, TicketEvent e) {
        TicketEvent[] held = byTicket.get(ticket);
        if (held == null) {
            if (size >= capacity) {
                return false;
            }
            held = NONE;
        }
        byTicket.put(ticket, EnforcedTicket.inApplicationOrder(held, e));
        size++;
        return true;
    }

    /** Holds a restored event whatever the capacity (a restore after scaling in may bring more than it). */
    void restore(String ticket, TicketEvent e) {
        byTicket.merge(ticket, new TicketEvent[] {e}, (held, one) -> EnforcedTicket.inApplicationOrder(held, e));
        size++;
    }

    /** Removes and returns the ticket's events due at {@code t} (time at or before it), in application order. */
    TicketEvent[] takeDue(String ticket, long t) {
        // removed first and put back only when some stay: the common wake-up takes all its ticket holds, and then
        // this is one lookup in a large table instead of two
        TicketEvent[] held = byTicket.remove(ticket);
        if (held == null) {
            return NONE;
        }
        int due = EnforcedTicket.dueAt(held, t);
        if (due < held.length) {
            byTicket.put(ticket, due == 0 ? held : Arrays.copyOfRange(held, due, held.length));
        }
        if (due == 0) {
            return NONE;
        }
        size -= due;
        return due == held.length ? held : Arrays.copyOf(held, due);
    }

    int size() {
        return size;
    }

    /** Every held event, each ticket's in application order (for the checkpoint). */
    void forEach(Consumer<TicketEvent> action) {
        for (TicketEvent[] held : byTicket.values()) {
            for (TicketEvent e : held) {
                action.accept(e);
            }
        }
    }

    void clear() {
        byTicket.clear();
        size = 0;
    }
}
