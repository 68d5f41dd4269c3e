package io.slaflow.sla;

import io.slaflow.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One SLA clock (response or resolution) of one ticket: a budget of business time consumed while running.
 *
 * <p>A Flink POJO kept in keyed state, so it stays small: the running intervals since the start are kept
 * ({@link #runs}) because a priority change onto another calendar must recount "time already spent" on the new
 * calendar from the original start. Past {@value #MAX_RUNS} intervals the oldest are folded into
 * {@link #foldedMs}, counted as business time on the calendar in force when they are folded (the only
 * approximation: a later priority change onto another calendar does not recount folded intervals; pause/resume
 * cycles beyond that are rare).
 *
 * <p>All instants are epoch milliseconds of event time. The clock never reads a wall clock.
 */
public class SlaClock {
    static final int MAX_RUNS = 8;
    private static final long[] NO_RUNS = new long[0];

    public static final byte RUNNING = 0;
    public static final byte PAUSED = 1;
    public static final byte STOPPED = 2;

    /** The target as business time, in ms. */
    public long budgetMs;
    /** Closed running intervals, [start0, end0, start1, end1, ...). */
    public long[] runs = NO_RUNS;
    /** Business time of intervals folded out of {@link #runs}. */
    public long foldedMs;
    /** Start of the current running interval, or -1. */
    public long runningSince = -1;
    /**
     * When the budget runs out if the clock keeps running. Once the clock is completed or breached, the deadline
     * that was in force then (what the outcome is judged against); -1 while paused before any breach.
     */
    public long deadline = -1;
    /** When the clock was stopped by its completing event (response, resolution), or -1. */
    public long completedAt = -1;
    /** When the clock breached, or -1. A breach is final: a reopen does not un-breach. */
    public long breachedAt = -1;
    /** How many at-risk warning points have been passed (fired or skipped). */
    public int warningsPassed;
    /** How many escalation levels have fired for this clock's breach. */
    public int escalationsFired;
    public byte state = STOPPED;

    public SlaClock() {}

    public static SlaClock startedAt(long t, long budgetMs, BusinessCalendar calendar) {
        SlaClock c = new SlaClock();
        c.budgetMs = budgetMs;
        c.state = RUNNING;
        c.runningSince = t;
        c.deadline = at(calendar.addBusinessTime(Instant.ofEpochMilli(t), Duration.ofMillis(budgetMs)));
        return c;
    }

    public boolean isRunning() {
        return state == RUNNING;
    }

    public boolean isBreached() {
        return breachedAt >= 0;
    }

    /** Business time consumed up to {@code t}, counted on {@code calendar}. */
    public long consumedAt(long t, BusinessCalendar calendar) {
        long consumed = consumedClosed(calendar);
        if (state == RUNNING && t > runningSince) {
            consumed += between(calendar, runningSince, t);
        }
        return consumed;
    }

    /** Stops the clock for a pause status; time stops counting until {@link #resume}. */
    public void pause(long t) {
        if (state != RUNNING) return;
        closeRun(t);
        state = PAUSED;
        if (!isBreached()) deadline = -1; // no deadline while paused; a breach keeps the deadline it passed
    }

    public void resume(long t, BusinessCalendar calendar) {
        if (state != PAUSED) return;
        run(t, calendar);
    }

    /**
     * Stops the clock because its goal was reached (response sent, ticket resolved or closed). The deadline in
     * force at that moment is kept (it is what the outcome is judged against).
     */
    public void complete(long t) {
        if (state == STOPPED) return;
        if (state == RUNNING) closeRun(t);
        state = STOPPED;
        completedAt = t;
    }

    /**
     * As {@link #complete(long)}; a clock completed while paused gets the deadline it would have had had it resumed
     * at {@code t} (so the outcome has a real deadline, never before {@code t}: satisfied while paused is MET).
     */
    public void complete(long t, BusinessCalendar calendar) {
        if (state == PAUSED && !isBreached()) {
            long remaining = Math.max(0, budgetMs - consumedClosed(calendar));
            deadline = Math.max(t, at(calendar.addBusinessTime(Instant.ofEpochMilli(t), Duration.ofMillis(remaining))));
        }
        complete(t);
    }

    /** Restarts a completed clock (a reopen); time already spent counts. */
    public void reopen(long t, BusinessCalendar calendar) {
        if (state != STOPPED) return;
        completedAt = -1;
        run(t, calendar);
    }

    /**
     * Changes the budget (a priority change) and recounts the time spent on the new calendar from the original
     * start. If the new budget is already used up, the deadline becomes {@code t}: a breach at the change time,
     * never a breach in the past. A paused or stopped clock only takes the new budget (it counts on resume or
     * reopen); a breached clock keeps the deadline it breached (a breach is final).
     */
    public void retarget(long t, long newBudgetMs, BusinessCalendar calendar) {
        budgetMs = newBudgetMs;
        if (state == RUNNING) {
            long spent = consumedAt(t, calendar);
            closeRun(t);
            fold(calendar);
            runningSince = t;
            if (!isBreached()) {
                deadline = Math.max(t, at(calendar.addBusinessTime(Instant.ofEpochMilli(t),
                        Duration.ofMillis(Math.max(0, budgetMs - spent)))));
            }
        }
    }

    /**
     * When consumed time reaches {@code fraction} of the budget, if the clock keeps running; -1 when not running.
     * Never earlier than the current running interval's start.
     */
    public long instantOfShare(double fraction, BusinessCalendar calendar) {
        if (state != RUNNING) return -1;
        long target = shareOf(budgetMs, fraction);
        long remaining = target - consumedClosed(calendar);
        if (remaining <= 0) return runningSince;
        return at(calendar.addBusinessTime(Instant.ofEpochMilli(runningSince), Duration.ofMillis(remaining)));
    }

    /** {@code fraction} of {@code budgetMs}, rounded up to the millisecond (a warning is never early). */
    static long shareOf(long budgetMs, double fraction) {
        return (long) Math.ceil(budgetMs * fraction);
    }

    private void run(long t, BusinessCalendar calendar) {
        fold(calendar);
        state = RUNNING;
        runningSince = t;
        if (isBreached()) return; // the breach is final: its deadline stays
        long remaining = budgetMs - consumedClosed(calendar);
        deadline = remaining <= 0 ? t : Math.max(t, at(calendar.addBusinessTime(Instant.ofEpochMilli(t), Duration.ofMillis(remaining))));
    }

    private void closeRun(long t) {
        if (runningSince >= 0 && t > runningSince) {
            long[] grown = Arrays.copyOf(runs, runs.length + 2);
            grown[runs.length] = runningSince;
            grown[runs.length + 1] = t;
            runs = grown;
        }
        runningSince = -1;
    }

    /**
     * Before a new interval starts, folds the oldest closed intervals into {@link #foldedMs} (business time on the
     * calendar in force now) so that at most {@value #MAX_RUNS} closed intervals are ever kept.
     */
    private void fold(BusinessCalendar calendar) {
        if (runs.length < 2 * MAX_RUNS) return;
        int drop = runs.length - 2 * (MAX_RUNS - 1);
        for (int i = 0; i < drop; i += 2) {
            foldedMs += between(calendar, runs[i], runs[i + 1]);
        }
        runs = Arrays.copyOfRange(runs, drop, runs.length);
    }

    private long consumedClosed(BusinessCalendar calendar) {
        long sum = foldedMs;
        for (int i = 0; i < runs.length; i += 2) {
            sum += between(calendar, runs[i], runs[i + 1]);
        }
        return sum;
    }

    private static long between(BusinessCalendar calendar, long from, long to) {
        return calendar.businessTimeBetween(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)).toMillis();
    }

    private static long at(Instant i) {
        return i.toEpochMilli();
    }
}
