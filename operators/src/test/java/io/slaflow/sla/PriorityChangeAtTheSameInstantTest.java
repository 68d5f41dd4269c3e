package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.Metric;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A priority change that puts a target's counted time over its new target breaches it at the change, and an event at
 * that same instant after the change (a pause, the response itself) finds it breached: met means counted time at most
 * the target, and this much was already counted. The contract simulator's sweep found both: the breach used to wait
 * for the end of the instant, so a response at it was MET and a pause at it cleared the breach for good.
 */
class PriorityChangeAtTheSameInstantTest {
    private static final long MIN = 60_000L;
    private static final long HOUR_MS = 60 * MIN;
    private static final long T0 = Instant.parse("2026-11-16T14:00:00Z").toEpochMilli(); // 09:00 in New York, a Monday

    private final List<OutcomeUpdate> outcomes = new ArrayList<>();
    private final List<SlaAlert> breaches = new ArrayList<>();
    private final SlaOutputs out = new SlaOutputs() {
        @Override
        public void alert(SlaAlert a) {
            if (a.kind() == SlaAlert.Kind.BREACH) breaches.add(a);
        }

        @Override
        public void escalation(Escalation x) {}

        @Override
        public void outcome(OutcomeUpdate u) {
            outcomes.add(u);
        }
    };
    private int n;

    @Test
    void aResponseAtTheChangeThatPutItOverItsTargetIsBreached() {
        TicketState s = created("P3"); // 4 business hours to respond
        at(
                s,
                T0 + 20 * MIN,
                event(EventType.PRIORITY_CHANGED, T0 + 20 * MIN, null, "P1"), // 15m: 20 min counted
                event(EventType.RESPONDED, T0 + 20 * MIN, null, null));
        OutcomeUpdate response = last(Metric.RESPONSE);
        assertThat(response.outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(response.breachedAt()).isEqualTo(T0 + 20 * MIN).isEqualTo(response.deadline());
        assertThat(response.countedMs()).isEqualTo(20 * MIN);
        assertThat(breaches).extracting(SlaAlert::id).containsExactly("T:RESPONSE:BREACH");
    }

    @Test
    void aPauseAtTheChangeThatPutItOverItsTargetDoesNotUndoTheBreach() {
        TicketState s = created("P3");
        at(s, T0 + 5 * MIN, event(EventType.RESPONDED, T0 + 5 * MIN, null, null));
        long change = T0 + 5 * 60 * MIN; // 5 h counted on P1's 24x7 clock; its resolution target is 4 h
        at(
                s,
                change,
                event(EventType.PRIORITY_CHANGED, change, null, "P1"),
                event(EventType.STATUS_CHANGED, change, "waiting-on-customer", null));
        at(s, change + 30 * MIN, event(EventType.RESOLVED, change + 30 * MIN, "resolved", null));
        OutcomeUpdate resolution = last(Metric.RESOLUTION);
        assertThat(resolution.outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(resolution.breachedAt()).isEqualTo(change);
        assertThat(resolution.countedMs()).as("paused from the change on").isEqualTo(5 * 60 * MIN);
        assertThat(last(Metric.RESPONSE).outcome()).isEqualTo(Outcome.MET);
    }

    @Test
    void aReopenOverTheTargetAPriorityChangeGaveItWhileResolvedIsBreachedAtTheReopen() {
        TicketState s = created("P3");
        at(s, T0 + 5 * MIN, event(EventType.RESPONDED, T0 + 5 * MIN, null, null));
        long resolved = T0 + 5 * 60 * MIN;
        at(s, resolved, event(EventType.RESOLVED, resolved, "resolved", null)); // 5 h: well within 3 business days
        // P1 resolves in 4 h on 24x7: the resolved clock takes it (its MET stands) and is over it once reopened
        at(
                s,
                resolved,
                event(EventType.PRIORITY_CHANGED, resolved, null, "P1"),
                event(EventType.REOPENED, resolved, "waiting-on-customer", null));
        at(s, resolved + HOUR_MS, event(EventType.RESOLVED, resolved + HOUR_MS, "resolved", null));
        OutcomeUpdate resolution = last(Metric.RESOLUTION);
        assertThat(resolution.outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(resolution.breachedAt()).isEqualTo(resolved);
        assertThat(resolution.tier()).isEqualTo("P1");
    }

    @Test
    void aTargetUsedUpExactlyAtTheChangeIsMetByAResponseAtIt() {
        TicketState s = created("P3");
        at(
                s,
                T0 + 15 * MIN,
                event(EventType.PRIORITY_CHANGED, T0 + 15 * MIN, null, "P1"), // 15 min counted of 15m
                event(EventType.RESPONDED, T0 + 15 * MIN, null, null));
        assertThat(last(Metric.RESPONSE).outcome()).isEqualTo(Outcome.MET);
        assertThat(breaches).isEmpty();
    }

    private TicketState created(String priority) {
        TicketEvent c = new TicketEvent("e0", "T", "acme", EventType.CREATED, T0);
        c.priority = priority;
        TicketState s = TicketSla.create(c, TestPolicy.COMPILED, out);
        TicketSla.advance(s, T0, TestPolicy.DEFAULT, out);
        return s;
    }

    /** Applies events of one instant in order, then lets that instant pass, as the enforcer does. */
    private void at(TicketState s, long t, TicketEvent... events) {
        for (TicketEvent e : events) {
            assertThat(TicketSla.apply(s, e, TestPolicy.DEFAULT, out)).isEqualTo(ApplyResult.APPLIED);
        }
        TicketSla.advance(s, t, TestPolicy.DEFAULT, out);
    }

    private TicketEvent event(EventType type, long t, String status, String priority) {
        TicketEvent e = new TicketEvent("e" + (++n), "T", "acme", type, t);
        e.status = status;
        e.priority = priority;
        return e;
    }

    private OutcomeUpdate last(Metric m) {
        OutcomeUpdate last = null;
        for (OutcomeUpdate u : outcomes) if (u.metric() == m) last = u;
        return last;
    }
}
