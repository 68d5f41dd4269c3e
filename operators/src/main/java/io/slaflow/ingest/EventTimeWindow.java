package io.slaflow.ingest;

import java.io.Serializable;
import java.time.Instant;

/**
 * Replay only: the span of event time a history file plausibly covers, found from the file itself. One event dated
 * 9999-12-31 (a typo) would otherwise move the replay's as-of to that year and breach every open ticket, and a P1
 * dated 1969 would never breach: both change every figure without a word. An event outside the window is a
 * {@code TIME_OUTLIER} dead letter instead, as {@link ClockSkewCheck} refuses a live event from a producer with a wrong
 * clock, and the as-of is never taken from it.
 */
public final class EventTimeWindow implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long fromMs;
    private final long toMs;
    /** How the window was found, for the message (e.g. "the file's bulk, 2026-11-16 to 2026-11-22, ± 366 days"). */
    private final String how;

    public EventTimeWindow(long fromMs, long toMs, String how) {
        if (fromMs > toMs) throw new IllegalArgumentException("an event-time window must not end before it starts");
        this.fromMs = fromMs;
        this.toMs = toMs;
        this.how = how;
    }

    public long fromMs() {
        return fromMs;
    }

    public long toMs() {
        return toMs;
    }

    public boolean contains(long occurredAt) {
        return occurredAt >= fromMs && occurredAt <= toMs;
    }

    /** Why an event dated {@code occurredAt} is refused, or null if it lies in the window. */
    public String refusal(long occurredAt) {
        if (contains(occurredAt)) return null;
        return "occurredAt " + Instant.ofEpochMilli(occurredAt) + " lies outside the time this file covers ("
                + Instant.ofEpochMilli(fromMs) + " to " + Instant.ofEpochMilli(toMs) + ": " + how + "); it is left out"
                + " so that it moves neither the as-of time nor any figure; fix its date, or widen the window with"
                + " --outlier-margin";
    }

    @Override
    public String toString() {
        return Instant.ofEpochMilli(fromMs) + " to " + Instant.ofEpochMilli(toMs) + " (" + how + ")";
    }
}
