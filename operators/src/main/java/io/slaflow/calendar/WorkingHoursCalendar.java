package io.slaflow.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Business hours in a time zone: weekly working windows in local time, minus holidays.
 *
 * <h2>Local windows to real instants</h2>
 * Each window bound is the first instant at which the zone's wall clock reaches that local time: a bound inside a
 * DST gap maps to the transition (so a window lying wholly in the gap is empty, and 00:30-02:30 on a spring-forward
 * day is one real hour), and a bound inside a DST overlap maps to its first occurrence (so 00:30-02:30 on a
 * fall-back day is three real hours). This mapping never reverses the order of bounds. A business day is a local
 * date that is not a holiday and has some real working time.
 *
 * <h2>Speed</h2>
 * Every operation walks {@link DayPlan}s: a local date resolved once to epoch-second window bounds (the only
 * place {@link ZoneRules} and the holidays are consulted), kept in a small direct-mapped cache. The cache is a
 * plain array written without locks: plans are deeply immutable, so a racing reader sees either a complete plan
 * or a miss, and at worst a plan is built twice. The hot path is then long arithmetic with no allocation apart
 * from the result.
 *
 * <h2>Termination</h2>
 * Construction rejects weekly hours with no working time, and every forward search gives up after
 * {@value #SEARCH_LIMIT_YEARS} years (holidays covering every day, or an absurd amount) with
 * {@link CalendarSearchLimitException}.
 */
public final class WorkingHoursCalendar implements BusinessCalendar {

    public static final int SEARCH_LIMIT_YEARS = 30;
    static final long SEARCH_LIMIT_DAYS = SEARCH_LIMIT_YEARS * 366L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400L;
    /** About 5½ years of dates: enough that SLA clocks of the current period never evict each other. */
    private static final int CACHE_SIZE = 2048;

    private final String id;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final WeeklyHours weeklyHours;
    private final Holidays holidays;
    /** Local window bounds as {@code [start0, end0, ...]} seconds of day, indexed by {@code DayOfWeek.ordinal()}. */
    private final int[][] localWindows = new int[7][];
    /** A typical offset of the zone, used only to guess an instant's local date before checking it. */
    private final long typicalOffsetSeconds;
    /** Rebuilt empty after deserialization (a calendar travels inside Flink functions, e.g. the report builder). */
    private transient DayPlan[] cache = new DayPlan[CACHE_SIZE];

    /**
     * @throws CalendarDefinitionException if {@code weeklyHours} has no working time on any day
     */
    public WorkingHoursCalendar(String id, ZoneId zone, WeeklyHours weeklyHours, Holidays holidays) {
        this.id = Objects.requireNonNull(id, "id");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.weeklyHours = Objects.requireNonNull(weeklyHours, "weeklyHours");
        this.holidays = Objects.requireNonNull(holidays, "holidays");
        if (!weeklyHours.hasWorkingTime()) {
            throw new CalendarDefinitionException("calendar \"" + id + "\" has no working hours on any day;"
                    + " use a 24x7 calendar or give it working hours");
        }
        this.rules = zone.getRules();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<LocalTimeRange> ranges = weeklyHours.on(day);
            int[] bounds = new int[ranges.size() * 2];
            for (int i = 0; i < ranges.size(); i++) {
                bounds[2 * i] = ranges.get(i).startSecond();
                bounds[2 * i + 1] = ranges.get(i).endSecond();
            }
            localWindows[day.ordinal()] = bounds;
        }
        this.typicalOffsetSeconds =
                rules.getStandardOffset(Instant.ofEpochSecond(1_700_000_000L)).getTotalSeconds();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    public WeeklyHours weeklyHours() {
        return weeklyHours;
    }

    public Holidays holidays() {
        return holidays;
    }

    @Override
    public boolean isAlwaysOpen() {
        return false;
    }

    @Override
    public boolean isWorkingTime(Instant t) {
        long sec = t.getEpochSecond();
        long[] w = dayContaining(sec).windows;
        for (int i = 0; i < w.length; i += 2) {
            if (sec < w[i]) {
                return false;
            }
            if (sec < w[i + 1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Instant addBusinessTime(Instant start, Duration amount) {
        Arguments.requireNonNegative(amount);
        if (amount.isZero()) {
            return start;
        }
        long remaining = toNanosWithinLimit(amount);
        long sec = start.getEpochSecond();
        int nano = start.getNano();
        DayPlan day = dayContaining(sec);
        long lastDay = day.epochDay + SEARCH_LIMIT_DAYS;
        while (true) {
            long[] w = day.windows;
            for (int i = 0; i < w.length; i += 2) {
                long close = w[i + 1];
                if (close <= sec) {
                    continue; // window already over at start
                }
                boolean startsInside = w[i] <= sec;
                long fromSec = startsInside ? sec : w[i];
                int fromNano = startsInside ? nano : 0;
                long available = (close - fromSec) * NANOS_PER_SECOND - fromNano;
                if (remaining <= available) {
                    return Instant.ofEpochSecond(fromSec, fromNano + remaining);
                }
                remaining -= available;
            }
            if (day.epochDay >= lastDay) {
                throw new CalendarSearchLimitException(id + ": adding " + amount + " of business time to " + start
                        + " needs more than " + SEARCH_LIMIT_YEARS + " years");
            }
            day = day(day.epochDay + 1);
        }
    }

    private long toNanosWithinLimit(Duration amount) {
        // 30 years is under 10^18 ns; anything Duration.toNanos cannot hold (292 years) is past the limit anyway.
        if (amount.getSeconds() > SEARCH_LIMIT_DAYS * SECONDS_PER_DAY) {
            throw new CalendarSearchLimitException(
                    id + ": " + amount + " of business time is more than " + SEARCH_LIMIT_YEARS + " years");
        }
        return amount.toNanos();
    }

    @Override
    public Instant nextWorkingInstant(Instant t) {
        long sec = t.getEpochSecond();
        DayPlan day = dayContaining(sec);
        long[] w = day.windows;
        for (int i = 0; i < w.length; i += 2) {
            if (sec < w[i]) {
                return Instant.ofEpochSecond(w[i]);
            }
            if (sec < w[i + 1]) {
                return t; // window bounds are whole seconds: inside whatever the nanoseconds
            }
        }
        return Instant.ofEpochSecond(nextBusinessDay(day, t).firstOpening());
    }

    @Override
    public Duration businessTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        long fromSec = from.getEpochSecond();
        int fromNano = from.getNano();
        long toSec = to.getEpochSecond();
        int toNano = to.getNano();
        long lastDay = dayContaining(toSec).epochDay;
        long seconds = 0;
        long nanos = 0;
        for (DayPlan day = dayContaining(fromSec); ; day = day(day.epochDay + 1)) {
            long[] w = day.windows;
            for (int i = 0; i < w.length; i += 2) {
                // Intersect [open, close) with [from, to); window bounds are whole seconds.
                long loSec = fromSec >= w[i] ? fromSec : w[i];
                int loNano = fromSec >= w[i] ? fromNano : 0;
                long hiSec = toSec < w[i + 1] ? toSec : w[i + 1];
                int hiNano = toSec < w[i + 1] ? toNano : 0;
                if (hiSec > loSec || (hiSec == loSec && hiNano > loNano)) {
                    seconds += hiSec - loSec;
                    nanos += hiNano - loNano;
                }
            }
            if (day.epochDay >= lastDay) {
                return Duration.ofSeconds(seconds, nanos);
            }
        }
    }

    /**
     * See {@link BusinessCalendar#addBusinessDays}. A start inside working hours gives the instant inside working
     * hours at the same offset (09:00 → 09:00, 13:00 after a lunch break → 13:00); a start outside gives the
     * earliest instant with the same elapsed business time (a close, or the end of the morning shift for a start
     * in the lunch break).
     */
    @Override
    public Instant addBusinessDays(Instant start, int days) {
        Arguments.requireNonNegative(days);
        if (days == 0) {
            return start;
        }
        long sec = start.getEpochSecond();
        DayPlan day = dayContaining(sec);
        long offset = 0; // business nanos from the day's first opening to the start (or to the next opening)
        boolean inside = false;
        boolean opensLaterToday = false;
        long[] w = day.windows;
        for (int i = 0; i < w.length; i += 2) {
            if (sec < w[i]) {
                opensLaterToday = true;
                break;
            }
            if (sec < w[i + 1]) {
                inside = true;
                offset += (sec - w[i]) * NANOS_PER_SECOND + start.getNano();
                break;
            }
            offset += (w[i + 1] - w[i]) * NANOS_PER_SECOND;
        }
        if (!inside && !opensLaterToday) {
            day = nextBusinessDay(day, start);
            offset = 0;
        }
        long firstDay = day.epochDay;
        if (!inside && offset == 0) {
            // Counting from an opening: the deadline is the close of the days-th business day, the opening's day
            // being the first (the earliest instant at which that many whole business days have elapsed).
            for (int i = 1; i < days; i++) {
                day = nextBusinessDay(day, start);
                checkWithinLimit(firstDay, day, start);
            }
            return Instant.ofEpochSecond(day.lastClosing());
        }
        for (int i = 0; i < days; i++) {
            day = nextBusinessDay(day, start);
            checkWithinLimit(firstDay, day, start);
        }
        return inside ? workingInstantAt(day, offset) : earliestInstantAt(day, offset);
    }

    /** The instant inside working hours at {@code offset} into the day; the day's close if it is shorter. */
    private static Instant workingInstantAt(DayPlan day, long offset) {
        long[] w = day.windows;
        for (int i = 0; i < w.length; i += 2) {
            long length = (w[i + 1] - w[i]) * NANOS_PER_SECOND;
            if (offset < length) {
                return Instant.ofEpochSecond(w[i], offset);
            }
            offset -= length;
        }
        return Instant.ofEpochSecond(day.lastClosing());
    }

    /** The earliest instant at which {@code offset > 0} of the day's business time has elapsed, capped at its close. */
    private static Instant earliestInstantAt(DayPlan day, long offset) {
        long[] w = day.windows;
        for (int i = 0; i < w.length; i += 2) {
            long length = (w[i + 1] - w[i]) * NANOS_PER_SECOND;
            if (offset <= length) {
                return Instant.ofEpochSecond(w[i], offset);
            }
            offset -= length;
        }
        return Instant.ofEpochSecond(day.lastClosing());
    }

    @Override
    public Instant startOfNextBusinessDay(Instant t) {
        return Instant.ofEpochSecond(
                nextBusinessDay(dayContaining(t.getEpochSecond()), t).firstOpening());
    }

    private void checkWithinLimit(long firstDay, DayPlan day, Instant start) {
        if (day.epochDay - firstDay > SEARCH_LIMIT_DAYS) {
            throw new CalendarSearchLimitException(id + ": counting business days from " + start + " runs more than "
                    + SEARCH_LIMIT_YEARS + " years ahead");
        }
    }

    /** The first business day strictly after {@code day}. */
    private DayPlan nextBusinessDay(DayPlan day, Instant from) {
        long limit = day.epochDay + SEARCH_LIMIT_DAYS;
        for (long d = day.epochDay + 1; d <= limit; d++) {
            DayPlan next = day(d);
            if (next.isBusinessDay()) {
                return next;
            }
        }
        throw new CalendarSearchLimitException(id + ": no business day within " + SEARCH_LIMIT_YEARS + " years after "
                + from + " (do the holidays cover every working day?)");
    }

    /** The local date whose [dayStart, dayEnd) holds {@code epochSecond}. */
    private DayPlan dayContaining(long epochSecond) {
        DayPlan day = day(Math.floorDiv(epochSecond + typicalOffsetSeconds, SECONDS_PER_DAY));
        // The guess is off by at most a day (DST, historical offsets); both loops stop as day bounds only grow.
        while (epochSecond < day.dayStart) {
            day = day(day.epochDay - 1);
        }
        while (epochSecond >= day.dayEnd) {
            day = day(day.epochDay + 1);
        }
        return day;
    }

    private DayPlan day(long epochDay) {
        int slot = (int) (epochDay & (CACHE_SIZE - 1));
        if (cache == null) cache = new DayPlan[CACHE_SIZE];
        DayPlan cached = cache[slot];
        if (cached != null && cached.epochDay == epochDay) {
            return cached;
        }
        DayPlan built = buildDay(epochDay);
        cache[slot] = built;
        return built;
    }

    private DayPlan buildDay(long epochDay) {
        long localMidnight = epochDay * SECONDS_PER_DAY;
        long dayStart = toInstantSecond(localMidnight);
        long dayEnd = toInstantSecond(localMidnight + SECONDS_PER_DAY);
        if (holidays.containsEpochDay(epochDay)) {
            return new DayPlan(epochDay, dayStart, dayEnd, new long[0]);
        }
        int[] local = localWindows[(int) Math.floorMod(epochDay + 3, 7L)]; // 1970-01-01 was a Thursday
        long[] bounds = new long[local.length];
        int n = 0;
        for (int i = 0; i < local.length; i += 2) {
            long open = toInstantSecond(localMidnight + local[i]);
            long close = toInstantSecond(localMidnight + local[i + 1]);
            if (close <= open) {
                continue; // wholly inside a DST gap: no real working time
            }
            if (n > 0 && bounds[n - 1] == open) {
                bounds[n - 1] = close; // windows either side of a gap now touch: one window
            } else {
                bounds[n++] = open;
                bounds[n++] = close;
            }
        }
        return new DayPlan(epochDay, dayStart, dayEnd, Arrays.copyOf(bounds, n));
    }

    /** The first instant at which the zone's wall clock reaches the given local time (as local epoch seconds). */
    private long toInstantSecond(long localEpochSecond) {
        if (rules.isFixedOffset()) {
            return localEpochSecond - rules.getOffset(Instant.EPOCH).getTotalSeconds();
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(localEpochSecond, 0, ZoneOffset.UTC);
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (transition == null) {
            return localEpochSecond - rules.getOffset(local).getTotalSeconds();
        }
        if (transition.isGap()) {
            return transition.toEpochSecond();
        }
        return localEpochSecond - transition.getOffsetBefore().getTotalSeconds();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkingHoursCalendar other
                && id.equals(other.id)
                && zone.equals(other.zone)
                && weeklyHours.equals(other.weeklyHours)
                && holidays.equals(other.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, zone, weeklyHours, holidays);
    }

    @Override
    public String toString() {
        return "WorkingHoursCalendar{" + id + ", " + zone + ", " + weeklyHours + ", " + holidays + "}";
    }
}
