package io.slaflow.jobs.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a replay produced (also written to {@code summary.json}). Every line and every event is accounted for:
 * {@code lines = blankLines + rejectedLines + events} and
 * {@code events = eventsAfterAsOf + eventsApplied + duplicateEvents + enforcerDeadLetters}.
 *
 * @param rejectedLines       lines refused by the parser (contract reasons and TIME_OUTLIER): dead letters
 * @param events              valid events inside the file's time window: what the enforcer received
 * @param enforcerDeadLetters valid events the enforcer refused (UNKNOWN_TICKET, LATE, CONFLICT)
 */
public record ReplayResult(
        Instant asOf,
        long lines,
        long events,
        long eventsAfterAsOf,
        long warnings,
        long breaches,
        long escalations,
        long deadLetters,
        Map<String, Long> deadLettersByReason,
        long outcomes,
        Duration took,
        long blankLines,
        long rejectedLines,
        long enforcerDeadLetters,
        long eventsApplied,
        long duplicateEvents) {}
