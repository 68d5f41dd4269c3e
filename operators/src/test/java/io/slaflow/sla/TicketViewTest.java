package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaPolicy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What sla-tickets shows of a ticket as its SLA moves: next deadline, time left on the contract's clock, pauses. */
class TicketViewTest {
    static final SlaPolicy POLICY = TestPolicy.DEFAULT;
    static final long MIN = 60_000L;
    /** A Friday, 10:00 UTC. */
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    final TicketSlaTest.Recorder out = new TicketSlaTest.Recorder();

    static TicketEvent event(String id, EventType type, long at) {
        return new TicketEvent(id, "INC 7/8", "acme", type, at);
    }

    TicketState createdP1() {
        TicketEvent created = event("e1", EventType.CREATED, T0);
        created.priority = "P1";
        created.subject = "Production down";
        created.source = "portal";
        created.assignee = "alice";
        created.status = "new";
        created.extra.put("queue", "\"Service Desk\"");
        created.extra.put("category", "\"network\"");
        return TicketSla.create(created, TestPolicy.COMPILED, out);
    }

    @Test
    void aNewTicketShowsItsResponseDueWithTheWholeBudgetLeftAndWhatItsCreationSaid() {
        TicketState s = createdP1();
        TicketEvent created = event("e1", EventType.CREATED, T0);
        created.subject = "Production down";
        created.source = "portal";
        created.extra.put("queue", "\"Service Desk\"");
        created.extra.put("category", "\"network\"");
        TicketView v = TicketView.of(s, POLICY, T0, created);
        assertThat(v.tier()).isEqualTo("P1");
        assertThat(v.nextMetric()).isEqualTo(Metric.RESPONSE);
        assertThat(v.nextDeadline()).isEqualTo(T0 + 15 * MIN);
        assertThat(v.timeLeftMs()).isEqualTo(15 * MIN);
        assertThat(v.open()).isTrue();
        assertThat(v.paused()).isFalse();
        assertThat(v.assignee()).isEqualTo("alice");
        assertThat(v.subject()).isEqualTo("Production down");
        assertThat(v.source()).isEqualTo("portal");
        assertThat(v.queue()).isEqualTo("Service Desk");
        assertThat(v.category()).isEqualTo("network");
        // the id is percent-encoded: a space or a slash from outside cannot change the link's path or query
        assertThat(v.ticketUrl()).isEqualTo("https://helpdesk.acme.example/Ticket/Display.html?id=INC%207%2F8");
        assertThat(TicketView.of(s, POLICY, T0 + 5 * MIN, null).timeLeftMs())
                .as("time runs on the 24x7 clock")
                .isEqualTo(10 * MIN);
        assertThat(TicketView.of(s, POLICY, T0 + 5 * MIN, null).subject())
                .as("descriptive fields come once")
                .isNull();
    }

    @Test
    void afterTheResponseTheResolutionIsNextAndAPauseFreezesItsTimeLeft() {
        TicketState s = createdP1();
        TicketSla.apply(s, event("e2", EventType.RESPONDED, T0 + 10 * MIN), POLICY, out);
        TicketView v = TicketView.of(s, POLICY, T0 + 10 * MIN, null);
        assertThat(v.nextMetric()).isEqualTo(Metric.RESOLUTION);
        assertThat(v.nextDeadline()).isEqualTo(T0 + 4 * 60 * MIN);
        assertThat(v.timeLeftMs()).isEqualTo(4 * 60 * MIN - 10 * MIN);

        TicketEvent waiting = event("e3", EventType.STATUS_CHANGED, T0 + 70 * MIN);
        waiting.status = "waiting-on-customer";
        TicketSla.apply(s, waiting, POLICY, out);
        TicketView paused = TicketView.of(s, POLICY, T0 + 70 * MIN, null);
        assertThat(paused.paused()).isTrue();
        assertThat(paused.pausedClocks()).isEqualTo(2);
        assertThat(paused.status()).isEqualTo("waiting-on-customer");
        assertThat(paused.nextMetric()).isEqualTo(Metric.RESOLUTION);
        assertThat(paused.nextDeadline()).as("no deadline while paused").isEqualTo(-1);
        assertThat(paused.timeLeftMs()).isEqualTo(4 * 60 * MIN - 70 * MIN);
        assertThat(TicketView.of(s, POLICY, T0 + 300 * MIN, null).timeLeftMs())
                .as("frozen while paused")
                .isEqualTo(4 * 60 * MIN - 70 * MIN);
    }

    @Test
    void aResolvedOrBreachedTicketHasNothingNextAndAClosedOneItsCloseTime() {
        TicketState s = createdP1();
        TicketSla.advance(s, T0 + 16 * MIN, POLICY, out); // the response breaches at 10:15
        TicketView breached = TicketView.of(s, POLICY, T0 + 16 * MIN, null);
        assertThat(breached.nextMetric())
                .as("a breached target is not at risk any more: the resolution is next")
                .isEqualTo(Metric.RESOLUTION);
        TicketSla.apply(s, event("e2", EventType.RESOLVED, T0 + 60 * MIN), POLICY, out);
        TicketView resolved = TicketView.of(s, POLICY, T0 + 60 * MIN, null);
        assertThat(resolved.open()).isFalse();
        assertThat(resolved.nextMetric()).isNull();
        assertThat(resolved.nextDeadline()).isEqualTo(-1);
        assertThat(resolved.timeLeftMs()).isEqualTo(-1);
        TicketSla.apply(s, event("e3", EventType.CLOSED, T0 + 90 * MIN), POLICY, out);
        assertThat(TicketView.of(s, POLICY, T0 + 90 * MIN, null).closedAt()).isEqualTo(T0 + 90 * MIN);
    }
}
