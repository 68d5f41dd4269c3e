package io.slaflow.enforce;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the enforcer treats time. All values in event-time milliseconds.
 *
 * @param allowedLatenessMs   an event behind the watermark by at most this much is still applied (see
 *                            {@link SlaEnforcer}, rule 3); further behind, it is a dead letter ({@code LATE})
 * @param closedGraceMs       how long a CLOSED ticket's state is kept for late events before it is purged
 * @param resolvedRetentionMs how long a resolved ticket that is never CLOSED is kept (a REOPENED may still come)
 * @param asOfMs              replay only: nothing due after this instant fires, so what is open then stays
 *                            PENDING; {@link Long#MAX_VALUE} in live mode
 */
public record EnforcerSettings(long allowedLatenessMs, long closedGraceMs, long resolvedRetentionMs, long asOfMs)
        implements Serializable {

    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CLOSED_GRACE = Duration.ofHours(1);
    public static final Duration DEFAULT_RESOLVED_RETENTION = Duration.ofDays(30);

    public EnforcerSettings {
        if (allowedLatenessMs < 0 || closedGraceMs < 0 || resolvedRetentionMs < 0) {
            throw new IllegalArgumentException("lateness, grace and retention must not be negative");
        }
    }

    public static EnforcerSettings live() {
        return new EnforcerSettings(DEFAULT_ALLOWED_LATENESS.toMillis(), DEFAULT_CLOSED_GRACE.toMillis(),
                DEFAULT_RESOLVED_RETENTION.toMillis(), Long.MAX_VALUE);
    }

    public EnforcerSettings withAsOf(long asOf) {
        return new EnforcerSettings(allowedLatenessMs, closedGraceMs, resolvedRetentionMs, asOf);
    }

    public EnforcerSettings withAllowedLateness(Duration d) {
        return new EnforcerSettings(d.toMillis(), closedGraceMs, resolvedRetentionMs, asOfMs);
    }

    public EnforcerSettings withClosedGrace(Duration d) {
        return new EnforcerSettings(allowedLatenessMs, d.toMillis(), resolvedRetentionMs, asOfMs);
    }

    public EnforcerSettings withResolvedRetention(Duration d) {
        return new EnforcerSettings(allowedLatenessMs, closedGraceMs, d.toMillis(), asOfMs);
    }
}
