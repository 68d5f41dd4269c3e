package io.slaflow.sla;

import static io.slaflow.sla.TicketSlaTest.LONDON;
import static io.slaflow.sla.TicketSlaTest.at;
import static io.slaflow.sla.TicketSlaTest.firedAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.Metric;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Issue 24's cases, for initech (Europe/London, 09:00–17:00) under the default policy: P3 response 4 business hours,
 * resolution 3 business days, "next business day after breach" → team lead. A target is met while the time counted on
 * its clock is at most the target, and breached when counted time exceeds it, which after a budget used up at a
 * closing is the next opening.
 */
class TargetsUsedUpAtAClosingTest {

    private final TicketSlaTest.Recorder out = new TicketSlaTest.Recorder();
    private int seq;

    static long london(String local) {
        return at(local, LONDON);
    }

    @Test
    void answeredOnSaturdayMorningAfterTheTargetWasUsedUpAtFridaysCloseIsMet() {
        TicketState s = open("P3", london("2026-11-20T13:00")); // Friday
        assertThat(s.response.deadline).as("met until the clock runs again").isEqualTo(london("2026-11-23T09:00"));
        apply(s, EventType.RESPONDED, london("2026-11-21T10:00"), e -> {});

        assertThat(out.last(Metric.RESPONSE).outcome()).isEqualTo(Outcome.MET);
        assertThat(out.last(Metric.RESPONSE).deadline()).isEqualTo(london("2026-11-23T09:00"));
        assertThat(firedAt(out.alerts(Metric.RESPONSE)))
                .as("warnings only, each while Friday's hours ran")
                .containsExactly(london("2026-11-20T15:00"), london("2026-11-20T16:00"), london("2026-11-20T16:36"));
    }

    @Test
    void unansweredItBreachesAtMondaysOpeningAndEscalatesOnTuesday() {
        TicketState s = open("P3", london("2026-11-20T13:00"));
        advance(s, london("2026-11-23T08:59:59.999"));
        assertThat(out.alerts(Metric.RESPONSE)).noneMatch(a -> a.kind() == SlaAlert.Kind.BREACH);

        advance(s, london("2026-11-24T09:00"));
        assertThat(out.alerts(Metric.RESPONSE)).last().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SlaAlert.Kind.BREACH);
            assertThat(a.firedAt()).isEqualTo(london("2026-11-23T09:00"));
            assertThat(a.deadline()).isEqualTo(london("2026-11-23T09:00"));
        });
        assertThat(out.escalations).singleElement().satisfies(x -> {
            assertThat(x.breachedAt()).isEqualTo(london("2026-11-23T09:00"));
            assertThat(x.firedAt()).as("the business day after the breach's").isEqualTo(london("2026-11-24T09:00"));
            assertThat(x.to()).isEqualTo("tom.baker");
        });
    }

    @Test
    void answeredAtMondaysOpeningIsMetAndAMillisecondLaterIsBreachedAtTheOpening() {
        TicketState onTime = open("P3", london("2026-11-20T13:00"));
        apply(onTime, EventType.RESPONDED, london("2026-11-23T09:00"), e -> {});
        assertThat(out.last(Metric.RESPONSE).outcome()).isEqualTo(Outcome.MET);

        out.clear();
        TicketState late = open("P3", london("2026-11-20T13:00"));
        apply(late, EventType.RESPONDED, london("2026-11-23T09:00:00.001"), e -> {});
        assertThat(out.last(Metric.RESPONSE).outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(out.last(Metric.RESPONSE).breachedAt()).isEqualTo(london("2026-11-23T09:00"));
    }

    @Test
    void openedBeforeOpeningOnThursdayAndResolvedBeforeOpeningOnTuesdayIsMet() {
        TicketState s = open("P3", london("2026-11-19T08:13"));
        // Thursday, Friday and Monday are used up at Monday's close; the target is exceeded from Tuesday's opening
        assertThat(s.resolution.deadline).isEqualTo(london("2026-11-24T09:00"));
        apply(s, EventType.RESPONDED, london("2026-11-19T10:00"), e -> {});
        apply(s, EventType.RESOLVED, london("2026-11-24T08:30"), e -> {});

        assertThat(out.last(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.MET);
        assertThat(out.alerts).noneMatch(a -> a.kind() == SlaAlert.Kind.BREACH);
        assertThat(out.escalations).isEmpty();
    }

    @Test
    void openedBeforeOpeningOnThursdayAndNeverResolvedBreachesOnTuesdayAndEscalatesOnWednesday() {
        TicketState s = open("P3", london("2026-11-19T08:13"));
        apply(s, EventType.RESPONDED, london("2026-11-19T10:00"), e -> {});
        advance(s, london("2026-11-25T12:00"));

        assertThat(out.alerts(Metric.RESOLUTION)).last().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SlaAlert.Kind.BREACH);
            assertThat(a.firedAt()).isEqualTo(london("2026-11-24T09:00"));
        });
        assertThat(out.escalations)
                .singleElement()
                .satisfies(x -> assertThat(x.firedAt()).isEqualTo(london("2026-11-25T09:00")));
    }

    @Test
    void pausedExactlyWhenTheBudgetRunsOutAndResumedAfterHoursBreachesAtTheNextOpening() {
        TicketState s =
                open("P3", london("2026-11-20T09:00")); // Friday's opening: 24 business hours to Tuesday's close
        apply(s, EventType.RESPONDED, london("2026-11-20T09:30"), e -> {});
        apply(s, EventType.STATUS_CHANGED, london("2026-11-24T17:00"), e -> e.status = "waiting-on-customer");
        apply(s, EventType.STATUS_CHANGED, london("2026-11-24T20:00"), e -> e.status = "in-progress");
        assertThat(s.resolution.deadline).isEqualTo(london("2026-11-25T09:00"));

        advance(s, london("2026-11-25T10:00"));
        assertThat(out.alerts(Metric.RESOLUTION)).last().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SlaAlert.Kind.BREACH);
            assertThat(a.firedAt()).isEqualTo(london("2026-11-25T09:00"));
        });
    }

    @Test
    void aPriorityChangeThatLeavesAPausedClockOverItsNewTargetBreachesAtTheChange() {
        TicketState s = open("P3", london("2026-11-23T09:00")); // Monday
        apply(s, EventType.RESPONDED, london("2026-11-23T09:30"), e -> {});
        apply(s, EventType.STATUS_CHANGED, london("2026-11-23T14:00"), e -> e.status = "waiting-on-customer");
        // P1: 4 h on 24×7, and 5 h have been counted since 09:00
        apply(s, EventType.PRIORITY_CHANGED, london("2026-11-23T15:00"), e -> e.priority = "P1");
        apply(s, EventType.RESOLVED, london("2026-11-23T16:00"), e -> {});

        assertThat(out.alerts(Metric.RESOLUTION)).last().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SlaAlert.Kind.BREACH);
            assertThat(a.firedAt()).isEqualTo(london("2026-11-23T15:00"));
        });
        assertThat(out.last(Metric.RESOLUTION).outcome())
                .as("resolved while paused, but over its target")
                .isEqualTo(Outcome.BREACHED);
    }

    @Test
    void aPriorityChangeThatLeavesAPausedClockExactlyAtItsNewTargetIsMetIfResolvedBeforeItRunsAgain() {
        TicketState s = open("P3", london("2026-11-23T09:00"));
        apply(s, EventType.RESPONDED, london("2026-11-23T09:30"), e -> {});
        apply(s, EventType.STATUS_CHANGED, london("2026-11-23T13:00"), e -> e.status = "waiting-on-customer"); // 4 h
        apply(s, EventType.PRIORITY_CHANGED, london("2026-11-23T15:00"), e -> e.priority = "P1");
        apply(s, EventType.RESOLVED, london("2026-11-23T16:00"), e -> {});

        assertThat(out.alerts(Metric.RESOLUTION)).noneMatch(a -> a.kind() == SlaAlert.Kind.BREACH);
        assertThat(out.last(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.MET);
    }

    private TicketState open(String priority, long at) {
        TicketEvent e = new TicketEvent("c-" + (++seq), "T-" + seq, "initech", EventType.CREATED, at);
        e.priority = priority;
        e.source = "portal";
        e.subject = "printer";
        return TicketSla.create(e, TestPolicy.COMPILED, out);
    }

    private void apply(TicketState s, EventType type, long at, Consumer<TicketEvent> with) {
        TicketEvent e = new TicketEvent("e-" + (++seq), s.ticketId, s.clientId, type, at);
        with.accept(e);
        assertThat(TicketSla.apply(s, e, TestPolicy.DEFAULT, out)).isEqualTo(ApplyResult.APPLIED);
        TicketSla.advance(s, at, TestPolicy.DEFAULT, out);
    }

    private void advance(TicketState s, long t) {
        TicketSla.advance(s, t, TestPolicy.DEFAULT, out);
    }
}
