package io.slaflow.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The time an SLA clock runs on: a time zone, weekly working hours and holidays, or 24×7.
 *
 * <p>"Business time" is the real elapsed time (seconds on the wall clock) that falls inside working hours,
 * evaluated in the calendar's zone, so a DST change never adds or removes an hour of working time that did
 * not happen. Implementations are immutable, thread-safe and free of Flink.
 */
public interface BusinessCalendar {

    /** The calendar's id in the policy. */
    String id();

    ZoneId zone();

    /** True for a 24×7 calendar: every instant is working time. */
    boolean isAlwaysOpen();

    /** Whether {@code t} falls inside working hours (opening inclusive, closing exclusive). */
    boolean isWorkingTime(Instant t);

    /**
     * The earliest instant at which {@code amount} of business time has elapsed since {@code start}.
     * {@code amount} zero returns {@code start} itself (not the next opening).
     */
    Instant addBusinessTime(Instant start, Duration amount);

    /** Business time elapsed between {@code from} and {@code to}; zero when {@code to} is not after {@code from}. */
    Duration businessTimeBetween(Instant from, Instant to);

    /**
     * The same working moment {@code days} business days later: if {@code start} is inside working hours at
     * business-time offset {@code o} from its day's first opening, the instant at offset {@code o} on the
     * {@code days}-th following business day (that day's close if it is shorter). A start outside working hours
     * counts from the next opening, which as a deadline is the close of the {@code days}-th business day from
     * there (the earliest instant at which that many whole business days have elapsed).
     */
    Instant addBusinessDays(Instant start, int days);

    /** The first opening of the first business day whose local date is strictly after {@code t}'s local date. */
    Instant startOfNextBusinessDay(Instant t);
}
