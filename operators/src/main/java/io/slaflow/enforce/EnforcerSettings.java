package io.slaflow.enforce;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the enforcer treats time (event-time milliseconds) and how much it keeps on a subtask's heap.
 *
 * @param allowedLatenessMs   an event behind the watermark by at most this much is still applied (see
 *                            {@link io.slaflow.sla.Lateness}, rule 3); further behind, it is a dead letter ({@code LATE})
 * @param closedGraceMs       how long a CLOSED ticket's state is kept for late events before it is purged
 * @param resolvedRetentionMs how long a resolved ticket that is never CLOSED is kept (a REOPENED may still come)
 * @param asOfMs              replay only: nothing due after this instant fires, so what is open then stays
 *                            PENDING; {@link Long#MAX_VALUE} in live mode
 * @param maxHeldEvents       events ahead of the watermark a subtask holds on its heap; beyond, they wait in keyed
 *                            state (see {@link HeldEvents}). The default, {@link SlaEnforcer#DEFAULT_MAX_HELD_EVENTS}
 *                            (50,000), is at about 1 KB each (subject and description included) some 50 MB, far more
 *                            than a live stream's out-of-orderness bound ever holds; a replay of a file with days of
 *                            disorder spills the excess to RocksDB instead of the heap. {@code slaflow run
 *                            --held-events} sets it.
 * @param cachedTickets       tickets a subtask keeps as objects in front of RocksDB ({@link TicketCache}), 0 for
 *                            none; sized above the tickets it holds. The default,
 *                            {@link SlaEnforcer#DEFAULT_CACHED_TICKETS} (50,000), is at about 1 KB each some 50 MB of
 *                            heap. Every open ticket and every resolved one within its retention counts while it is
 *                            touched; a cache smaller than that working set writes and reads the evicted ones again
 *                            (BENCHMARKS.md: 20,000 instead of 100,000 cost a fifth of the throughput on a subtask
 *                            holding ~13,000 tickets). {@code slaflow run --ticket-cache} sets it.
 */
public record EnforcerSettings(
        long allowedLatenessMs,
        long closedGraceMs,
        long resolvedRetentionMs,
        long asOfMs,
        int maxHeldEvents,
        int cachedTickets)
        implements Serializable {

    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CLOSED_GRACE = Duration.ofHours(1);
    public static final Duration DEFAULT_RESOLVED_RETENTION = Duration.ofDays(30);

    public EnforcerSettings {
        if (allowedLatenessMs < 0 || closedGraceMs < 0 || resolvedRetentionMs < 0) {
            throw new IllegalArgumentException("lateness, grace and retention must not be negative");
        }
        if (maxHeldEvents < 0 || cachedTickets < 0) {
            throw new IllegalArgumentException("held events and cached tickets must not be negative");
        }
    }

    /**
     * A replay: evaluated as of an instant over a bounded input. Then nothing the enforcer writes may depend on the
     * wall clock (its dead letters are dated in event time), so a replay's outputs are the same bytes on every run.
     */
    public boolean isReplay() {
        return asOfMs != Long.MAX_VALUE;
    }

    /** Time settings with the default heap sizes. */
    public EnforcerSettings(long allowedLatenessMs, long closedGraceMs, long resolvedRetentionMs, long asOfMs) {
        this(
                allowedLatenessMs,
                closedGraceMs,
                resolvedRetentionMs,
                asOfMs,
                SlaEnforcer.DEFAULT_MAX_HELD_EVENTS,
                SlaEnforcer.DEFAULT_CACHED_TICKETS);
    }

    public static EnforcerSettings live() {
        return new EnforcerSettings(
                DEFAULT_ALLOWED_LATENESS.toMillis(),
                DEFAULT_CLOSED_GRACE.toMillis(),
                DEFAULT_RESOLVED_RETENTION.toMillis(),
                Long.MAX_VALUE);
    }

    public EnforcerSettings withAsOf(long asOf) {
        return new EnforcerSettings(
                allowedLatenessMs, closedGraceMs, resolvedRetentionMs, asOf, maxHeldEvents, cachedTickets);
    }

    public EnforcerSettings withAllowedLateness(Duration d) {
        return new EnforcerSettings(
                d.toMillis(), closedGraceMs, resolvedRetentionMs, asOfMs, maxHeldEvents, cachedTickets);
    }

    public EnforcerSettings withClosedGrace(Duration d) {
        return new EnforcerSettings(
                allowedLatenessMs, d.toMillis(), resolvedRetentionMs, asOfMs, maxHeldEvents, cachedTickets);
    }

    public EnforcerSettings withResolvedRetention(Duration d) {
        return new EnforcerSettings(
                allowedLatenessMs, closedGraceMs, d.toMillis(), asOfMs, maxHeldEvents, cachedTickets);
    }

    /** The same settings with other heap sizes. */
    public EnforcerSettings withHeap(int maxHeldEvents, int cachedTickets) {
        return new EnforcerSettings(
                allowedLatenessMs, closedGraceMs, resolvedRetentionMs, asOfMs, maxHeldEvents, cachedTickets);
    }
}
