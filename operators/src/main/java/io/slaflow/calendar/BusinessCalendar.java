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
public interface BusinessCalendar extends java.io.Serializable {

    /** The calendar's id in the policy. */
    String id();

    ZoneId zone();

    /** True for a 24×7 calendar: every instant is working time. */
    boolean isAlwaysOpen();

    /** Whether {@code t} falls inside working hours (opening inclusive, closing exclusive). */
    boolean isWorkingTime(Instant t);

    /**
     * The earliest instant at which {@code amount} of business time has elapsed since {@code start}.
     * {@code amount} zero returns {@code start} itself (not the next opening). For a positive amount the result is
     * inside working hours or exactly at a closing instant (never at an opening that follows a break).
     *
     * @throws IllegalArgumentException if {@code amount} is negative
     * @throws CalendarSearchLimitException if the result would be more than 30 years ahead
     */
    Instant addBusinessTime(Instant start, Duration amount);

    /**
     * When a clock that is running at {@code t} next counts time: {@code t} itself inside working hours, otherwise
     * the next opening (a closing instant is outside: it gives the next opening). A target used up at a closing is
     * exceeded only from there, which is why an SLA breach on a business calendar is at the next opening.
     *
     * @throws CalendarSearchLimitException if no working time follows within 30 years
     */
    Instant nextWorkingInstant(Instant t);

    /** Business time elapsed between {@code from} and {@code to}; zero when {@code to} is not after {@code from}. */
    Duration businessTimeBetween(Instant from, Instant to);

    /**
     * The same working moment {@code days} business days later: if {@code start} is inside working hours at
     * business-time offset {@code o} from its day's first opening, the instant at offset {@code o} on the
     * {@code days}-th following business day (that day's close if it is shorter). A start outside working hours
     * counts from the next opening, which as a deadline is the close of the {@code days}-th business day from
     * there (the earliest instant at which that many whole business days have elapsed).
     *
     * <p>Where two instants have the same offset (the close of a morning shift and the opening after lunch), an
     * in-hours start picks the one inside working hours (a start at 13:00 after lunch gives 13:00, a start at
     * the day's first opening gives the target day's first opening) and an out-of-hours start picks the earliest
     * (a start during lunch gives the morning close). {@code days} zero returns {@code start}. On a 24×7
     * calendar business days are local calendar days: the same local time {@code days} dates later.
     *
     * <p>Note for callers turning this into a budget: {@code addBusinessTime(start, businessTimeBetween(start,
     * addBusinessDays(start, n)))} equals {@code addBusinessDays(start, n)} except when the latter is an opening
     * (an in-hours start at an opening), where it is the preceding close: the same business moment. An SLA breaches
     * at {@link #nextWorkingInstant} of the former, which is then the opening itself.
     *
     * @throws IllegalArgumentException if {@code days} is negative
     * @throws CalendarSearchLimitException if the result would be more than 30 years ahead
     */
    Instant addBusinessDays(Instant start, int days);

    /**
     * The first opening of the first business day whose local date is strictly after {@code t}'s local date
     * (for 24×7: the next local midnight). A business day is a date with working hours that is not a holiday.
     */
    Instant startOfNextBusinessDay(Instant t);

    /** A 24×7 calendar in {@code zone}. */
    static BusinessCalendar alwaysOpen(String id, ZoneId zone) {
        return new AlwaysOpenCalendar(id, zone);
    }

    /**
     * Business hours: {@code weeklyHours} in {@code zone}, closed on {@code holidays}.
     *
     * @throws CalendarDefinitionException if the weekly hours have no working time at all
     */
    static BusinessCalendar workingHours(String id, ZoneId zone, WeeklyHours weeklyHours, Holidays holidays) {
        return new WorkingHoursCalendar(id, zone, weeklyHours, holidays);
    }
}
