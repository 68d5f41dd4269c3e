package io.slaflow.calendar;

/**
 * One local date of a {@link WorkingHoursCalendar}, resolved to real instants: where the day starts and ends and
 * its working windows, all in epoch seconds. Deeply immutable (final fields, array never written after
 * construction), so it may be shared between threads through a racy cache.
 */
final class DayPlan {

    private static final long[] NO_WINDOWS = new long[0];

    final long epochDay;
    /** First instant of the local date (epoch second). */
    final long dayStart;
    /** First instant of the next local date (epoch second); equals {@code dayStart} for a date the zone skipped. */
    final long dayEnd;
    /** {@code [open0, close0, open1, close1, ...]}: non-empty, sorted, neither overlapping nor touching. */
    final long[] windows;
    /** Real seconds of working time on this date. */
    final long businessSeconds;

    DayPlan(long epochDay, long dayStart, long dayEnd, long[] windows) {
        this.epochDay = epochDay;
        this.dayStart = dayStart;
        this.dayEnd = dayEnd;
        this.windows = windows.length == 0 ? NO_WINDOWS : windows;
        long total = 0;
        for (int i = 0; i < windows.length; i += 2) {
            total += windows[i + 1] - windows[i];
        }
        this.businessSeconds = total;
    }

    /** Not a holiday and some real working time (a window that lies wholly in a DST gap has none). */
    boolean isBusinessDay() {
        return windows.length != 0;
    }

    long firstOpening() {
        return windows[0];
    }

    long lastClosing() {
        return windows[windows.length - 1];
    }
}
