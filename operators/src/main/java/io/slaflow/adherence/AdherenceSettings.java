package io.slaflow.adherence;

import java.io.Serializable;
import java.time.Duration;

/**
 * How adherence is published. Event-time milliseconds throughout.
 *
 * @param emitEveryMs       a changed series is published at most once per this much event time (live mode: wall
 *                          time), which bounds the document rate of a hot client and sets the freshness
 * @param emitUntilMs       replay: nothing is published as of a time after this ({@code --as-of}), so the rolling
 *                          figures a replay leaves behind are those of its as-of time; {@link Long#MAX_VALUE} live
 * @param contributionRetentionMs how long after its resolution a ticket's contribution is remembered, so a later
 *                          change (a reopen) can correct it; at least the enforcer's resolved-ticket retention
 *                          plus the allowed lateness, after which the enforcer itself accepts no more events for it
 */
public record AdherenceSettings(long emitEveryMs, long emitUntilMs, long contributionRetentionMs)
        implements Serializable {

    public static final Duration DEFAULT_EMIT_EVERY = Duration.ofSeconds(1);

    public AdherenceSettings {
        if (emitEveryMs <= 0) throw new IllegalArgumentException("emitEvery must be positive");
        if (contributionRetentionMs < 0) throw new IllegalArgumentException("retention must not be negative");
    }

    public static AdherenceSettings live(Duration contributionRetention) {
        return new AdherenceSettings(DEFAULT_EMIT_EVERY.toMillis(), Long.MAX_VALUE, contributionRetention.toMillis());
    }

    public AdherenceSettings withEmitUntil(long asOf) {
        return new AdherenceSettings(emitEveryMs, asOf, contributionRetentionMs);
    }

    public AdherenceSettings withEmitEvery(Duration every) {
        return new AdherenceSettings(every.toMillis(), emitUntilMs, contributionRetentionMs);
    }

    /** How long an hourly bucket is kept: until it has left the longest rolling window. */
    public static long bucketRetentionMs() {
        return AdherenceWindow.MONTH.lengthMs();
    }
}
