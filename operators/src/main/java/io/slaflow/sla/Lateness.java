package io.slaflow.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * How far behind the watermark an event may arrive (README, "Enforcement rules", rule 3). Within the allowed lateness
 * it is applied at once, at the instant its ticket has already been decided up to if that is later (what was
 * announced cannot be taken back); further behind, its ticket's SLA for that time is decided and it is refused.
 */
public final class Lateness {
    private final long allowedMs;

    public Lateness(long allowedLatenessMs) {
        this.allowedMs = allowedLatenessMs;
    }

    /** Whether an event at {@code t} is refused at watermark {@code watermark}: behind it by more than allowed. */
    public boolean isTooLate(long t, long watermark) {
        return t <= watermark && watermark - t > allowedMs;
    }

    /** Why an event at {@code t} is refused at {@code watermark}, and what the sender can do about it. */
    public String tooLateMessage(long t, long watermark) {
        return "event time " + Instant.ofEpochMilli(t) + " is " + Duration.ofMillis(watermark - t)
                + " behind the watermark "
                + Instant.ofEpochMilli(watermark) + " (allowed lateness " + Duration.ofMillis(allowedMs)
                + "): the ticket's SLA for that time is already decided; fix the producer's delay or raise --allowed-lateness";
    }
}
