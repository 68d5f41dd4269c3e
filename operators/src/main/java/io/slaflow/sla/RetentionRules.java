package io.slaflow.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the enforcer keeps a ticket that has ended, and what it tells an event about one it no longer keeps
 * (README, "Enforcement rules", rule 6). Pure rules over event time, so the settings' meaning is read and tested
 * here without a cluster; the enforcer only stores and schedules what they decide.
 *
 * <ul>
 *   <li>A CLOSED ticket is purged the closed grace after its close; a resolved ticket never closed, the resolved
 *       retention after its last completed target. An open ticket is never purged.</li>
 *   <li>What is kept of a purged ticket (its tombstone) speaks for events up to two resolved retentions after the
 *       purge, so a close or a reopen that comes weeks too late still learns why its ticket is gone; with no resolved
 *       retention there is no such window and no tombstone is kept.</li>
 * </ul>
 */
public final class RetentionRules {
    private final long closedGraceMs;
    private final long resolvedRetentionMs;

    public RetentionRules(long closedGraceMs, long resolvedRetentionMs) {
        this.closedGraceMs = closedGraceMs;
        this.resolvedRetentionMs = resolvedRetentionMs;
    }

    /** The instant {@code s} is purged at (event time), or {@code Long.MAX_VALUE} while it may still change. */
    public long purgeAt(TicketState s) {
        if (s.closedAt >= 0) {
            return saturatedAdd(s.closedAt, closedGraceMs);
        }
        if (s.response.state == SlaClock.STOPPED
                && s.resolution.state == SlaClock.STOPPED
                && s.resolution.completedAt >= 0) {
            return saturatedAdd(Math.max(s.resolution.completedAt, s.response.completedAt), resolvedRetentionMs);
        }
        return Long.MAX_VALUE;
    }

    /** How long a tombstone counts after its purge: two resolved retentions. */
    public static long tombstoneLifetimeMs(long resolvedRetentionMs) {
        return saturatedAdd(resolvedRetentionMs, resolvedRetentionMs);
    }

    /** The first event time a tombstone written at {@code purgedAt} no longer speaks for. */
    public static long tombstoneExpiresAt(long purgedAt, long resolvedRetentionMs) {
        return saturatedAdd(purgedAt, tombstoneLifetimeMs(resolvedRetentionMs));
    }

    /** With no resolved retention a tombstone would expire at its purge: none is kept. */
    public boolean keepsTombstones() {
        return tombstoneLifetimeMs(resolvedRetentionMs) > 0;
    }

    /** Whether an event at {@code t} is told the cause of a ticket purged at {@code purgedAt}. */
    public boolean tombstoneCountsAt(long purgedAt, long t) {
        return t < tombstoneExpiresAt(purgedAt, resolvedRetentionMs);
    }

    /**
     * Why an event at {@code eventAt} finds only the tombstone of ticket {@code ticketId}, which ended (closed, else
     * resolved) at {@code endedAt}: when it ended, how long before the event, and which setting purged it, so the
     * sender knows which setting to raise.
     */
    public String purgedMessage(String ticketId, long eventAt, long endedAt, boolean endedClosed) {
        String ago = Durations.rounded(Duration.ofMillis(Math.max(0, eventAt - endedAt)));
        if (endedClosed) {
            return "ticket '" + ticketId + "' was closed at " + Instant.ofEpochMilli(endedAt) + ", " + ago
                    + " before this event, and its SLA state purged "
                    + Durations.rounded(Duration.ofMillis(closedGraceMs))
                    + " after the close (closed grace): a closed ticket is final; raise --closed-grace to refuse later"
                    + " events as CONFLICT instead";
        }
        return "ticket '" + ticketId + "' was resolved at " + Instant.ofEpochMilli(endedAt) + ", " + ago
                + " before this event, and its SLA state purged after "
                + Durations.rounded(Duration.ofMillis(resolvedRetentionMs))
                + " without a REOPENED or CLOSED (resolved retention): raise --resolved-retention to keep resolved tickets longer";
    }

    /** {@code a + b}, or {@code Long.MAX_VALUE} where it overflows: a retention of "forever" never wraps round. */
    static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
