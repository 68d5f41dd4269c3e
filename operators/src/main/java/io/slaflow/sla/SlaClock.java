package io.slaflow.sla;

import io.slaflow.calendar.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * One SLA clock (response or resolution) of one ticket: a budget of business time consumed while running.
 *
 * <p>Kept in keyed state (written field by field with its ticket by {@code EnforcedTicketSerializer}), so it stays small: the running intervals since the start are kept
 * ({@link #runs}) because a priority change onto another calendar must recount "time already spent" on the new
 * calendar from the original start. Past {@value #MAX_RUNS} intervals the oldest are folded into
 * {@link #foldedMs}, counted as business time on the calendar in force when they are folded (the only
 * approximation: a later priority change onto another calendar does not recount folded intervals; pause/resume
 * cycles beyond that are rare).
 *
 * <p><b>Counted time and the breach</b> (README, "Adherence: the definitions"). The time a clock counts is business
 * time on its calendar while it runs (not while paused). Its target is met when the time counted from the start to
 * the completion is at most the budget, and breached at the first instant counted time exceeds it. On a business
 * calendar a budget can be used up exactly at a closing (4 business hours from Friday 13:00 end at 17:00); counted
 * time then exceeds it only when the clock runs again, at the next opening, so that is the breach: an answer on
 * Saturday is MET. The same rule times the at-risk warnings ({@link #shareExceededAt}).
 *
 * <p>All instants are epoch milliseconds of event time. The clock never reads a wall clock.
 */
public class SlaClock {
    static final int MAX_RUNS = 8;
    private static final long[] NO_RUNS = new long[0];

    public static final byte RUNNING = 0;
    public static final byte PAUSED = 1;
    public static final byte STOPPED = 2;
    public static final long NO_DEADLINE = -1;

    /** The target as business time, in ms. */
    public long budgetMs;
    /** Closed running intervals, [start0, end0, start1, end1, ...). */
    public long[] runs = NO_RUNS;
    /** Business time of intervals folded out of {@link #runs}. */
    public long foldedMs;
    /** Start of the current running interval, or -1. */
    public long runningSince = -1;
    /**
     * The deadline: the last instant at which satisfying the target still meets it, if the clock keeps running
     * (counted time exceeds the budget right after it). Once the clock is completed or breached, the deadline that
     * was in force then (what the outcome is judged against; a breach happens at it). {@link #NO_DEADLINE} while
     * paused before any breach (unless a priority change put the paused clock over its new target: then the change,
     * see {@link #retarget}), and on a running clock restored from state written before issue 24, whose deadline
     * {@code TicketSla} computes again on the calendar before using it.
     */
    public long deadline = NO_DEADLINE;
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
        c.deadline = c.exceedsAt(t, budgetMs, calendar);
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

    /**
     * Business time counted in the closed running intervals, on {@code calendar}: all of it while paused or stopped,
     * the time before {@link #runningSince} while running. What an outcome update publishes as its count.
     */
    public long countedClosedMs(BusinessCalendar calendar) {
        return consumedClosed(calendar);
    }

    /** Stops the clock for a pause status; time stops counting until {@link #resume}. */
    public void pause(long t) {
        if (state != RUNNING) return;
        closeRun(t);
        state = PAUSED;
        if (!isBreached()) deadline = NO_DEADLINE; // no deadline while paused; a breach keeps the deadline it passed
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
     * at {@code t} (so the outcome has a real deadline, never before {@code t}: satisfied while paused is MET; a
     * paused clock over its budget was breached by the priority change that put it there, see {@link #retarget}).
     */
    public void complete(long t, BusinessCalendar calendar) {
        if (state == PAUSED && !isBreached() && deadline == NO_DEADLINE) {
            deadline = exceedsAt(t, budgetMs, calendar);
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
     * start. If the time spent already exceeds the new budget, the deadline becomes {@code t}: a breach at the change
     * time, never a breach in the past, whether the clock runs or is paused (paused, its counted time is over the new
     * target all the same). Spent exactly, it breaches when the clock next counts. Otherwise a paused or stopped clock
     * only takes the new budget (it counts on resume or reopen); a breached clock keeps the deadline it breached (a
     * breach is final).
     */
    public void retarget(long t, long newBudgetMs, BusinessCalendar calendar) {
        budgetMs = newBudgetMs;
        if (state == RUNNING) {
            closeRun(t);
            fold(calendar);
            runningSince = t;
            if (!isBreached()) {
                deadline = exceedsAt(t, budgetMs, calendar);
            }
        } else if (state == PAUSED && !isBreached()) {
            deadline = consumedClosed(calendar) > budgetMs ? t : NO_DEADLINE;
        }
    }

    /**
     * A running clock read from state written before issue 24 has {@link #NO_DEADLINE} (its stored deadline was the
     * instant the budget runs out, not the breach): whether it must be computed before the clock is used.
     */
    public boolean needsDeadline() {
        return state == RUNNING && !isBreached() && deadline == NO_DEADLINE;
    }

    /** Computes the deadline of a clock that {@link #needsDeadline()} from its running intervals, as if never stored. */
    public void computeDeadline(BusinessCalendar calendar) {
        if (needsDeadline()) {
            deadline = exceedsAt(runningSince, budgetMs, calendar);
        }
    }

    /**
     * The first instant counted time exceeds {@code fraction} of the budget, if the clock keeps running (an at-risk
     * warning point, timed like the breach); -1 when not running. Never earlier than the current running interval's
     * start.
     */
    public long shareExceededAt(double fraction, BusinessCalendar calendar) {
        if (state != RUNNING) return -1;
        return exceedsAt(runningSince, shareOf(budgetMs, fraction), calendar);
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
        deadline = exceedsAt(t, budgetMs, calendar);
    }

    /**
     * The first instant counted time exceeds {@code thresholdMs} if the clock runs from {@code from} on (with the
     * closed intervals already counted), or more exactly the last instant it does not: the earliest instant it
     * reaches the threshold, moved to when the clock next counts (a threshold reached at a closing is exceeded from
     * the next opening). {@code from} itself when the closed intervals alone already exceed it.
     */
    private long exceedsAt(long from, long thresholdMs, BusinessCalendar calendar) {
        long remaining = thresholdMs - consumedClosed(calendar);
        if (remaining < 0) return from;
        Instant reached = calendar.addBusinessTime(Instant.ofEpochMilli(from), Duration.ofMillis(remaining));
        return at(calendar.nextWorkingInstant(reached));
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
        return calendar.businessTimeBetween(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to))
                .toMillis();
    }

    private static long at(Instant i) {
        return i.toEpochMilli();
    }
}
