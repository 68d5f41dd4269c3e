package io.slaflow.report;

import static io.slaflow.report.ReportFixtures.breachAlert;
import static io.slaflow.report.ReportFixtures.breached;
import static io.slaflow.report.ReportFixtures.escalation;
import static io.slaflow.report.ReportFixtures.met;
import static io.slaflow.report.ReportFixtures.pending;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.policy.Metric;
import io.slaflow.report.PeriodFigures.TierMetricFigures;
import io.slaflow.sla.OutcomeUpdate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportAccumulatorTest {
    static final ReportDirectory DIR = ReportDirectory.of(ReportFixtures.defaultPolicy());
    static final ReportClient ACME = DIR.client("acme"); // America/New_York
    static final ReportPeriod W47 = ReportPeriod.parse("2026-W47", ACME.zone());

    /** Mean and p90 count what the clock counted (pauses excluded); the elapsed mean keeps the pause. */
    @Test
    void durationsOnTheContractClockExcludePausedTime() {
        long s = ReportFixtures.ms("2026-11-17T09:00:00Z");
        long min = 60_000;
        // resolved at 13:00 after 90 min waiting on the customer: counted 2 h 30 min, elapsed 4 h
        OutcomeUpdate paused = new OutcomeUpdate(
                "D1",
                "acme",
                "P1",
                Metric.RESOLUTION,
                s,
                s + 330 * min,
                io.slaflow.sla.Outcome.MET,
                s + 240 * min,
                -1,
                "default",
                "v1",
                false,
                6,
                150 * min,
                -1);
        TierMetricFigures r =
                ReportAccumulator.figures(ACME, W47, List.of(paused), List.of()).row("P1", Metric.RESOLUTION);
        assertThat(r.meanMs()).isEqualTo(150 * min);
        assertThat(r.p90Ms()).isEqualTo(150 * min);
        assertThat(r.meanWallMs()).isEqualTo(240 * min);
        // a record without the count: the span, pauses included
        OutcomeUpdate old = met("acme", "D2", "P1", Metric.RESOLUTION, "2026-11-17T09:00:00Z", 240, 240);
        assertThat(ReportAccumulator.figures(ACME, W47, List.of(old), List.of())
                        .row("P1", Metric.RESOLUTION)
                        .meanMs())
                .isEqualTo(240 * min);
    }

    /**
     * Late by is the time counted beyond the target, pauses excluded wherever they fall: a ticket waiting on the
     * customer after its deadline is not late meanwhile. acme's P2 resolution (8 h, 24×7) from Tuesday 09:00, deadline
     * 17:00, paused 18:00-20:00: resolved at 21:00 it counted 10 h, late by 2 h (not the 4 h from the deadline); still
     * paused at the period's end after counting 10 h, late by 2 h (not the rest of the week); running again since
     * 20:00, late by 1 h plus the time since. A record without its budget (files of earlier versions) counts from the
     * deadline as they did.
     */
    @Test
    void lateByExcludesAPauseAfterTheDeadline() {
        long s = ReportFixtures.ms("2026-11-17T09:00:00Z");
        long min = 60_000;
        long deadline = s + 480 * min;
        long budget = 480 * min;
        OutcomeUpdate resolved = new OutcomeUpdate(
                "L1",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                io.slaflow.sla.Outcome.BREACHED,
                s + 720 * min,
                deadline,
                "default",
                "v1",
                false,
                6,
                600 * min,
                -1,
                budget);
        OutcomeUpdate pausedAtEnd = new OutcomeUpdate(
                "L2",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                io.slaflow.sla.Outcome.BREACHED,
                -1,
                deadline,
                "default",
                "v1",
                false,
                4,
                600 * min,
                -1,
                budget);
        OutcomeUpdate runningAgain = new OutcomeUpdate(
                "L3",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                io.slaflow.sla.Outcome.BREACHED,
                -1,
                deadline,
                "default",
                "v1",
                false,
                5,
                540 * min,
                s + 660 * min,
                budget);
        OutcomeUpdate withoutBudget = new OutcomeUpdate(
                "L4",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                io.slaflow.sla.Outcome.BREACHED,
                s + 720 * min,
                deadline,
                "default",
                "v1",
                false,
                6,
                600 * min,
                -1);
        PeriodFigures f = ReportAccumulator.figures(
                ACME, W47, List.of(resolved, pausedAtEnd, runningAgain, withoutBudget), List.of());
        java.util.Map<String, PeriodFigures.BreachedTarget> rows = new java.util.HashMap<>();
        for (PeriodFigures.BreachedTarget b : f.breaches()) rows.put(b.ticketId(), b);

        assertThat(rows.get("L1").lateByMs())
                .as("10 h counted of 8 h; the 2 h pause is not lateness")
                .isEqualTo(120 * min);
        assertThat(rows.get("L1").pausedMs()).isEqualTo(120 * min);
        assertThat(rows.get("L2").satisfiedAt()).isEqualTo(-1);
        assertThat(rows.get("L2").lateByMs())
                .as("still open, paused since 19:00")
                .isEqualTo(120 * min);
        assertThat(rows.get("L2").pausedMs()).isEqualTo(W47.endMs() - s - 600 * min);
        assertThat(rows.get("L3").lateByMs())
                .as("still open, counting again since 20:00")
                .isEqualTo(60 * min + (W47.endMs() - (s + 660 * min)));
        assertThat(rows.get("L4").lateByMs())
                .as("no budget recorded: from the deadline")
                .isEqualTo(240 * min);
        // the row's two figures add up: late by + paused after the deadline = the span from the deadline
        assertThat(rows.get("L1").lateByMs() + 120 * min)
                .isEqualTo(rows.get("L1").satisfiedAt() - deadline);
    }

    /**
     * On a business-hours tier late by is business time beyond the target, pauses excluded. initech's P3 response
     * (4 business hours, London 09:00-17:00) from Friday 13:00: used up at Friday's close, deadline Monday 09:00;
     * waiting on the customer Monday 10:00 to Tuesday 10:00, answered Tuesday 11:00: 6 business hours counted, late by
     * 2 h (the span from the deadline is 10 business hours), the same as {@link io.slaflow.sla.ContractClock#lateBy}
     * given the pause.
     */
    @Test
    void lateByOnBusinessHoursIsWorkingTimeBeyondTheTargetPausesExcluded() {
        ReportClient initech = DIR.client("initech");
        ReportPeriod w48 = ReportPeriod.parse("2026-W48", initech.zone());
        long hour = 3_600_000;
        long created = ReportFixtures.ms("2026-11-20T13:00:00Z"); // London is on UTC in November
        long deadline = ReportFixtures.ms("2026-11-23T09:00:00Z");
        long responded = ReportFixtures.ms("2026-11-24T11:00:00Z");
        OutcomeUpdate u = new OutcomeUpdate(
                "I1",
                "initech",
                "P3",
                Metric.RESPONSE,
                created,
                deadline,
                io.slaflow.sla.Outcome.BREACHED,
                responded,
                deadline,
                "default",
                "v1",
                false,
                5,
                6 * hour,
                -1,
                4 * hour);
        PeriodFigures.BreachedTarget row = ReportAccumulator.figures(
                        initech, DIR.clocks("initech"), w48, 95.0, List.of(u), List.of())
                .breaches()
                .get(0);

        assertThat(row.lateByMs()).isEqualTo(2 * hour);
        assertThat(row.pausedMs())
                .as("Monday 10:00-17:00 and Tuesday 09:00-10:00")
                .isEqualTo(8 * hour);
        io.slaflow.sla.ContractClock clock =
                io.slaflow.sla.ContractClock.of(ReportFixtures.defaultPolicy(), "P3", "initech", Metric.RESPONSE);
        List<io.slaflow.sla.ContractClock.Pause> paused = List.of(new io.slaflow.sla.ContractClock.Pause(
                java.time.Instant.parse("2026-11-23T10:00:00Z"), java.time.Instant.parse("2026-11-24T10:00:00Z")));
        assertThat(clock.lateBy(
                                java.time.Instant.ofEpochMilli(created),
                                java.time.Instant.ofEpochMilli(responded),
                                paused)
                        .toMillis())
                .isEqualTo(row.lateByMs());
        assertThat(DIR.clocks("initech").between("P3", deadline, responded))
                .as("what it said before")
                .isEqualTo(10 * hour);
    }

    /**
     * A breached resolution paused 10:00-11:30 (24×7 tier): its row shows the 90 min paused, whether it was satisfied
     * in the period, is still running at its end, or stands paused at its end; the version of a satisfaction after the
     * period (a report rebuilt from final records) and one without the clock's count show no paused time (-1).
     */
    @Test
    void aBreachRowShowsTheTimeItsClockStoodPaused() {
        long s = ReportFixtures.ms("2026-11-17T09:00:00Z");
        long min = 60_000;
        long deadline = s + 570 * min; // 8 h + the 90 min pause
        OutcomeUpdate resolvedLate = new OutcomeUpdate(
                "R1",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                io.slaflow.sla.Outcome.BREACHED,
                deadline + 30 * min,
                deadline,
                "default",
                "v1",
                false,
                6,
                510 * min,
                -1);
        OutcomeUpdate running = new OutcomeUpdate(
                "R2",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                io.slaflow.sla.Outcome.BREACHED,
                -1,
                deadline,
                "default",
                "v1",
                false,
                5,
                60 * min,
                s + 150 * min);
        OutcomeUpdate pausedAtEnd = new OutcomeUpdate(
                "R3",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                io.slaflow.sla.Outcome.BREACHED,
                -1,
                deadline,
                "default",
                "v1",
                false,
                7,
                0,
                -1);
        OutcomeUpdate unknown = breached("acme", "R4", "P2", Metric.RESOLUTION, "2026-11-17T09:00:00Z", 480, 600);
        OutcomeUpdate satisfiedAfter = new OutcomeUpdate(
                "R5",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                io.slaflow.sla.Outcome.BREACHED,
                W47.endMs() + min,
                deadline,
                "default",
                "v1",
                false,
                6,
                999 * min,
                -1);
        // R3: paused again after counting 8 h 30 min (running 09:00-10:00 and 11:30-19:00), still paused at the end
        pausedAtEnd = new OutcomeUpdate(
                "R3",
                "acme",
                "P2",
                Metric.RESOLUTION,
                s,
                deadline,
                io.slaflow.sla.Outcome.BREACHED,
                -1,
                deadline,
                "default",
                "v1",
                false,
                7,
                510 * min,
                -1);
        PeriodFigures f = ReportAccumulator.figures(
                ACME,
                W47,
                List.of(resolvedLate, running, pausedAtEnd, unknown, satisfiedAfter),
                List.of(
                        ReportInput.of(new ReportInput.TicketNote("R1", "acme", "VPN down <b>now</b>")),
                        ReportInput.of(new ReportInput.TicketNote("R9", "acme", "not counted"))));
        java.util.Map<String, PeriodFigures.BreachedTarget> rows = new java.util.HashMap<>();
        for (PeriodFigures.BreachedTarget b : f.breaches()) rows.put(b.ticketId(), b);
        assertThat(rows.get("R1").pausedMs()).isEqualTo(90 * min);
        assertThat(rows.get("R1").lateByMs()).isEqualTo(30 * min);
        assertThat(rows.get("R1").subject()).isEqualTo("VPN down <b>now</b>");
        assertThat(rows.get("R2").pausedMs())
                .as("running since 11:30 to the period's end")
                .isEqualTo(90 * min);
        long toEnd = W47.endMs() - s;
        assertThat(rows.get("R3").pausedMs())
                .as("paused since 19:00 to the period's end, and 10:00-11:30")
                .isEqualTo(toEnd - 510 * min);
        assertThat(rows.get("R4").pausedMs()).as("no count recorded").isEqualTo(-1);
        assertThat(rows.get("R4").subject()).isNull();
        assertThat(rows.get("R5").pausedMs())
                .as("satisfied after the period: its count is to then")
                .isEqualTo(-1);
        assertThat(f.subjects()).as("subjects of counted tickets only").containsOnlyKeys("R1");
    }

    @Test
    void countsPerTierAndMetricWithExactMeanAndP90() {
        List<OutcomeUpdate> outcomes = new ArrayList<>();
        for (int i = 1; i <= 10; i++) { // P1 responses taking 1..10 minutes
            outcomes.add(met("acme", "T" + i, "P1", Metric.RESPONSE, "2026-11-17T15:00:00Z", i, 15));
        }
        OutcomeUpdate late = breached("acme", "T11", "P1", Metric.RESPONSE, "2026-11-18T15:00:00Z", 15, 40);
        outcomes.add(late);
        outcomes.add(met("acme", "T1", "P1", Metric.RESOLUTION, "2026-11-17T15:00:00Z", 120, 240));
        outcomes.add(pending("acme", "T12", "P2", Metric.RESPONSE, "2026-11-19T15:00:00Z", 60));

        PeriodFigures f = ReportAccumulator.figures(
                ACME,
                W47,
                outcomes,
                List.of(ReportInput.of(breachAlert(late)), ReportInput.of(escalation(late, 1, 30))));

        assertThat(f.ticketsCreated()).isEqualTo(12);
        assertThat(f.met()).isEqualTo(11);
        assertThat(f.breached()).isEqualTo(1);
        TierMetricFigures p1r = f.row("P1", Metric.RESPONSE);
        assertThat(p1r.target()).isEqualTo("15m");
        assertThat(p1r.met()).isEqualTo(10);
        assertThat(p1r.breached()).isEqualTo(1);
        assertThat(p1r.satisfied()).isEqualTo(11);
        // durations 1..10 min and 40 min: mean 95/11 min, p90 = the 10th of 11 = 10 min
        assertThat(p1r.meanMs()).isEqualTo(Math.round(95 * 60_000.0 / 11));
        assertThat(p1r.p90Ms()).isEqualTo(10 * 60_000);
        assertThat(f.row("P1", Metric.RESOLUTION).adherencePercent()).isEqualTo(100.0);
        assertThat(f.row("P2", Metric.RESPONSE))
                .as("a pending target counts nowhere")
                .isNull();

        assertThat(f.breaches()).singleElement().satisfies(b -> {
            assertThat(b.ticketId()).isEqualTo("T11");
            assertThat(b.deadline()).isEqualTo(late.deadline());
            assertThat(b.breachedAt()).isEqualTo(late.breachedAt());
            assertThat(b.firstEscalatedAt()).isEqualTo(late.breachedAt() + 30 * 60_000);
            assertThat(b.evidence()).containsExactly("T11:RESPONSE:BREACH", "T11:RESPONSE:ESCALATION:1");
        });
        assertThat(f.escalations()).hasSize(1);
    }

    @Test
    void aTargetCountsInThePeriodOfItsDecisionInTheClientsZone() {
        // decided Sunday 22 November 23:30 in New York = Monday 04:30 UTC: still week 47 for acme
        OutcomeUpdate sundayNight = met("acme", "T1", "P2", Metric.RESPONSE, "2026-11-23T04:00:00Z", 30, 60);
        // decided Monday 00:30 in New York: week 48
        OutcomeUpdate mondayMorning = met("acme", "T2", "P2", Metric.RESPONSE, "2026-11-23T05:00:00Z", 30, 60);
        PeriodFigures f = ReportAccumulator.figures(ACME, W47, List.of(sundayNight, mondayMorning), List.of());
        assertThat(f.met()).isEqualTo(1);
        assertThat(f.ticketsCreated()).isEqualTo(1);
        PeriodFigures next =
                ReportAccumulator.figures(ACME, W47.next(), List.of(sundayNight, mondayMorning), List.of());
        assertThat(next.met()).isEqualTo(1);
    }

    @Test
    void anotherClientsDataNeverCounts() {
        List<OutcomeUpdate> outcomes = List.of(
                met("acme", "A1", "P1", Metric.RESPONSE, "2026-11-17T15:00:00Z", 5, 15),
                breached("globex", "G1", "P1", Metric.RESPONSE, "2026-11-17T15:00:00Z", 15, -1));
        PeriodFigures f = ReportAccumulator.figures(
                ACME,
                W47,
                outcomes,
                List.of(
                        ReportInput.of(breachAlert(outcomes.get(1))),
                        ReportInput.of(escalation(outcomes.get(1), 1, 5))));
        assertThat(f.met()).isEqualTo(1);
        assertThat(f.breached()).isZero();
        assertThat(f.breaches()).isEmpty();
        assertThat(f.escalations()).isEmpty();
    }

    @Test
    void summarySaysHowManyBreachesAndHowFastTheyWereEscalated() { // acme's contract sets a P1 goal of 99%
        List<OutcomeUpdate> outcomes = new ArrayList<>();
        for (int i = 0; i < 123; i++)
            outcomes.add(met("acme", "M" + i, "P2", Metric.RESOLUTION, "2026-11-17T15:00:00Z", 30, 480));
        OutcomeUpdate b1 = breached("acme", "B1", "P1", Metric.RESPONSE, "2026-11-18T15:00:00Z", 15, 60);
        OutcomeUpdate b2 = breached("acme", "B2", "P1", Metric.RESPONSE, "2026-11-19T15:00:00Z", 15, 60);
        outcomes.add(b1);
        outcomes.add(b2);
        PeriodFigures f = ReportAccumulator.figures(
                ACME,
                W47,
                outcomes,
                List.of(ReportInput.of(escalation(b1, 1, 30)), ReportInput.of(escalation(b2, 1, 12))));
        PeriodFigures previous = ReportAccumulator.figures(
                ACME,
                W47.previous(),
                List.of(met("acme", "X", "P1", Metric.RESPONSE, "2026-11-10T15:00:00Z", 5, 15)),
                List.of());
        assertThat(ReportSummary.of(W47, f, previous.summary()))
                .isEqualTo(
                        "98.4% of SLA targets met across all tiers (down from 100.0% last week). Below goal: P1 response 0.0% (goal 99.0%)."
                                + " 2 P1 response breaches, both escalated within 30 minutes.");
        assertThat(ReportSummary.of(W47, previous, null))
                .isEqualTo("100.0% of SLA targets met across all tiers. Every target met its goal. No breaches.");
        PeriodFigures quiet = ReportAccumulator.figures(ACME, W47, List.of(), List.of());
        assertThat(ReportSummary.of(W47, quiet, null))
                .isEqualTo("No SLA targets were decided this week (0 tickets opened).");
    }
}
