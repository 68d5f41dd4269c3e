package io.slaflow.enforce;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded write-back cache of the enforcer's tickets in front of RocksDB keyed state. On RocksDB every state access
 * is a JNI call, a memtable search and a (de)serialization of the whole ticket; most tickets get several events and
 * timers within minutes, so the recently touched ones are kept here as objects and written to state only when they
 * are evicted (least recently used first) or before a checkpoint ({@link #flush}). An absence just read ({@code null})
 * is cached too (the ticket's CREATED follows); a purged ticket costs one delete at most, none if it never reached
 * state, and then gives its slot up. A purged ticket's tombstone is not a ticket value and never comes here: it has a
 * state of its own ({@link Tombstone}), as tombstones kept in slots for weeks pushed live tickets out.
 *
 * <p>Only for RocksDB, which serializes a value when it is written: on the heap backend the stored object itself is
 * what a running snapshot copies, so it must not be changed after the write ({@link SlaEnforcerOperator}).
 */
final class TicketCache {
    /** Writes one ticket to keyed state ({@code null}: clear it); the caller switches the key. */
    @FunctionalInterface
    interface WriteBack {
        void write(String ticket, EnforcedTicket value) throws Exception;
    }

    private static final class Slot {
        EnforcedTicket value;
        /** Whether state may hold a value for the ticket: a cached absence it does not hold needs no delete. */
        boolean inState;

        boolean dirty;

        Slot(EnforcedTicket value, boolean inState, boolean dirty) {
            this.value = value;
            this.inState = inState;
            this.dirty = dirty;
        }
    }

    private final int capacity;
    private final LinkedHashMap<String, Slot> slots;
    private final WriteBack writeBack;
    private int dirty;
    /**
     * The slot of the ticket last looked up or loaded, by the identity of the id it was asked for: a step loads its
     * ticket and stores it again with the same id object, so the store needs no second lookup in a large table
     * (memory latency on every wake-up). Forgotten whenever a slot leaves the table.
     */
    private String lastTicket;

    private Slot lastSlot;

    TicketCache(int capacity, WriteBack writeBack) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a ticket cache needs room for at least one ticket, got " + capacity);
        }
        this.capacity = capacity;
        this.writeBack = writeBack;
        this.slots =
                new LinkedHashMap<>(Math.min(capacity, 1 << 16) * 4 / 3 + 1, 0.75f, true); // access order: LRU first
    }

    /** What {@link #get} answers for a ticket that is not cached (read it from state, then {@link #loaded}). */
    static final EnforcedTicket NOT_CACHED = new EnforcedTicket();

    /** Whether {@code ticket} is cached (its value may be a cached absence). */
    boolean contains(String ticket) {
        return slots.containsKey(ticket);
    }

    /**
     * The cached value, null for a cached absence, or {@link #NOT_CACHED}; one lookup, as this is on every event's
     * path. Marks it recently used.
     */
    EnforcedTicket get(String ticket) {
        Slot s = slots.get(ticket);
        remember(ticket, s);
        return s == null ? NOT_CACHED : s.value;
    }

    /**
     * Caches what was just read from state (clean). May evict the least recently used ticket; returns whether that
     * wrote to state under another key (the caller then restores its own key).
     */
    boolean loaded(String ticket, EnforcedTicket value) throws Exception {
        Slot s = new Slot(value, value != null, false);
        slots.put(ticket, s);
        remember(ticket, s); // the newest slot: evicting beyond the capacity (at least one) never takes it
        return evictBeyondCapacity();
    }

    /**
     * Records a new value ({@code null}: the ticket's state is to be cleared), written to state later. Returns whether
     * an eviction wrote to state under another key.
     */
    boolean put(String ticket, EnforcedTicket value) throws Exception {
        Slot s = ticket == lastTicket ? lastSlot : slots.get(ticket);
        if (s == null) {
            // not read first: state may hold it (the enforcer always reads first; this keeps the cache correct alone)
            s = new Slot(value, true, true);
            slots.put(ticket, s);
            remember(ticket, s);
            dirty++;
            return evictBeyondCapacity();
        }
        s.value = value;
        boolean mustWrite = value != null || s.inState;
        if (!mustWrite) {
            // created and purged between two write-backs: it never reached state, so nothing to write (not even a
            // delete) and no reason to keep its slot from a live ticket
            slots.remove(ticket);
            forget(s);
            if (s.dirty) {
                dirty--;
            }
            return false;
        }
        if (!s.dirty) {
            s.dirty = true;
            dirty++;
        }
        return false;
    }

    /** Writes every changed ticket to state (before a checkpoint); they stay cached, now clean. Returns how many. */
    int flush() throws Exception {
        if (dirty == 0) {
            return 0;
        }
        int written = 0;
        for (Iterator<Map.Entry<String, Slot>> it = slots.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Slot> e = it.next();
            Slot s = e.getValue();
            if (s.dirty) {
                writeBack.write(e.getKey(), s.value);
                s.dirty = false;
                s.inState = s.value != null;
                written++;
                if (s.value == null) {
                    it.remove(); // a purged ticket, now deleted: its slot is better used by a live one
                    forget(s);
                }
            }
        }
        dirty = 0;
        return written;
    }

    /** Forgets everything without writing (the state it stands for was restored from elsewhere). */
    void clear() {
        slots.clear();
        forget(lastSlot);
        dirty = 0;
    }

    int size() {
        return slots.size();
    }

    int dirty() {
        return dirty;
    }

    private boolean evictBeyondCapacity() throws Exception {
        boolean wrote = false;
        Iterator<Map.Entry<String, Slot>> eldest = slots.entrySet().iterator();
        while (slots.size() > capacity) {
            Map.Entry<String, Slot> e = eldest.next();
            Slot s = e.getValue();
            if (s.dirty) {
                writeBack.write(e.getKey(), s.value);
                dirty--;
                wrote = true;
            }
            eldest.remove();
            forget(s);
        }
        return wrote;
    }

    private void remember(String ticket, Slot s) {
        lastTicket = ticket;
        lastSlot = s;
    }

    /** {@code s} left the table: a store under the last id must look it up again. */
    private void forget(Slot s) {
        if (s == lastSlot) {
            lastTicket = null;
            lastSlot = null;
        }
    }
}
