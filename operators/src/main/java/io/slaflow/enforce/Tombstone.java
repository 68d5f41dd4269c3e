package io.slaflow.enforce;

import io.slaflow.sla.RetentionRules;
import io.slaflow.sla.TicketState;

/**
 * What the enforcer remembers of a purged ticket: when it was purged, and when and how it had ended. It only serves a
 * late non-CREATED event for the ticket, which is refused ({@code UNKNOWN_TICKET}) with the real cause ("closed 63
 * days before this event, purged after …") instead of "never created"; it never refuses a CREATED (the id may start a
 * new ticket).
 *
 * <p>Kept in a keyed state of its own (its own RocksDB column family), written once at the purge and never read
 * again unless such an event comes: the ticket's own value is cleared at the purge, so the live tickets' state stays
 * as small as it was before tombstones existed, and a tombstone needs no wake-up and no read at its expiry
 * (BENCHMARKS.md, "Located (stop 29)"). It counts for events before {@link #expiresAt} (event time, checked when read);
 * Flink's state TTL removes it physically some time after that ({@link Tombstones#descriptor}).
 *
 * @param purgedAt    the instant of the purge (event time)
 * @param endedAt     the close, or for a resolved ticket its last completed target
 * @param endedClosed closed (purged after the closed grace), else resolved (purged after the resolved retention)
 */
record Tombstone(long purgedAt, long endedAt, boolean endedClosed) {

    /** The tombstone of {@code sla}, purged at {@code purgedAt}. */
    static Tombstone of(TicketState sla, long purgedAt) {
        boolean closed = sla.closedAt >= 0;
        long ended = closed ? sla.closedAt : Math.max(sla.resolution.completedAt, sla.response.completedAt);
        return new Tombstone(purgedAt, ended, closed);
    }

    /**
     * The first event time the tombstone no longer speaks for: two resolved retentions after the purge (60 days by
     * default), so a close or a reopen that comes weeks too late still learns why its ticket is gone
     * ({@link RetentionRules}).
     */
    long expiresAt(long resolvedRetentionMs) {
        return RetentionRules.tombstoneExpiresAt(purgedAt, resolvedRetentionMs);
    }

    /** Whether an event at {@code t} is answered with this tombstone's cause. */
    boolean countsAt(long t, long resolvedRetentionMs) {
        return t < expiresAt(resolvedRetentionMs);
    }

    /** How long a tombstone counts after its purge: two resolved retentions. */
    static long lifetimeMs(long resolvedRetentionMs) {
        return RetentionRules.tombstoneLifetimeMs(resolvedRetentionMs);
    }
}
