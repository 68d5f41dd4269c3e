package io.slaflow.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Live mode only: an event dated further ahead of the job's clock than the allowed skew must not reach the
 * watermark. One event from a producer whose clock says 2030 would otherwise move event time years ahead and
 * breach every open ticket at once. Events from the far past need no check here: they cannot move the watermark
 * back, and the enforcer refuses them as {@code LATE} once they are behind it by more than the allowed lateness.
 */
public final class ClockSkewCheck implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long maxSkewMs;

    public ClockSkewCheck(Duration maxSkew) {
        if (maxSkew.isNegative()) throw new IllegalArgumentException("the allowed clock skew must not be negative");
        this.maxSkewMs = maxSkew.toMillis();
    }

    /** Why an event dated {@code occurredAt} is refused at wall-clock time {@code now}, or null if it is not. */
    public String refusal(long occurredAt, long now) {
        if (occurredAt - now <= maxSkewMs) return null;
        return "occurredAt " + Instant.ofEpochMilli(occurredAt) + " is " + Duration.ofMillis(occurredAt - now)
                + " ahead of this job's clock (" + Instant.ofEpochMilli(now) + "; allowed skew "
                + Duration.ofMillis(maxSkewMs) + "): check the producer's clock (NTP) or raise --max-clock-skew";
    }
}
