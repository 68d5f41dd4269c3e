package io.slaflow.enforce;

/**
 * Where {@link TicketEnforcement} finds and leaves the tombstones of purged tickets, under the current ticket: in the
 * job {@link Tombstones} (a keyed state with a TTL), in a unit test a field. An interface so that the rules are tested
 * without Flink.
 */
interface TombstoneStore {
    /** The current ticket's tombstone if it speaks for an event at {@code t} (event time), else null. */
    Tombstone countingAt(long t) throws Exception;

    /** Stores the current ticket's tombstone (a reused id's earlier one is overwritten). */
    void write(Tombstone tombstone) throws Exception;
}
