package io.slaflow.policy;

import io.slaflow.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;

/**
 * A response or resolution target: a span of time counted on the tier's calendar ({@code 15m}, {@code 4h},
 * {@code 8 business hours}), or a number of business days ({@code 3 business days}).
 */
public sealed interface SlaTarget {

    /**
     * The target as an amount of business time for a clock started at {@code start}: the budget the clock
     * consumes. For business days this is the business time between {@code start} and
     * {@link BusinessCalendar#addBusinessDays}, so an unpaused clock's deadline is exactly that instant.
     */
    Duration budget(Instant start, BusinessCalendar calendar);

    /** The target as written in the policy, e.g. {@code 15m} or {@code 3 business days}. */
    String text();

    /** Time counted on the tier's calendar (24×7: wall-clock time; business hours: working time only). */
    record Span(Duration duration, String text) implements SlaTarget {
        @Override
        public Duration budget(Instant start, BusinessCalendar calendar) {
            return duration;
        }
    }

    /** Whole business days on the tier's calendar; the deadline keeps the working moment of the start. */
    record BusinessDays(int days, String text) implements SlaTarget {
        @Override
        public Duration budget(Instant start, BusinessCalendar calendar) {
            return calendar.businessTimeBetween(start, calendar.addBusinessDays(start, days));
        }
    }
}
