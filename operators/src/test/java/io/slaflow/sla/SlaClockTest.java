package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.calendar.AlwaysOpenCalendar;
import io.slaflow.calendar.BusinessCalendar;
import io.slaflow.calendar.Holidays;
import io.slaflow.calendar.WeeklyHours;
import io.slaflow.calendar.WorkingHoursCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Clock arithmetic of {@link SlaClock} on a 24×7 calendar and on business hours. */
class SlaClockTest {

    static final ZoneId NY = ZoneId.of("America/New_York");
    static final BusinessCalendar ALWAYS = new AlwaysOpenCalendar("24x7", ZoneOffset.UTC);
    static final BusinessCalendar OFFICE = new WorkingHoursCalendar(
            "office", NY, WeeklyHours.parse(Map.of("mon-fri", "09:00-17:00")), Holidays.none());

    static final long MIN = 60_000L;
    static final long HOUR = 60 * MIN;
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    static long ny(String local) {
        return LocalDateTime.parse(local).atZone(NY).toInstant().toEpochMilli();
    }

    // ---- 24x7 ----

    @Test
    void startSetsDeadlineBudgetLaterAndRuns() {
        SlaClock c = SlaClock.startedAt(T0, 15 * MIN, ALWAYS);
        assertThat(c.state).isEqualTo(SlaClock.RUNNING);
        assertThat(c.isRunning()).isTrue();
        assertThat(c.isBreached()).isFalse();
        assertThat(c.runningSince).isEqualTo(T0);
        assertThat(c.deadline).isEqualTo(T0 + 15 * MIN);
        assertThat(c.budgetMs).isEqualTo(15 * MIN);
        assertThat(c.runs).isEmpty();
        assertThat(c.completedAt).isEqualTo(-1);
        assertThat(c.breachedAt).isEqualTo(-1);
        assertThat(c.consumedAt(T0, ALWAYS)).isZero();
        assertThat(c.consumedAt(T0 + 7 * MIN, ALWAYS)).isEqualTo(7 * MIN);
        assertThat(c.consumedAt(T0 - MIN, ALWAYS)).isZero();
    }

    @Test
    void zeroBudgetIsDueAtTheStart() {
        SlaClock c = SlaClock.startedAt(T0, 0, ALWAYS);
        assertThat(c.deadline).isEqualTo(T0);
        assertThat(c.shareExceededAt(0.5, ALWAYS)).isEqualTo(T0);
    }

    @Test
    void pauseStopsCountingAndResumeShiftsTheDeadline() {
        SlaClock c = SlaClock.startedAt(T0, HOUR, ALWAYS);
        c.pause(T0 + 10 * MIN);
        assertThat(c.state).isEqualTo(SlaClock.PAUSED);
        assertThat(c.deadline).isEqualTo(-1);
        assertThat(c.runningSince).isEqualTo(-1);
        assertThat(c.runs).containsExactly(T0, T0 + 10 * MIN);
        assertThat(c.consumedAt(T0 + 5 * HOUR, ALWAYS)).isEqualTo(10 * MIN);
        assertThat(c.shareExceededAt(0.5, ALWAYS)).isEqualTo(-1);

        c.resume(T0 + 40 * MIN, ALWAYS);
        assertThat(c.state).isEqualTo(SlaClock.RUNNING);
        assertThat(c.runningSince).isEqualTo(T0 + 40 * MIN);
        assertThat(c.deadline).isEqualTo(T0 + 90 * MIN); // shifted by the 30 paused minutes
        assertThat(c.consumedAt(T0 + 50 * MIN, ALWAYS)).isEqualTo(20 * MIN);
    }

    @Test
    void pauseAndResumeAreIdempotent() {
        SlaClock c = SlaClock.startedAt(T0, HOUR, ALWAYS);
        c.resume(T0 + MIN, ALWAYS); // not paused: no effect
        assertThat(c.runningSince).isEqualTo(T0);
        assertThat(c.deadline).isEqualTo(T0 + HOUR);
        c.pause(T0 + 10 * MIN);
        c.pause(T0 + 20 * MIN); // already paused: no effect
        assertThat(c.runs).containsExactly(T0, T0 + 10 * MIN);
        c.resume(T0 + 30 * MIN, ALWAYS);
        c.resume(T0 + 35 * MIN, ALWAYS);
        assertThat(c.runningSince).isEqualTo(T0 + 30 * MIN);
        assertThat(c.deadline).isEqualTo(T0 + 80 * MIN);
    }

    @Test
    void pauseAtTheStartRecordsNoEmptyInterval() {
        SlaClock c = SlaClock.startedAt(T0, HOUR, ALWAYS);
        c.pause(T0);
        assertThat(c.runs).isEmpty();
        c.resume(T0 + HOUR, ALWAYS);
        assertThat(c.deadline).isEqualTo(T0 + 2 * HOUR);
    }

    @Test
    void completeStopsAndKeepsTheDeadlineItWasJudgedAgainst() {
        SlaClock c = SlaClock.startedAt(T0, 15 * MIN, ALWAYS);
        c.complete(T0 + 15 * MIN);
        assertThat(c.state).isEqualTo(SlaClock.STOPPED);
        assertThat(c.completedAt).isEqualTo(T0 + 15 * MIN);
        assertThat(c.deadline).isEqualTo(T0 + 15 * MIN);
        assertThat(c.runs).containsExactly(T0, T0 + 15 * MIN);
        assertThat(c.consumedAt(T0 + HOUR, ALWAYS)).isEqualTo(15 * MIN);
        assertThat(c.shareExceededAt(0.5, ALWAYS)).isEqualTo(-1);
        c.complete(T0 + HOUR); // a second completion changes nothing
        assertThat(c.completedAt).isEqualTo(T0 + 15 * MIN);
    }

    @Test
    void completeWhilePausedAddsNoTime() {
        SlaClock c = SlaClock.startedAt(T0, HOUR, ALWAYS);
        c.pause(T0 + 10 * MIN);
        c.complete(T0 + 50 * MIN);
        assertThat(c.state).isEqualTo(SlaClock.STOPPED);
        assertThat(c.completedAt).isEqualTo(T0 + 50 * MIN);
        assertThat(c.consumedAt(T0 + 2 * HOUR, ALWAYS)).isEqualTo(10 * MIN);
    }

    @Test
    void completeWhilePausedWithACalendarProjectsTheDeadlineFromTheCompletion() {
        SlaClock c = SlaClock.startedAt(T0, HOUR, ALWAYS);
        c.pause(T0 + 10 * MIN);
        c.complete(T0 + 50 * MIN, ALWAYS);
        assertThat(c.deadline).isEqualTo(T0 + 100 * MIN);
        assertThat(c.completedAt).isEqualTo(T0 + 50 * MIN);
        SlaClock late = SlaClock.startedAt(T0, HOUR, ALWAYS);
        late.pause(T0 + 2 * HOUR); // (a caller would have breached it; the projection never precedes t)
        late.complete(T0 + 3 * HOUR, ALWAYS);
        assertThat(late.deadline).isEqualTo(T0 + 3 * HOUR);
    }

    @Test
    void reopenCountsTimeAlreadySpent() {
        SlaClock c = SlaClock.startedAt(T0, 4 * HOUR, ALWAYS);
        c.complete(T0 + HOUR);
        c.reopen(T0 + 3 * HOUR, ALWAYS);
        assertThat(c.state).isEqualTo(SlaClock.RUNNING);
        assertThat(c.completedAt).isEqualTo(-1);
        assertThat(c.runningSince).isEqualTo(T0 + 3 * HOUR);
        assertThat(c.deadline).isEqualTo(T0 + 6 * HOUR); // 1 h spent, 3 h left
        assertThat(c.shareExceededAt(0.5, ALWAYS)).isEqualTo(T0 + 4 * HOUR);
        assertThat(c.shareExceededAt(0.25, ALWAYS)).isEqualTo(T0 + 3 * HOUR); // already passed: the reopen
    }

    @Test
    void reopenOfAnExhaustedBudgetIsDueAtOnce() {
        SlaClock c = SlaClock.startedAt(T0, HOUR, ALWAYS);
        c.complete(T0 + 2 * HOUR);
        c.reopen(T0 + 5 * HOUR, ALWAYS);
        assertThat(c.deadline).isEqualTo(T0 + 5 * HOUR);
    }

    @Test
    void reopenOnlyRestartsAStoppedClock() {
        SlaClock c = SlaClock.startedAt(T0, HOUR, ALWAYS);
        c.reopen(T0 + MIN, ALWAYS);
        assertThat(c.runningSince).isEqualTo(T0);
        c.pause(T0 + 2 * MIN);
        c.reopen(T0 + 3 * MIN, ALWAYS);
        assertThat(c.state).isEqualTo(SlaClock.PAUSED);
    }

    @Test
    void breachedClockKeepsItsDeadlineThroughPauseResumeAndReopen() {
        SlaClock c = SlaClock.startedAt(T0, 15 * MIN, ALWAYS);
        c.breachedAt = T0 + 15 * MIN;
        c.pause(T0 + 20 * MIN);
        assertThat(c.deadline).isEqualTo(T0 + 15 * MIN);
        c.resume(T0 + 30 * MIN, ALWAYS);
        assertThat(c.deadline).isEqualTo(T0 + 15 * MIN);
        c.complete(T0 + 40 * MIN);
        c.reopen(T0 + 50 * MIN, ALWAYS);
        assertThat(c.deadline).isEqualTo(T0 + 15 * MIN);
        c.retarget(T0 + 55 * MIN, 4 * HOUR, ALWAYS);
        assertThat(c.deadline).isEqualTo(T0 + 15 * MIN);
        assertThat(c.budgetMs).isEqualTo(4 * HOUR);
    }

    @Test
    void retargetUpMovesTheDeadlineFromTheOriginalStart() {
        SlaClock c = SlaClock.startedAt(T0, 15 * MIN, ALWAYS);
        c.retarget(T0 + 10 * MIN, HOUR, ALWAYS);
        assertThat(c.budgetMs).isEqualTo(HOUR);
        assertThat(c.deadline).isEqualTo(T0 + HOUR);
        assertThat(c.runningSince).isEqualTo(T0 + 10 * MIN);
        assertThat(c.consumedAt(T0 + 20 * MIN, ALWAYS)).isEqualTo(20 * MIN);
        assertThat(c.shareExceededAt(0.5, ALWAYS)).isEqualTo(T0 + 30 * MIN);
    }

    @Test
    void retargetDownWithBudgetLeft() {
        SlaClock c = SlaClock.startedAt(T0, 4 * HOUR, ALWAYS);
        c.retarget(T0 + 10 * MIN, 15 * MIN, ALWAYS);
        assertThat(c.deadline).isEqualTo(T0 + 15 * MIN);
    }

    @Test
    void retargetToAnAlreadyExceededBudgetIsDueAtTheChangeNotInThePast() {
        SlaClock c = SlaClock.startedAt(T0, 4 * HOUR, ALWAYS);
        c.retarget(T0 + 20 * MIN, 15 * MIN, ALWAYS);
        assertThat(c.deadline).isEqualTo(T0 + 20 * MIN);
        assertThat(c.shareExceededAt(0.9, ALWAYS)).isEqualTo(T0 + 20 * MIN);
    }

    @Test
    void retargetExactlyAtTheNewDeadline() {
        SlaClock c = SlaClock.startedAt(T0, 4 * HOUR, ALWAYS);
        c.retarget(T0 + 15 * MIN, 15 * MIN, ALWAYS);
        assertThat(c.deadline).isEqualTo(T0 + 15 * MIN);
    }

    @Test
    void retargetCountsPausedTimeOut() {
        SlaClock c = SlaClock.startedAt(T0, 8 * HOUR, ALWAYS);
        c.pause(T0 + HOUR);
        c.resume(T0 + 3 * HOUR, ALWAYS);
        c.retarget(T0 + 4 * HOUR, 4 * HOUR, ALWAYS); // 2 h spent
        assertThat(c.deadline).isEqualTo(T0 + 6 * HOUR);
    }

    @Test
    void retargetOfAPausedOrStoppedClockOnlyChangesTheBudget() {
        SlaClock paused = SlaClock.startedAt(T0, HOUR, ALWAYS);
        paused.pause(T0 + 10 * MIN);
        paused.retarget(T0 + 20 * MIN, 15 * MIN, ALWAYS);
        assertThat(paused.state).isEqualTo(SlaClock.PAUSED);
        assertThat(paused.deadline).isEqualTo(-1);
        paused.resume(T0 + 30 * MIN, ALWAYS);
        assertThat(paused.deadline).isEqualTo(T0 + 35 * MIN);

        SlaClock stopped = SlaClock.startedAt(T0, HOUR, ALWAYS);
        stopped.complete(T0 + 10 * MIN);
        stopped.retarget(T0 + 20 * MIN, 4 * HOUR, ALWAYS);
        assertThat(stopped.state).isEqualTo(SlaClock.STOPPED);
        assertThat(stopped.deadline).isEqualTo(T0 + HOUR);
        stopped.reopen(T0 + HOUR, ALWAYS);
        assertThat(stopped.deadline).isEqualTo(T0 + HOUR + 3 * HOUR + 50 * MIN);
    }

    @Test
    void shareExceededAtAtTheWarningPoints() {
        SlaClock c = SlaClock.startedAt(T0, 15 * MIN, ALWAYS);
        assertThat(c.shareExceededAt(0.5, ALWAYS)).isEqualTo(T0 + 7 * MIN + 30_000);
        assertThat(c.shareExceededAt(0.75, ALWAYS)).isEqualTo(T0 + 11 * MIN + 15_000);
        assertThat(c.shareExceededAt(0.9, ALWAYS)).isEqualTo(T0 + 13 * MIN + 30_000);
        assertThat(c.shareExceededAt(1.0, ALWAYS)).isEqualTo(c.deadline);
        SlaClock r = SlaClock.startedAt(T0, 4 * HOUR, ALWAYS);
        assertThat(r.shareExceededAt(0.9, ALWAYS)).isEqualTo(T0 + 3 * HOUR + 36 * MIN);
    }

    @Test
    void shareExceededAtRoundsUpToTheMillisecond() {
        SlaClock c = SlaClock.startedAt(T0, 1001, ALWAYS);
        assertThat(c.shareExceededAt(0.5, ALWAYS)).isEqualTo(T0 + 501);
    }

    @Test
    void shareExceededAtAfterAPauseCountsOnlyRunningTime() {
        SlaClock c = SlaClock.startedAt(T0, HOUR, ALWAYS);
        c.pause(T0 + 20 * MIN);
        c.resume(T0 + HOUR, ALWAYS);
        assertThat(c.shareExceededAt(0.5, ALWAYS)).isEqualTo(T0 + HOUR + 10 * MIN);
        assertThat(c.shareExceededAt(0.25, ALWAYS)).isEqualTo(T0 + HOUR); // passed while running before
    }

    @Test
    void manyPauseCyclesFoldIntoFoldedMsWithoutLosingTime() {
        SlaClock c = SlaClock.startedAt(T0, 100 * HOUR, ALWAYS);
        long t = T0;
        for (int i = 0; i < 20; i++) {
            c.pause(t + 10 * MIN);
            t += HOUR;
            c.resume(t, ALWAYS);
            assertThat(c.runs.length).isLessThanOrEqualTo(2 * SlaClock.MAX_RUNS);
        }
        // 20 closed runs of 10 min, the 21st running since t
        assertThat(c.runs.length).isEqualTo(2 * (SlaClock.MAX_RUNS - 1));
        assertThat(c.foldedMs).isEqualTo((20 - (SlaClock.MAX_RUNS - 1)) * 10 * MIN);
        assertThat(c.consumedAt(t, ALWAYS)).isEqualTo(200 * MIN);
        assertThat(c.deadline).isEqualTo(t + 100 * HOUR - 200 * MIN);
        c.pause(t + MIN);
        assertThat(c.runs.length).isEqualTo(2 * SlaClock.MAX_RUNS);
        assertThat(c.consumedAt(t + HOUR, ALWAYS)).isEqualTo(201 * MIN);
    }

    // ---- business hours (New York, mon-fri 09:00-17:00) ----

    @Test
    void startInsideHoursSpillsOverTheNightAndTheWeekend() {
        // Friday 15:00 New York + 4 business hours = Monday 11:00
        SlaClock c = SlaClock.startedAt(ny("2026-11-20T15:00"), 4 * HOUR, OFFICE);
        assertThat(c.deadline).isEqualTo(ny("2026-11-23T11:00"));
        // half the budget is used up at Friday's close, and exceeded when the clock next counts: Monday's opening
        assertThat(c.shareExceededAt(0.5, OFFICE)).isEqualTo(ny("2026-11-23T09:00"));
        assertThat(c.shareExceededAt(0.75, OFFICE)).isEqualTo(ny("2026-11-23T10:00"));
        assertThat(c.consumedAt(ny("2026-11-23T09:30"), OFFICE)).isEqualTo(2 * HOUR + 30 * MIN);
    }

    @Test
    void startOutsideHoursCountsFromTheNextOpening() {
        SlaClock c = SlaClock.startedAt(ny("2026-11-21T12:00"), 4 * HOUR, OFFICE); // Saturday
        assertThat(c.deadline).isEqualTo(ny("2026-11-23T13:00"));
        assertThat(c.consumedAt(ny("2026-11-23T09:00"), OFFICE)).isZero();
    }

    @Test
    void pauseOvernightDoesNotCountClosedHours() {
        SlaClock c = SlaClock.startedAt(ny("2026-11-16T09:00"), 16 * HOUR, OFFICE); // Monday
        c.pause(ny("2026-11-16T16:00")); // 7 h spent
        c.resume(ny("2026-11-17T10:00"), OFFICE); // Tuesday: 1 working hour missed while paused
        assertThat(c.deadline).isEqualTo(ny("2026-11-18T11:00")); // 9 h left: Tue 10-17 (7) + Wed 09-11 (2)
    }

    @Test
    void resumeOutsideHoursWaitsForTheOpening() {
        SlaClock c = SlaClock.startedAt(ny("2026-11-20T16:00"), 2 * HOUR, OFFICE);
        c.pause(ny("2026-11-20T16:30"));
        c.resume(ny("2026-11-21T10:00"), OFFICE); // Saturday
        assertThat(c.deadline).isEqualTo(ny("2026-11-23T10:30"));
        // a quarter (30 min) was used up exactly at the pause, so it is exceeded when the clock next counts
        assertThat(c.shareExceededAt(0.25, OFFICE)).isEqualTo(ny("2026-11-23T09:00"));
        assertThat(c.shareExceededAt(0.2, OFFICE))
                .isEqualTo(ny("2026-11-21T10:00")); // exceeded before the pause: at once
    }

    @Test
    void retargetFromA24x7ClockRecountsOnBusinessHours() {
        // started Friday 16:00 on 24x7, now the clock runs on office hours: 1 business hour spent by Monday 09:00
        SlaClock c = SlaClock.startedAt(ny("2026-11-20T16:00"), HOUR, ALWAYS);
        c.retarget(ny("2026-11-23T09:00"), 4 * HOUR, OFFICE);
        assertThat(c.deadline).isEqualTo(ny("2026-11-23T12:00"));
    }

    @Test
    void retargetToExceededBusinessBudgetOutsideHoursIsDueAtTheChange() {
        SlaClock c = SlaClock.startedAt(ny("2026-11-20T09:00"), 24 * HOUR, OFFICE);
        c.retarget(ny("2026-11-20T18:00"), 4 * HOUR, OFFICE); // 8 h spent > 4 h, evening
        assertThat(c.deadline).isEqualTo(ny("2026-11-20T18:00"));
    }

    @Test
    void reopenAcrossTheWeekendCountsTimeSpent() {
        SlaClock c = SlaClock.startedAt(ny("2026-11-19T09:00"), 24 * HOUR, OFFICE); // Thursday
        c.complete(ny("2026-11-19T17:00")); // 8 h spent
        c.reopen(ny("2026-11-20T13:00"), OFFICE); // Friday 13:00, 16 h left
        assertThat(c.deadline).isEqualTo(ny("2026-11-24T13:00")); // Fri 4 + Mon 8 + Tue 4
    }

    @Test
    void deadlineAcrossTheUsDstChangeKeepsTheLocalTime() {
        SlaClock c = SlaClock.startedAt(ny("2026-03-06T15:00"), 24 * HOUR, OFFICE); // Friday, EST
        assertThat(c.deadline).isEqualTo(ny("2026-03-11T15:00")); // Wednesday, EDT
        assertThat(Instant.ofEpochMilli(c.deadline)).isEqualTo(Instant.parse("2026-03-11T19:00:00Z"));
    }

    @Test
    void foldingCountsBusinessTimeNotWallTime() {
        SlaClock c = SlaClock.startedAt(ny("2026-11-02T16:00"), 100 * HOUR, OFFICE); // Monday
        long day = ny("2026-11-02T16:00");
        for (int i = 0; i < 12; i++) {
            // runs 16:00 -> next day 10:00 (2 business hours each), paused 10:00 -> 16:00
            long next = day + 24 * HOUR;
            c.pause(next - 6 * HOUR);
            c.resume(next, OFFICE);
            day = next;
        }
        assertThat(c.foldedMs).isPositive();
        long expected = 0;
        // recount on the calendar: every run, folded or not, was 2 business hours on weekdays only
        long d = ny("2026-11-02T16:00");
        for (int i = 0; i < 12; i++) {
            expected += OFFICE.businessTimeBetween(Instant.ofEpochMilli(d), Instant.ofEpochMilli(d + 18 * HOUR))
                    .toMillis();
            d += 24 * HOUR;
        }
        assertThat(c.consumedAt(day, OFFICE)).isEqualTo(expected);
        assertThat(c.deadline)
                .isEqualTo(OFFICE.addBusinessTime(Instant.ofEpochMilli(day), Duration.ofMillis(100 * HOUR - expected))
                        .toEpochMilli());
    }
}
