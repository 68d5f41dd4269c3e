package io.slaflow.enforce;

/**
 * Where the enforcer keeps each ticket's {@link EnforcedTicket} between calls. In the job it is keyed state, on
 * RocksDB behind a write-back cache ({@link KeyedTicketStore}); the enforcer sees only this, so neither the cache nor
 * the switching of keys it needs is part of its rules.
 *
 * <p>Every call is made under the ticket's key ({@code ticket} is the current key); an implementation that writes
 * another ticket (an eviction) leaves the current key as it found it.
 */
interface TicketStore {
    /** The ticket's value, or null if it has none. */
    EnforcedTicket load(String ticket) throws Exception;

    /**
     * Stores the ticket's value. An empty one ({@link EnforcedTicket#isEmpty}: purged, nothing buffered) is removed,
     * so a purged ticket leaves nothing behind here (its tombstone has a state of its own).
     */
    void store(String ticket, EnforcedTicket value) throws Exception;

    /** Writes whatever is held back to state, before a checkpoint snapshots it. */
    void flush() throws Exception;

    /** Tickets held as objects in front of state (0 without a cache; the {@code slaCachedTickets} gauge). */
    int cached();
}
