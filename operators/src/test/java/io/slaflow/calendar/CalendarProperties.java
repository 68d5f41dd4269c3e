package io.slaflow.calendar;

import static io.slaflow.calendar.TestCalendars.LONDON;
import static io.slaflow.calendar.TestCalendars.MANILA;
import static io.slaflow.calendar.TestCalendars.NEW_YORK;
import static io.slaflow.calendar.TestCalendars.UK_WINTER_HOLIDAYS;
import static io.slaflow.calendar.TestCalendars.calendar;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Laws every calendar must obey, over instants from 2024 to 2031 (eight DST cycles) in London, New York and
 * Manila. Half of the instants fall on quarter hours, so openings, closings and DST changes are hit exactly.
 */
class CalendarProperties {

    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    private static final long TO = Instant.parse("2032-01-01T00:00:00Z").getEpochSecond();
    private static final Duration ONE_NANO = Duration.ofNanos(1);

    private static final List<WorkingHoursCalendar> WORKING_HOURS = List.of(
            calendar(LONDON, UK_WINTER_HOLIDAYS, "mon-fri", "09:00-17:00"),
            calendar(
                    NEW_YORK,
                    Holidays.of(LocalDate.of(2026, 11, 26), LocalDate.of(2027, 7, 5)),
                    "mon-fri",
                    "08:00-12:00, 13:00-17:00",
                    "sat",
                    "10:00-12:00"),
            calendar(MANILA, Holidays.of(LocalDate.of(2026, 6, 12)), "mon-fri", "08:00-17:00"),
            // Windows across both London DST changes, and a night shift running through midnight.
            calendar(LONDON, Holidays.none(), "mon-sat", "00:30-02:30, 09:00-17:00", "sun", "01:15-01:45, 22:00-24:00"),
            calendar(
                    NEW_YORK,
                    Holidays.none(),
                    "sun",
                    "01:30-03:30",
                    "mon",
                    "00:00-06:00, 22:00-24:00",
                    "tue",
                    "00:00-06:00"));

    private static final List<AlwaysOpenCalendar> ALWAYS_OPEN = List.of(
            new AlwaysOpenCalendar("london", LONDON),
            new AlwaysOpenCalendar("new-york", NEW_YORK),
            new AlwaysOpenCalendar("manila", MANILA));

    @Provide
    Arbitrary<WorkingHoursCalendar> calendars() {
        return Arbitraries.of(WORKING_HOURS);
    }

    @Provide
    Arbitrary<AlwaysOpenCalendar> alwaysOpen() {
        return Arbitraries.of(ALWAYS_OPEN);
    }

    @Provide
    Arbitrary<Instant> instants() {
        Arbitrary<Instant> anyInstant = Combinators.combine(
                        Arbitraries.longs().between(FROM, TO),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
        Arbitrary<Instant> quarterHours =
                Arbitraries.longs().between(FROM / 900, TO / 900).map(q -> Instant.ofEpochSecond(q * 900));
        return Arbitraries.oneOf(anyInstant, quarterHours);
    }

    @Provide
    Arbitrary<Duration> durations() {
        Arbitrary<Duration> any = Combinators.combine(
                        Arbitraries.longs().between(0, 400 * 3600L),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Duration::ofSeconds);
        Arbitrary<Duration> quarterHours =
                Arbitraries.longs().between(0, 400 * 4L).map(q -> Duration.ofMinutes(15 * q));
        return Arbitraries.oneOf(any, quarterHours);
    }

    @Property
    void businessTimeUntilTheResultOfAddingIsTheAmountAdded(
            @ForAll("calendars") WorkingHoursCalendar calendar,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration d) {
        assertThat(calendar.businessTimeBetween(t, calendar.addBusinessTime(t, d)))
                .isEqualTo(d);
    }

    @Property
    void addingMoreNeverEndsEarlier(
            @ForAll("calendars") WorkingHoursCalendar calendar,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration d,
            @ForAll("durations") Duration more) {
        assertThat(calendar.addBusinessTime(t, d.plus(more))).isAfterOrEqualTo(calendar.addBusinessTime(t, d));
    }

    /**
     * Holds for every {@code a, b >= 0}, not only when {@code t + a} lands inside working hours: because adding
     * returns the earliest instant with the amount elapsed, {@code addBusinessTime(t, a)} never skips business
     * time, so continuing from it (even from a closing instant, or from {@code t} itself when {@code a} is zero)
     * reaches {@code a + b} at the same earliest instant. It would fail only if adding returned the next opening
     * instead of a closing, which is exactly what this law guards against.
     */
    @Property
    void addingInTwoStepsEqualsAddingTheSum(
            @ForAll("calendars") WorkingHoursCalendar calendar,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration a,
            @ForAll("durations") Duration b) {
        assertThat(calendar.addBusinessTime(calendar.addBusinessTime(t, a), b))
                .isEqualTo(calendar.addBusinessTime(t, a.plus(b)));
    }

    @Property
    void businessTimeIsAdditiveOverASplitPoint(
            @ForAll("calendars") WorkingHoursCalendar calendar,
            @ForAll("instants") Instant x,
            @ForAll("instants") Instant y,
            @ForAll("instants") Instant z) {
        Instant[] sorted = {x, y, z};
        java.util.Arrays.sort(sorted);
        Instant from = sorted[0];
        Instant split = sorted[1];
        Instant to = sorted[2];
        assertThat(calendar.businessTimeBetween(from, split).plus(calendar.businessTimeBetween(split, to)))
                .isEqualTo(calendar.businessTimeBetween(from, to));
    }

    /** Inside working hours or exactly at a closing: the nanosecond before the result is always working time. */
    @Property
    void aPositiveAddEndsInWorkingTimeOrAtAClosing(
            @ForAll("calendars") WorkingHoursCalendar calendar,
            @ForAll("instants") Instant t,
            @ForAll("durations") Duration d) {
        if (d.isZero()) {
            return;
        }
        Instant result = calendar.addBusinessTime(t, d);
        assertThat(calendar.isWorkingTime(result.minus(ONE_NANO)))
                .as("working just before %s", result)
                .isTrue();
        assertThat(calendar.businessTimeBetween(result.minus(ONE_NANO), result)).isEqualTo(ONE_NANO);
    }

    @Property
    void isWorkingTimeAgreesWithBusinessTime(
            @ForAll("calendars") WorkingHoursCalendar calendar, @ForAll("instants") Instant t) {
        boolean working = calendar.businessTimeBetween(t, t.plus(ONE_NANO)).equals(ONE_NANO);
        assertThat(calendar.isWorkingTime(t)).isEqualTo(working);
    }

    @Property
    void businessTimeMatchesAReferenceBuiltFromZonedDateTimes(
            @ForAll("calendars") WorkingHoursCalendar calendar,
            @ForAll("instants") Instant from,
            @ForAll("durations") Duration span) {
        Instant to = from.plus(span);
        assertThat(calendar.businessTimeBetween(from, to)).isEqualTo(referenceBusinessTime(calendar, from, to));
    }

    /**
     * An addBusinessDays deadline spends a budget that leads back to it; the only exception is an in-hours start
     * giving an opening, where spending the budget stops at the preceding close, with no business time between.
     */
    @Property
    void addBusinessDaysIsTheDeadlineOfItsOwnBudget(
            @ForAll("calendars") WorkingHoursCalendar calendar,
            @ForAll("instants") Instant start,
            @ForAll @IntRange(min = 1, max = 15) int days) {
        Instant deadline = calendar.addBusinessDays(start, days);
        Duration budget = calendar.businessTimeBetween(start, deadline);
        Instant spent = calendar.addBusinessTime(start, budget);
        if (!spent.equals(deadline)) {
            assertThat(calendar.isWorkingTime(start)).isTrue();
            assertThat(calendar.isWorkingTime(deadline)).isTrue();
            assertThat(spent).isBefore(deadline);
            assertThat(calendar.businessTimeBetween(spent, deadline)).isZero();
        }
    }

    @Property
    void addBusinessDaysMovesOneBusinessDayPerDay(
            @ForAll("calendars") WorkingHoursCalendar calendar,
            @ForAll("instants") Instant start,
            @ForAll @IntRange(min = 1, max = 15) int days) {
        Instant oneLess = calendar.addBusinessDays(start, days - 1);
        Instant deadline = calendar.addBusinessDays(start, days);
        assertThat(deadline).isAfter(oneLess);
        if (calendar.isWorkingTime(start)) {
            ZoneId zone = calendar.zone();
            assertThat(calendar.isWorkingTime(deadline) || calendar.isWorkingTime(deadline.minus(ONE_NANO)))
                    .as("an in-hours start gives an in-hours deadline, or the close of a shorter day")
                    .isTrue();
            assertThat(LocalDate.ofInstant(deadline, zone)).isAfter(LocalDate.ofInstant(start, zone));
        }
    }

    /** The first instant at or after {@code t} at which a running clock counts: working, with nothing to count before. */
    @Property
    void nextWorkingInstantIsTheFirstWorkingInstantFromT(
            @ForAll("calendars") WorkingHoursCalendar calendar, @ForAll("instants") Instant t) {
        Instant next = calendar.nextWorkingInstant(t);
        assertThat(next).isAfterOrEqualTo(t);
        assertThat(calendar.isWorkingTime(next)).isTrue();
        assertThat(calendar.businessTimeBetween(t, next)).isZero();
        assertThat(next.equals(t)).isEqualTo(calendar.isWorkingTime(t));
        assertThat(calendar.addBusinessTime(t, ONE_NANO)).isEqualTo(next.plus(ONE_NANO));
    }

    @Property
    void startOfNextBusinessDayIsTheFirstWorkingInstantOfALaterDate(
            @ForAll("calendars") WorkingHoursCalendar calendar, @ForAll("instants") Instant t) {
        ZoneId zone = calendar.zone();
        Instant next = calendar.startOfNextBusinessDay(t);
        Instant nextMidnight =
                LocalDate.ofInstant(t, zone).plusDays(1).atStartOfDay(zone).toInstant();

        assertThat(calendar.isWorkingTime(next)).isTrue();
        assertThat(next).isAfterOrEqualTo(nextMidnight);
        assertThat(calendar.businessTimeBetween(nextMidnight, next)).isZero();
    }

    @Property
    void alwaysOpenIsPlainInstantArithmetic(
            @ForAll("alwaysOpen") AlwaysOpenCalendar calendar,
            @ForAll("instants") Instant t,
            @ForAll("instants") Instant u,
            @ForAll("durations") Duration d,
            @ForAll @IntRange(min = 0, max = 400) int days) {
        assertThat(calendar.isWorkingTime(t)).isTrue();
        assertThat(calendar.nextWorkingInstant(t)).isEqualTo(t);
        assertThat(calendar.addBusinessTime(t, d)).isEqualTo(t.plus(d));
        assertThat(calendar.businessTimeBetween(t, u)).isEqualTo(u.isAfter(t) ? Duration.between(t, u) : Duration.ZERO);
        assertThat(calendar.addBusinessDays(t, days))
                .isEqualTo(t.atZone(calendar.zone()).plusDays(days).toInstant());
        assertThat(calendar.businessTimeBetween(t, calendar.addBusinessTime(t, d)))
                .isEqualTo(d);
    }

    /**
     * Business time computed the slow, obvious way: every local date around the span, every window turned into
     * instants with {@link ZonedDateTime}, intersected with {@code [from, to)}. A window bound in a DST gap is the
     * transition (when the wall clock passes it); in an overlap, its first occurrence.
     */
    private static Duration referenceBusinessTime(WorkingHoursCalendar calendar, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        ZoneId zone = calendar.zone();
        Duration total = Duration.ZERO;
        for (LocalDate date = LocalDate.ofInstant(from, zone).minusDays(1);
                !date.isAfter(LocalDate.ofInstant(to, zone).plusDays(1));
                date = date.plusDays(1)) {
            if (calendar.holidays().contains(date)) {
                continue;
            }
            for (LocalTimeRange range : calendar.weeklyHours().on(date.getDayOfWeek())) {
                Instant open = wallClockReaches(date, range.startSecond(), zone);
                Instant close = wallClockReaches(date, range.endSecond(), zone);
                Instant lo = open.isAfter(from) ? open : from;
                Instant hi = close.isBefore(to) ? close : to;
                if (hi.isAfter(lo)) {
                    total = total.plus(Duration.between(lo, hi));
                }
            }
        }
        return total;
    }

    private static Instant wallClockReaches(LocalDate date, int secondOfDay, ZoneId zone) {
        LocalDateTime local = date.atStartOfDay().plusSeconds(secondOfDay);
        ZoneRules rules = zone.getRules();
        if (rules.getValidOffsets(local).isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant(); // earlier offset in an overlap
    }
}
