package io.slaflow.report;

import io.slaflow.calendar.BusinessCalendar;
import java.time.Instant;

/**
 * The clock each tier's targets count on for one client: business time on a business-hours tier, wall-clock time on
 * a 24×7 one. Report durations (mean and p90 time to respond or resolve, "late by") are measured on it, so they are in
 * the unit of the contracted target.
 *
 * <p>Mean and p90 use the time the enforcer's clock counted (pauses excluded, {@code OutcomeUpdate.countedMs}) when the
 * record carries it; {@link #between} measures spans (late by, a record without the count, paused time as the span
 * minus the count).
 */
@FunctionalInterface
public interface ContractClocks {

    /** The tier's calendar, or null for wall-clock time. */
    BusinessCalendar calendar(String tier);

    /** Time from {@code from} to {@code to} on the tier's clock; 0 when {@code to} is not after {@code from}. */
    default long between(String tier, long from, long to) {
        if (to <= from) return 0;
        BusinessCalendar c = calendar(tier);
        if (c == null || c.isAlwaysOpen()) return to - from;
        return c.businessTimeBetween(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))
                .toMillis();
    }

    /** Wall-clock time everywhere (tests, a policy without calendars for a tier). */
    ContractClocks WALL = tier -> null;
}
