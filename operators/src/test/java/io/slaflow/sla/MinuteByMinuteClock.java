package io.slaflow.sla;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The test oracle for SLA clocks: counts a ticket's time one minute at a time, knowing nothing of
 * {@code WorkingHoursCalendar} or {@link SlaClock}. Time counts when it is working time and the clock is not paused.
 * Working time changes only on whole minutes (window bounds, and the DST changes of the zones used, lie on them), so
 * a minute is working or not as a whole; a pause may end inside one (a clock completed while paused is judged as if it
 * resumed then), so within a minute the unpaused part counts.
 *
 * <p>Working time follows the calendar's documented rule for local times: a window's bound is the first instant at
 * which the zone's wall clock reaches it. Walking forward, that is the minute's <em>high-water</em> wall-clock time
 * (the latest local time shown so far): through a DST overlap it stays at the end of the first pass, so a bound in the
 * overlap takes effect at its first occurrence, and a bound in a gap takes effect as the clock jumps past it.
 */
final class MinuteByMinuteClock {
    static final long MINUTE = 60_000;
    /** How far the walk may go before the oracle gives up (the generators stay well inside it). */
    private static final int MAX_MINUTES = 400_000;

    /** Weekly working windows as [open, close) minutes of the day (close up to 1440), or null for 24×7. */
    private final Map<DayOfWeek, List<int[]>> week;

    private final Set<LocalDate> holidays;
    private final ZoneRules rules;
    private final long start;
    /** Paused spans [from, to), sorted and disjoint; they start on whole minutes. */
    private final List<long[]> pauses;

    /** Per minute from {@link #start}: whether it is working time, and its high-water local date (business days). */
    private final List<Boolean> working = new ArrayList<>();

    private final List<LocalDate> dates = new ArrayList<>();
    /** Time counted before minute i, in [start, start + i min), ms. */
    private final List<Long> countedBefore = new ArrayList<>(List.of(0L));

    private LocalDateTime highWater;

    MinuteByMinuteClock(
            Map<DayOfWeek, List<int[]>> week, Set<LocalDate> holidays, ZoneId zone, long start, List<long[]> pauses) {
        this.week = week;
        this.holidays = holidays;
        this.rules = zone.getRules();
        this.start = start;
        this.pauses = pauses;
        if (start % MINUTE != 0) throw new IllegalArgumentException("the oracle starts on a whole minute");
        // the high-water mark needs the hours before the start: a start inside an overlap's second pass
        highWater = local(start - 3 * 60 * MINUTE);
        for (long m = start - 3 * 60 * MINUTE; m < start; m += MINUTE) {
            LocalDateTime l = local(m);
            if (l.isAfter(highWater)) highWater = l;
        }
    }

    /** Time counted in [start, t), in ms. */
    long countedAt(long t) {
        if (t <= start) return 0;
        int i = minuteOf(t);
        walkTo(i);
        long counted = countedBefore.get(i);
        if (working.get(i)) {
            for (long[] run : runsWithin(i)) counted += Math.max(0, Math.min(run[1], t) - run[0]);
        }
        return counted;
    }

    /**
     * The instant after which counted time exceeds {@code thresholdMs}: counted time there is exactly the threshold,
     * and the clock counts right after it.
     */
    long exceedsAt(long thresholdMs) {
        for (int i = 0; ; i++) {
            walkTo(i);
            long rest = thresholdMs - countedBefore.get(i);
            if (!working.get(i) || rest < 0) continue;
            for (long[] run : runsWithin(i)) {
                if (rest < run[1] - run[0]) return run[0] + rest;
                rest -= run[1] - run[0];
            }
        }
    }

    /** The earliest instant at which counted time reaches {@code thresholdMs > 0} (where a budget runs out). */
    long reachesAt(long thresholdMs) {
        for (int i = 0; ; i++) {
            walkTo(i);
            long rest = thresholdMs - countedBefore.get(i);
            if (!working.get(i) || rest <= 0) continue;
            for (long[] run : runsWithin(i)) {
                if (rest <= run[1] - run[0]) return run[0] + rest;
                rest -= run[1] - run[0];
            }
        }
    }

    /** The first instant at or after {@code t} at which the clock is not paused. */
    long unpausedFrom(long t) {
        for (long[] p : pauses) {
            if (p[0] <= t && t < p[1]) return p[1];
        }
        return t;
    }

    /**
     * The first working minute whose (high-water) local date is after {@code t}'s: the opening of the next business
     * day, or the next local midnight on 24×7.
     */
    long nextBusinessDayAfter(long t) {
        int from = minuteOf(t);
        walkTo(from);
        LocalDate day = dates.get(from);
        for (int i = from + 1; ; i++) {
            walkTo(i);
            if (working.get(i) && dates.get(i).isAfter(day)) return start + i * MINUTE;
        }
    }

    private int minuteOf(long t) {
        return (int) ((t - start) / MINUTE);
    }

    /** The unpaused parts of minute i, in order. */
    private List<long[]> runsWithin(int i) {
        long from = start + i * MINUTE;
        long to = from + MINUTE;
        List<long[]> runs = new ArrayList<>();
        long at = from;
        for (long[] p : pauses) {
            if (p[1] <= at || p[0] >= to) continue;
            if (p[0] > at) runs.add(new long[] {at, p[0]});
            at = Math.max(at, p[1]);
        }
        if (at < to) runs.add(new long[] {at, to});
        return runs;
    }

    private void walkTo(int i) {
        if (i >= MAX_MINUTES) throw new IllegalStateException("the oracle walked " + MAX_MINUTES + " minutes");
        while (working.size() <= i) {
            int n = working.size();
            LocalDateTime l = local(start + n * MINUTE);
            if (l.isAfter(highWater)) highWater = l;
            boolean works = isWorking(highWater);
            working.add(works);
            dates.add(highWater.toLocalDate());
            long counted = 0;
            if (works) {
                for (long[] run : runsWithin(n)) counted += run[1] - run[0];
            }
            countedBefore.add(countedBefore.get(n) + counted);
        }
    }

    private boolean isWorking(LocalDateTime wallClock) {
        if (week == null) return true;
        LocalDate date = wallClock.toLocalDate();
        if (holidays.contains(date)) return false;
        int minuteOfDay = wallClock.getHour() * 60 + wallClock.getMinute();
        for (int[] w : week.getOrDefault(date.getDayOfWeek(), List.of())) {
            if (w[0] <= minuteOfDay && minuteOfDay < w[1]) return true;
        }
        return false;
    }

    private LocalDateTime local(long epochMs) {
        Instant i = Instant.ofEpochMilli(epochMs);
        ZoneOffset offset = rules.getOffset(i);
        return LocalDateTime.ofEpochSecond(i.getEpochSecond(), 0, offset);
    }
}
