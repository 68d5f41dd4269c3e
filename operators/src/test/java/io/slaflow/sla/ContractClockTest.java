package io.slaflow.sla;

import static io.slaflow.sla.TicketSlaTest.LONDON;
import static io.slaflow.sla.TicketSlaTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.policy.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counted time and "late by" on a ticket's contract clock, for initech (Europe/London, 09:00–17:00) and the default policy. */
class ContractClockTest {

    private final ContractClock p3Response = ContractClock.of(TestPolicy.DEFAULT, "P3", "initech", Metric.RESPONSE);
    private final ContractClock p3Resolution = ContractClock.of(TestPolicy.DEFAULT, "P3", "initech", Metric.RESOLUTION);

    static Instant london(String local) {
        return Instant.ofEpochMilli(at(local, LONDON));
    }

    @Test
    void countsWorkingTimeOnlyOnABusinessHoursTier() {
        assertThat(p3Response.calendar().id()).isEqualTo("business-hours@Europe/London");
        assertThat(p3Response.budget(london("2026-11-20T13:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(p3Response.counted(london("2026-11-20T13:00"), london("2026-11-21T10:00")))
                .isEqualTo(Duration.ofHours(4));
        assertThat(p3Response.counted(london("2026-11-20T13:00"), london("2026-11-23T10:00")))
                .isEqualTo(Duration.ofHours(5));
    }

    @Test
    void aSaturdayAnswerToFridaysUsedUpHoursIsMetAndNotLate() {
        Instant created = london("2026-11-20T13:00");
        assertThat(p3Response.met(created, london("2026-11-21T10:00"), List.of()))
                .isTrue();
        assertThat(p3Response.lateBy(created, london("2026-11-21T10:00"), List.of()))
                .isZero();
        assertThat(p3Response.met(created, london("2026-11-23T09:00"), List.of()))
                .as("at Monday's opening")
                .isTrue();
        assertThat(p3Response.met(created, london("2026-11-23T09:00:00.001"), List.of()))
                .isFalse();
        assertThat(p3Response.lateBy(created, london("2026-11-23T10:30"), List.of()))
                .isEqualTo(Duration.ofMinutes(90));
    }

    /** Waiting on the customer after the deadline is not lateness: late by counts working time outside pauses only. */
    @Test
    void aPauseAfterTheDeadlineIsNotLateness() {
        Instant created = london("2026-11-20T13:00"); // used up at Friday's close; breached at Monday's opening
        List<ContractClock.Pause> waiting =
                List.of(new ContractClock.Pause(london("2026-11-23T10:00"), london("2026-11-24T10:00")));
        assertThat(p3Response.lateBy(created, london("2026-11-24T11:00"), List.of()))
                .as("without the pause")
                .isEqualTo(Duration.ofHours(10));
        assertThat(p3Response.lateBy(created, london("2026-11-24T11:00"), waiting))
                .isEqualTo(Duration.ofHours(2));
        assertThat(p3Response.lateBy(created, london("2026-11-23T12:00"), waiting))
                .as("still open, paused since 10:00")
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void businessDaysAreTheBudgetToTheSameWorkingMoment() {
        Instant opened = london("2026-11-19T08:13"); // Thursday, before opening: Thursday, Friday and Monday
        assertThat(p3Resolution.budget(opened)).isEqualTo(Duration.ofHours(24));
        assertThat(p3Resolution.lateBy(opened, london("2026-11-24T08:30"), List.of()))
                .as("Tuesday before opening")
                .isZero();
        assertThat(p3Resolution.lateBy(opened, london("2026-11-24T11:00"), List.of()))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void pausesAreNotCountedEvenWhenTheyOverlapOrReachOutside() {
        Instant created = london("2026-11-20T13:00");
        List<ContractClock.Pause> paused = List.of(
                new ContractClock.Pause(london("2026-11-20T15:00"), london("2026-11-23T09:30")),
                new ContractClock.Pause(london("2026-11-20T16:00"), london("2026-11-20T16:30")), // inside the first
                new ContractClock.Pause(london("2026-11-23T09:30"), london("2026-11-23T09:45")), // touches it
                new ContractClock.Pause(london("2026-11-23T11:00"), london("2026-11-25T00:00"))); // beyond the end
        // 13:00-15:00 Friday, then Monday 09:45-10:00
        assertThat(p3Response.counted(created, london("2026-11-23T10:00"), paused))
                .isEqualTo(Duration.ofMinutes(135));
        assertThat(p3Response.counted(london("2026-11-23T10:00"), created, paused))
                .isZero();
    }

    @Test
    void a24x7TierCountsWallClockTimeOutsidePauses() {
        ContractClock p1 = ContractClock.of(TestPolicy.DEFAULT, "P1", "initech", Metric.RESOLUTION);
        Instant created = london("2026-11-21T10:00"); // Saturday
        List<ContractClock.Pause> paused =
                List.of(new ContractClock.Pause(london("2026-11-21T11:00"), london("2026-11-21T12:30")));
        assertThat(p1.counted(created, london("2026-11-21T15:00"), paused)).isEqualTo(Duration.ofMinutes(210));
        assertThat(p1.lateBy(created, london("2026-11-21T15:00"), paused)).isZero();
        assertThat(p1.lateBy(created, london("2026-11-21T16:00"), paused)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aClientsOverrideAndAnUnlistedClientAreTheEnforcers() {
        assertThat(ContractClock.of(TestPolicy.DEFAULT, "P3", "nobody-listed", Metric.RESPONSE)
                        .calendar()
                        .id())
                .isEqualTo("business-hours");
        assertThatThrownBy(() -> ContractClock.of(TestPolicy.DEFAULT, "P9", "initech", Metric.RESPONSE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tier 'P9'");
    }
}
