package io.slaflow.jobs.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What a replay produced (also written to {@code summary.json}). */
public record ReplayResult(Instant asOf, long lines, long events, long eventsAfterAsOf, long warnings, long breaches,
                           long escalations, long deadLetters, Map<String, Long> deadLettersByReason,
                           long outcomes, Duration took) {}
