package io.slaflow.enforce;

import io.slaflow.event.TicketEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enforcer's tickets as a restore finds them in keyed state: their wake-ups and buffered events are scheduled
 * again (the wake-up queue is not checkpointed: keyed state holds each ticket's wake-up and the events it buffered),
 * and tombstones an earlier state format kept inside a ticket value move to their own state.
 */
final class RestoredTickets {
    /** The enforcer's logger: the restore is its step, and its line is what an operator looks for. */
    private static final Logger LOG = LoggerFactory.getLogger(SlaEnforcer.class);

    private final KeyedTicketStore tickets;
    private final Tombstones tombstones;
    private final WakeUpQueue wakeUps;

    RestoredTickets(KeyedTicketStore tickets, Tombstones tombstones, WakeUpQueue wakeUps) {
        this.tickets = tickets;
        this.tombstones = tombstones;
        this.wakeUps = wakeUps;
    }

    /**
     * One pass over the subtask's tickets (the keys of {@code ticketState}), under each ticket's key in turn, logged
     * with its count and time.
     */
    void reschedule(KeyedStateBackend<String> backend, String ticketState) throws Exception {
        long start = System.nanoTime();
        int scheduled = 0;
        List<String> withTombstone = new ArrayList<>();
        try (Stream<String> keys = backend.getKeys(ticketState, VoidNamespace.INSTANCE)) {
            for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
                String key = it.next();
                backend.setCurrentKey(key);
                EnforcedTicket ticket = tickets.restoredValue();
                if (ticket == null) {
                    continue;
                }
                if (ticket.legacyTombstone != null) {
                    withTombstone.add(key); // moved below: the heap backend refuses a change while its keys are listed
                    continue;
                }
                schedule(ticket, key);
                scheduled++;
            }
        }
        for (String key : withTombstone) {
            backend.setCurrentKey(key);
            scheduled += moveLegacyTombstone(key);
        }
        if (scheduled > 0 || !withTombstone.isEmpty()) {
            LOG.info(
                    "Scheduled the wake-ups of {} restored tickets and moved {} tombstones to their own state in {} ms",
                    scheduled,
                    withTombstone.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void schedule(EnforcedTicket ticket, String key) {
        if (ticket.wakeAt >= 0) {
            wakeUps.add(ticket.wakeAt, key);
        }
        for (TicketEvent e : ticket.pending) {
            wakeUps.add(e.occurredAt, key);
        }
    }

    /**
     * State of a version before this one (format 3) kept a purged ticket's tombstone in its ticket value, with a
     * wake-up at the tombstone's expiry to delete it: once, at the restore, the tombstone moves to the tombstone state
     * (its event-time expiry unchanged, as it is computed from the purge; Flink's TTL counts from now) and the ticket
     * value is cleared, or keeps only its buffered events. Nothing is scheduled for the tombstone. Under the current
     * key; returns 1 if the ticket still has something scheduled.
     */
    private int moveLegacyTombstone(String key) throws Exception {
        EnforcedTicket ticket = tickets.restoredValue();
        tombstones.write(ticket.legacyTombstone);
        ticket.legacyTombstone = null;
        if (ticket.sla == null) {
            ticket.wakeAt = -1; // the tombstone's expiry: no longer a moment the ticket needs
        }
        tickets.rewriteRestored(ticket);
        if (ticket.isEmpty()) {
            return 0;
        }
        schedule(ticket, key);
        return 1;
    }
}
