package io.slaflow.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.Metric;
import io.slaflow.policy.SlaPolicy;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Scenarios of one ticket's SLA lifecycle under {@code infra/policies/default.yaml}. */
class TicketSlaTest {

    static final SlaPolicy POLICY = TestPolicy.DEFAULT;
    static final CompiledPolicy COMPILED = TestPolicy.COMPILED;

    static final long SEC = 1000L;
    static final long MIN = 60 * SEC;
    static final long HOUR = 60 * MIN;
    /** A Friday, 10:00 UTC. */
    static final long T0 = Instant.parse("2026-11-20T10:00:00Z").toEpochMilli();

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static long ny(String local) {
        return at(local, NEW_YORK);
    }

    static long at(String local, ZoneId zone) {
        return LocalDateTime.parse(local).atZone(zone).toInstant().toEpochMilli();
    }

    /** Records every output, in emission order. */
    static final class Recorder implements SlaOutputs {
        final List<SlaAlert> alerts = new ArrayList<>();
        final List<Escalation> escalations = new ArrayList<>();
        final List<OutcomeUpdate> outcomes = new ArrayList<>();
        final List<Object> all = new ArrayList<>();

        @Override
        public void alert(SlaAlert alert) {
            alerts.add(alert);
            all.add(alert);
        }

        @Override
        public void escalation(Escalation escalation) {
            escalations.add(escalation);
            all.add(escalation);
        }

        @Override
        public void outcome(OutcomeUpdate update) {
            outcomes.add(update);
            all.add(update);
        }

        List<SlaAlert> alerts(Metric m) {
            return alerts.stream().filter(a -> a.metric() == m).toList();
        }

        OutcomeUpdate last(Metric m) {
            OutcomeUpdate last = null;
            for (OutcomeUpdate u : outcomes) if (u.metric() == m) last = u;
            return last;
        }

        void clear() {
            alerts.clear();
            escalations.clear();
            outcomes.clear();
            all.clear();
        }
    }

    final Recorder out = new Recorder();

    TicketState open(String client, String priority, long at) {
        return open(client, priority, at, e -> {});
    }

    TicketState open(String client, String priority, long at, Consumer<TicketEvent> with) {
        TicketEvent e = new TicketEvent("c-1", "T-1", client, EventType.CREATED, at);
        e.priority = priority;
        e.assignee = "agent.smith";
        e.source = "portal";
        e.subject = "printer";
        with.accept(e);
        return TicketSla.create(e, COMPILED, out);
    }

    ApplyResult apply(TicketState s, String id, EventType type, long at) {
        return apply(s, id, type, at, e -> {});
    }

    ApplyResult apply(TicketState s, String id, EventType type, long at, Consumer<TicketEvent> with) {
        TicketEvent e = new TicketEvent(id, s.ticketId, s.clientId, type, at);
        with.accept(e);
        return TicketSla.apply(s, e, POLICY, out);
    }

    void advance(TicketState s, long t) {
        TicketSla.advance(s, t, POLICY, out);
    }

    static Consumer<TicketEvent> status(String status) {
        return e -> e.status = status;
    }

    static Consumer<TicketEvent> priority(String priority) {
        return e -> e.priority = priority;
    }

    static List<String> ids(List<SlaAlert> alerts) {
        return alerts.stream().map(SlaAlert::id).toList();
    }

    static List<Long> firedAt(List<SlaAlert> alerts) {
        return alerts.stream().map(SlaAlert::firedAt).toList();
    }

    // ---- creation ----

    @Test
    void createdClassifiesPinsTheVersionAndStartsBothClocks() {
        TicketState s = open("acme", "P1", T0);
        assertThat(s.tier).isEqualTo("P1");
        assertThat(s.rule).isEqualTo("explicit-priority");
        assertThat(s.policyVersion).isEqualTo("default-2026.11");
        assertThat(s.assignee).isEqualTo("agent.smith");
        assertThat(s.unlistedClient).isFalse();
        assertThat(s.response.deadline).isEqualTo(T0 + 15 * MIN);
        assertThat(s.resolution.deadline).isEqualTo(T0 + 4 * HOUR);
        assertThat(out.outcomes).hasSize(2);
        OutcomeUpdate r = out.last(Metric.RESPONSE);
        assertThat(r)
                .isEqualTo(new OutcomeUpdate(
                        "T-1",
                        "acme",
                        "P1",
                        Metric.RESPONSE,
                        T0,
                        T0 + 15 * MIN,
                        Outcome.PENDING,
                        -1,
                        -1,
                        "explicit-priority",
                        "default-2026.11",
                        false,
                        1,
                        0,
                        T0,
                        15 * MIN)); // counting from T0, against 15 min
        assertThat(out.last(Metric.RESOLUTION).deadline()).isEqualTo(T0 + 4 * HOUR);
        assertThat(out.alerts).isEmpty();
    }

    @Test
    void createRefusesAnotherEventType() {
        TicketEvent e = new TicketEvent("x", "T-1", "acme", EventType.RESPONDED, T0);
        assertThatThrownBy(() -> TicketSla.create(e, COMPILED, out)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createdInAPauseStatusStartsWithResolutionPaused() {
        TicketState s = open("acme", "P1", T0, status("Waiting-on-Customer"));
        assertThat(s.resolution.state).isEqualTo(SlaClock.PAUSED);
        assertThat(s.response.state).isEqualTo(SlaClock.RUNNING);
        assertThat(out.last(Metric.RESOLUTION).deadline()).isEqualTo(-1);
    }

    @Test
    void secondCreatedIsRejected() {
        TicketState s = open("acme", "P1", T0);
        ApplyResult r = apply(s, "c-2", EventType.CREATED, T0 + MIN);
        assertThat(r.kind()).isEqualTo(ApplyResult.Kind.REJECTED);
        assertThat(r.reason()).contains("already created");
        assertThat(s.createdAt).isEqualTo(T0);
        assertThat(s.response.deadline).isEqualTo(T0 + 15 * MIN);
    }

    @Test
    void unknownPriorityIsRejectedAndCaseIsForgiven() {
        TicketState s = open("acme", "P2", T0);
        ApplyResult r = apply(s, "p-1", EventType.PRIORITY_CHANGED, T0 + MIN, priority("P9"));
        assertThat(r.kind()).isEqualTo(ApplyResult.Kind.REJECTED);
        assertThat(r.reason()).contains("P9");
        assertThat(s.tier).isEqualTo("P2");
        assertThat(apply(s, "p-2", EventType.PRIORITY_CHANGED, T0 + 2 * MIN, priority(null))
                        .kind())
                .isEqualTo(ApplyResult.Kind.REJECTED);
        assertThat(apply(s, "p-3", EventType.PRIORITY_CHANGED, T0 + 3 * MIN, priority(" p1 ")))
                .isEqualTo(ApplyResult.APPLIED);
        assertThat(s.tier).isEqualTo("P1");
    }

    @Test
    void createdWithAnUnknownPriorityFallsBackToTheClassificationRules() {
        TicketState s = open("acme", "P9", T0, e -> e.subject = "production down");
        assertThat(s.tier).isEqualTo("P1");
        assertThat(s.rule).isEqualTo("p1-outage");
    }

    @Test
    void unlistedClientGetsTheDefaultProfileAndEveryOutputIsFlagged() {
        // Monday 2026-11-23 10:00 UTC on the default profile's business hours in UTC
        long t = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
        TicketState s = open("umbrella", "P3", t);
        assertThat(s.unlistedClient).isTrue();
        assertThat(s.response.deadline)
                .isEqualTo(Instant.parse("2026-11-23T14:00:00Z").toEpochMilli());
        assertThat(s.resolution.deadline)
                .isEqualTo(Instant.parse("2026-11-26T10:00:00Z").toEpochMilli());
        advance(s, Instant.parse("2026-11-24T09:00:00Z").toEpochMilli());
        assertThat(out.alerts).isNotEmpty().allMatch(SlaAlert::unlistedClient);
        assertThat(out.outcomes).allMatch(OutcomeUpdate::unlistedClient);
        assertThat(out.escalations).singleElement().satisfies(e -> {
            assertThat(e.to()).isEqualTo("service-desk-lead");
            assertThat(e.firedAt())
                    .isEqualTo(Instant.parse("2026-11-24T09:00:00Z").toEpochMilli());
        });
    }

    // ---- P1 warnings, breach, escalation ----

    @Test
    void p1WarningsAndBreachAtExactInstants() {
        TicketState s = open("acme", "P1", T0);
        advance(s, T0 + 15 * MIN - 1);
        assertThat(ids(out.alerts))
                .containsExactly(
                        "T-1:RESPONSE:WARNING:50:P1", "T-1:RESPONSE:WARNING:75:P1", "T-1:RESPONSE:WARNING:90:P1");
        assertThat(firedAt(out.alerts))
                .containsExactly(T0 + 7 * MIN + 30 * SEC, T0 + 11 * MIN + 15 * SEC, T0 + 13 * MIN + 30 * SEC);
        assertThat(out.alerts).extracting(SlaAlert::percent).containsExactly(50, 75, 90);
        assertThat(out.alerts)
                .allMatch(a -> a.kind() == SlaAlert.Kind.WARNING
                        && a.deadline() == T0 + 15 * MIN
                        && a.startedAt() == T0
                        && a.assignee().equals("agent.smith")
                        && a.tier().equals("P1"));
        out.clear();

        advance(s, T0 + 15 * MIN);
        assertThat(out.alerts)
                .containsExactly(new SlaAlert(
                        "T-1:RESPONSE:BREACH",
                        SlaAlert.Kind.BREACH,
                        "T-1",
                        "acme",
                        "P1",
                        Metric.RESPONSE,
                        100,
                        T0,
                        T0 + 15 * MIN,
                        T0 + 15 * MIN,
                        "agent.smith",
                        "default-2026.11",
                        false));
        OutcomeUpdate o = out.last(Metric.RESPONSE);
        assertThat(o.outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(o.breachedAt()).isEqualTo(T0 + 15 * MIN);
        assertThat(o.deadline()).isEqualTo(T0 + 15 * MIN);
        assertThat(o.revision()).isEqualTo(2);
        // a breach fires once
        advance(s, T0 + 20 * MIN);
        assertThat(out.alerts).hasSize(1);
    }

    @Test
    void responseExactlyAtTheDeadlineIsMet() {
        TicketState s = open("acme", "P1", T0);
        assertThat(apply(s, "r-1", EventType.RESPONDED, T0 + 15 * MIN)).isEqualTo(ApplyResult.APPLIED);
        advance(s, T0 + 15 * MIN);
        assertThat(out.alerts(Metric.RESPONSE)).extracting(SlaAlert::kind).containsOnly(SlaAlert.Kind.WARNING);
        OutcomeUpdate o = out.last(Metric.RESPONSE);
        assertThat(o.outcome()).isEqualTo(Outcome.MET);
        assertThat(o.completedAt()).isEqualTo(T0 + 15 * MIN);
        assertThat(o.deadline()).isEqualTo(T0 + 15 * MIN);
        assertThat(o.breachedAt()).isEqualTo(-1);
    }

    @Test
    void responseOneMillisecondLateIsBreachedAtTheDeadline() {
        TicketState s = open("acme", "P1", T0);
        apply(s, "r-1", EventType.RESPONDED, T0 + 15 * MIN + 1);
        assertThat(ids(out.alerts(Metric.RESPONSE))).last().isEqualTo("T-1:RESPONSE:BREACH");
        OutcomeUpdate o = out.last(Metric.RESPONSE);
        assertThat(o.outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(o.breachedAt()).isEqualTo(T0 + 15 * MIN);
        assertThat(o.completedAt()).isEqualTo(T0 + 15 * MIN + 1);
    }

    @Test
    void escalationThirtyMinutesAfterBreachReassignsToTheAccountDirector() {
        TicketState s = open("acme", "P1", T0);
        apply(s, "a-1", EventType.ASSIGNED, T0 + 20 * MIN, e -> e.assignee = "bob.jones");
        assertThat(s.assignee).isEqualTo("bob.jones");
        advance(s, T0 + 45 * MIN - 1);
        assertThat(out.escalations).isEmpty();
        advance(s, T0 + 45 * MIN);
        assertThat(out.escalations).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("T-1:RESPONSE:ESCALATION:1");
            assertThat(e.ticketId()).isEqualTo("T-1");
            assertThat(e.clientId()).isEqualTo("acme");
            assertThat(e.tier()).isEqualTo("P1");
            assertThat(e.metric()).isEqualTo(Metric.RESPONSE);
            assertThat(e.level()).isEqualTo(1);
            assertThat(e.role()).isEqualTo("account-director");
            assertThat(e.from()).isEqualTo("bob.jones");
            assertThat(e.to()).isEqualTo("dana.lee");
            assertThat(e.breachedAt()).isEqualTo(T0 + 15 * MIN);
            assertThat(e.firedAt()).isEqualTo(T0 + 45 * MIN);
            assertThat(e.policyVersion()).isEqualTo("default-2026.11");
            assertThat(e.reason())
                    .isEqualTo("P1 response breached at 2026-11-20T10:15:00Z; 30m after breach → account-director");
            // what the ticketing system's comment quotes: the target as written, its deadline, the breach record
            assertThat(e.target()).isEqualTo("15m");
            assertThat(e.deadline()).isEqualTo(T0 + 15 * MIN);
            assertThat(e.breachId()).isEqualTo("T-1:RESPONSE:BREACH");
            assertThat(out.alerts(Metric.RESPONSE)).extracting(SlaAlert::id).contains(e.breachId());
        });
        assertThat(s.assignee).isEqualTo("dana.lee");
        // the ladder has one level: nothing more for the response
        advance(s, T0 + 3 * HOUR);
        assertThat(out.escalations).hasSize(1);
        // later alerts carry the new owner
        assertThat(out.alerts(Metric.RESOLUTION))
                .isNotEmpty()
                .allMatch(a -> a.assignee().equals("dana.lee"));
    }

    @Test
    void resolutionCancelsPendingWarningsAndEscalations() {
        TicketState s = open("acme", "P1", T0);
        advance(s, T0 + 20 * MIN); // response breached at 15m, escalation due at 45m
        out.clear();
        apply(s, "res-1", EventType.RESOLVED, T0 + 30 * MIN);
        assertThat(TicketSla.nextDueAt(s, POLICY)).isEqualTo(Long.MAX_VALUE);
        advance(s, T0 + 24 * HOUR);
        assertThat(out.alerts).isEmpty();
        assertThat(out.escalations).isEmpty();
        assertThat(out.last(Metric.RESPONSE).outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(out.last(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.MET);
        assertThat(out.last(Metric.RESOLUTION).completedAt()).isEqualTo(T0 + 30 * MIN);
    }

    @Test
    void responseCancelsOnlyTheResponseTimers() {
        TicketState s = open("acme", "P1", T0);
        apply(s, "r-1", EventType.RESPONDED, T0 + 8 * MIN);
        assertThat(TicketSla.nextDueAt(s, POLICY)).isEqualTo(T0 + 2 * HOUR);
        advance(s, T0 + 5 * HOUR);
        assertThat(ids(out.alerts))
                .containsExactly(
                        "T-1:RESPONSE:WARNING:50:P1",
                        "T-1:RESOLUTION:WARNING:50:P1",
                        "T-1:RESOLUTION:WARNING:75:P1",
                        "T-1:RESOLUTION:WARNING:90:P1",
                        "T-1:RESOLUTION:BREACH");
        assertThat(out.escalations).extracting(Escalation::id).containsExactly("T-1:RESOLUTION:ESCALATION:1");
        assertThat(out.escalations.get(0).firedAt()).isEqualTo(T0 + 4 * HOUR + 30 * MIN);
    }

    @Test
    void nextDueAtWalksThroughEveryTimerOfAP1Ticket() {
        TicketState s = open("acme", "P1", T0);
        List<Long> due = new ArrayList<>();
        for (long n = TicketSla.nextDueAt(s, POLICY); n != Long.MAX_VALUE; n = TicketSla.nextDueAt(s, POLICY)) {
            due.add(n - T0);
            advance(s, n);
            assertThat(TicketSla.nextDueAt(s, POLICY)).isGreaterThan(n);
        }
        assertThat(due)
                .containsExactly(
                        7 * MIN + 30 * SEC,
                        11 * MIN + 15 * SEC,
                        13 * MIN + 30 * SEC,
                        15 * MIN,
                        45 * MIN,
                        2 * HOUR,
                        3 * HOUR,
                        3 * HOUR + 36 * MIN,
                        4 * HOUR,
                        4 * HOUR + 30 * MIN);
        assertThat(out.all).hasSize(2 + 8 + 2 + 2); // created outcomes, alerts, breach outcomes, escalations
    }

    // ---- pauses ----

    @Test
    void waitingOnCustomerPausesResolutionOnlyAndResumeShiftsItsDeadline() {
        TicketState s = open("acme", "P2", T0);
        apply(s, "s-1", EventType.STATUS_CHANGED, T0 + 10 * MIN, status("waiting-on-customer"));
        assertThat(s.resolution.state).isEqualTo(SlaClock.PAUSED);
        assertThat(s.response.state).isEqualTo(SlaClock.RUNNING);
        OutcomeUpdate paused = out.last(Metric.RESOLUTION);
        assertThat(paused.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(paused.deadline()).isEqualTo(-1);
        // the response keeps running: its warnings and breach fire while resolution is paused
        advance(s, T0 + 2 * HOUR);
        assertThat(ids(out.alerts))
                .containsExactly(
                        "T-1:RESPONSE:WARNING:50:P2",
                        "T-1:RESPONSE:WARNING:75:P2",
                        "T-1:RESPONSE:WARNING:90:P2",
                        "T-1:RESPONSE:BREACH");
        assertThat(out.alerts(Metric.RESPONSE).get(3).firedAt()).isEqualTo(T0 + HOUR);
        apply(s, "s-2", EventType.STATUS_CHANGED, T0 + 2 * HOUR + 10 * MIN, status("in-progress"));
        assertThat(s.resolution.deadline).isEqualTo(T0 + 10 * HOUR);
        assertThat(out.last(Metric.RESOLUTION).deadline()).isEqualTo(T0 + 10 * HOUR);
        out.clear();
        advance(s, T0 + 10 * HOUR);
        assertThat(firedAt(out.alerts(Metric.RESOLUTION)))
                .containsExactly(T0 + 6 * HOUR, T0 + 8 * HOUR, T0 + 9 * HOUR + 12 * MIN, T0 + 10 * HOUR);
    }

    @Test
    void resolvedWhileWaitingOnTheCustomerIsMet() {
        TicketState s = open("acme", "P2", T0);
        apply(s, "s-1", EventType.STATUS_CHANGED, T0 + HOUR, status("waiting-on-customer"));
        apply(s, "res-1", EventType.RESOLVED, T0 + 20 * HOUR);
        OutcomeUpdate o = out.last(Metric.RESOLUTION);
        assertThat(o.outcome()).isEqualTo(Outcome.MET);
        assertThat(o.completedAt()).isEqualTo(T0 + 20 * HOUR);
        assertThat(o.deadline()).isEqualTo(T0 + 27 * HOUR); // 7 h of the 8 h budget were left
    }

    @Test
    void movingBetweenTwoPauseStatusesKeepsThePause() {
        TicketState s = open("acme", "P2", T0);
        apply(s, "s-1", EventType.STATUS_CHANGED, T0 + 50 * MIN, status("waiting-on-customer"));
        int outcomes = out.outcomes.size();
        apply(s, "s-2", EventType.STATUS_CHANGED, T0 + 55 * MIN, status("pending-vendor"));
        assertThat(s.resolution.state).isEqualTo(SlaClock.PAUSED);
        assertThat(out.outcomes).hasSize(outcomes);
    }

    @Test
    void escalationIsHeldWhileWaitingOnTheCustomerAndFiresOnResume() {
        TicketState s = open("acme", "P1", T0);
        apply(s, "r-1", EventType.RESPONDED, T0 + MIN);
        apply(s, "s-1", EventType.STATUS_CHANGED, T0 + 4 * HOUR + 10 * MIN, status("waiting-on-customer"));
        assertThat(out.last(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(out.last(Metric.RESOLUTION).deadline()).isEqualTo(T0 + 4 * HOUR);
        advance(s, T0 + 6 * HOUR);
        assertThat(out.escalations).isEmpty();
        apply(s, "s-2", EventType.STATUS_CHANGED, T0 + 6 * HOUR, status("in-progress"));
        advance(s, T0 + 6 * HOUR);
        assertThat(out.escalations)
                .singleElement()
                .satisfies(e -> assertThat(e.firedAt()).isEqualTo(T0 + 6 * HOUR));
    }

    // ---- priority changes ----

    @Test
    void priorityUpAfterTheNewTargetPassedBreachesAtTheChangeNotInThePast() {
        long t = ny("2026-11-23T10:00"); // Monday
        TicketState s = open("acme", "P3", t);
        advance(s, t + 20 * MIN);
        assertThat(out.alerts).isEmpty();
        apply(s, "p-1", EventType.PRIORITY_CHANGED, t + 20 * MIN, priority("P1"));
        advance(s, t + 20 * MIN);
        assertThat(s.tier).isEqualTo("P1");
        assertThat(s.rule).isEqualTo(TicketSla.PRIORITY_CHANGE_RULE);
        // no warnings replayed: the target itself has passed
        assertThat(out.alerts(Metric.RESPONSE)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SlaAlert.Kind.BREACH);
            assertThat(a.firedAt()).isEqualTo(t + 20 * MIN);
            assertThat(a.deadline()).isEqualTo(t + 20 * MIN);
            assertThat(a.tier()).isEqualTo("P1");
        });
        // resolution: 4 h from the original start on 24x7
        assertThat(s.resolution.deadline).isEqualTo(t + 4 * HOUR);
        OutcomeUpdate res = out.last(Metric.RESOLUTION);
        assertThat(res.tier()).isEqualTo("P1");
        assertThat(res.rule()).isEqualTo("priority-change");
        assertThat(res.deadline()).isEqualTo(t + 4 * HOUR);
        advance(s, t + 50 * MIN);
        assertThat(out.escalations).singleElement().satisfies(e -> {
            assertThat(e.firedAt()).isEqualTo(t + 50 * MIN);
            assertThat(e.to()).isEqualTo("dana.lee");
        });
    }

    @Test
    void priorityUpWithinTheNewTargetFiresOnlyTheHighestPassedWarningOnce() {
        long t = ny("2026-11-23T10:00");
        TicketState s = open("acme", "P3", t);
        apply(s, "p-1", EventType.PRIORITY_CHANGED, t + 12 * MIN, priority("P1"));
        assertThat(s.response.deadline).isEqualTo(t + 15 * MIN);
        advance(s, t + 15 * MIN);
        assertThat(ids(out.alerts(Metric.RESPONSE)))
                .containsExactly("T-1:RESPONSE:WARNING:75:P1", "T-1:RESPONSE:WARNING:90:P1", "T-1:RESPONSE:BREACH");
        assertThat(firedAt(out.alerts(Metric.RESPONSE)))
                .containsExactly(t + 12 * MIN, t + 13 * MIN + 30 * SEC, t + 15 * MIN);
    }

    @Test
    void priorityDownMovesDeadlinesLaterAndTimeSpentCounts() {
        long t = ny("2026-11-23T10:00"); // Monday, New York
        TicketState s = open("acme", "P1", t);
        advance(s, t + 8 * MIN);
        assertThat(ids(out.alerts)).containsExactly("T-1:RESPONSE:WARNING:50:P1");
        apply(s, "p-1", EventType.PRIORITY_CHANGED, t + 8 * MIN, priority("P3"));
        // 4 business hours from the original start (8 minutes already spent), 3 business days for resolution
        assertThat(s.response.deadline).isEqualTo(ny("2026-11-23T14:00"));
        assertThat(s.resolution.deadline).isEqualTo(ny("2026-11-26T10:00"));
        assertThat(out.last(Metric.RESPONSE).deadline()).isEqualTo(ny("2026-11-23T14:00"));
        out.clear();
        advance(s, ny("2026-11-23T14:00"));
        assertThat(ids(out.alerts))
                .containsExactly(
                        "T-1:RESPONSE:WARNING:50:P3",
                        "T-1:RESPONSE:WARNING:75:P3",
                        "T-1:RESPONSE:WARNING:90:P3",
                        "T-1:RESPONSE:BREACH");
        assertThat(firedAt(out.alerts))
                .containsExactly(
                        ny("2026-11-23T12:00"), ny("2026-11-23T13:00"), ny("2026-11-23T13:36"), ny("2026-11-23T14:00"));
    }

    @Test
    void priorityChangeAfterABreachKeepsTheBreach() {
        TicketState s = open("acme", "P1", T0);
        advance(s, T0 + 20 * MIN);
        apply(s, "p-1", EventType.PRIORITY_CHANGED, T0 + 25 * MIN, priority("P2"));
        OutcomeUpdate o = out.last(Metric.RESPONSE);
        assertThat(o.outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(o.deadline()).isEqualTo(T0 + 15 * MIN);
        assertThat(o.tier()).isEqualTo("P2");
        advance(s, T0 + 10 * HOUR);
        assertThat(out.alerts)
                .filteredOn(a -> a.kind() == SlaAlert.Kind.BREACH && a.metric() == Metric.RESPONSE)
                .hasSize(1);
    }

    @Test
    void samePriorityIsANoOp() {
        TicketState s = open("acme", "P2", T0);
        int n = out.outcomes.size();
        apply(s, "p-1", EventType.PRIORITY_CHANGED, T0 + MIN, priority("P2"));
        assertThat(out.outcomes).hasSize(n);
        assertThat(s.rule).isEqualTo("explicit-priority");
    }

    @Test
    void priorityChangeWhileResolvedAppliesOnReopen() {
        TicketState s = open("acme", "P3", T0);
        apply(s, "res-1", EventType.RESOLVED, T0 + 10 * MIN);
        apply(s, "p-1", EventType.PRIORITY_CHANGED, T0 + 20 * MIN, priority("P1"));
        assertThat(out.last(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.MET);
        apply(s, "ro-1", EventType.REOPENED, T0 + HOUR);
        assertThat(s.resolution.deadline).isEqualTo(T0 + HOUR + 3 * HOUR + 50 * MIN); // P1: 4 h less 10 min spent
    }

    // ---- resolve, reopen, close ----

    @Test
    void reopenResumesResolutionWithTimeAlreadySpent() {
        TicketState s = open("acme", "P2", T0);
        apply(s, "r-1", EventType.RESPONDED, T0 + 5 * MIN);
        apply(s, "res-1", EventType.RESOLVED, T0 + 3 * HOUR, status("resolved"));
        assertThat(out.last(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.MET);
        apply(s, "ro-1", EventType.REOPENED, T0 + 5 * HOUR, status("in-progress"));
        OutcomeUpdate o = out.last(Metric.RESOLUTION);
        assertThat(o.outcome()).isEqualTo(Outcome.PENDING);
        assertThat(o.completedAt()).isEqualTo(-1);
        assertThat(o.deadline()).isEqualTo(T0 + 10 * HOUR);
        assertThat(s.response.state).isEqualTo(SlaClock.STOPPED);
        out.clear();
        advance(s, T0 + 10 * HOUR);
        assertThat(firedAt(out.alerts))
                .containsExactly(T0 + 6 * HOUR, T0 + 8 * HOUR, T0 + 9 * HOUR + 12 * MIN, T0 + 10 * HOUR);
    }

    @Test
    void reopenIntoAPauseStatusStaysPaused() {
        TicketState s = open("acme", "P2", T0);
        apply(s, "res-1", EventType.RESOLVED, T0 + HOUR);
        apply(s, "ro-1", EventType.REOPENED, T0 + 2 * HOUR, status("waiting-on-customer"));
        assertThat(s.resolution.state).isEqualTo(SlaClock.PAUSED);
        apply(s, "s-1", EventType.STATUS_CHANGED, T0 + 3 * HOUR, status("in-progress"));
        assertThat(s.resolution.deadline).isEqualTo(T0 + 10 * HOUR);
    }

    @Test
    void reopenOfAnOpenTicketChangesNothing() {
        TicketState s = open("acme", "P2", T0);
        int n = out.outcomes.size();
        assertThat(apply(s, "ro-1", EventType.REOPENED, T0 + HOUR)).isEqualTo(ApplyResult.APPLIED);
        assertThat(out.outcomes).hasSize(n);
        assertThat(s.resolution.deadline).isEqualTo(T0 + 8 * HOUR);
    }

    @Test
    void aBreachIsFinalAcrossResolveAndReopenAndTheLadderResumes() {
        TicketState s = open("acme", "P1", T0);
        apply(s, "r-1", EventType.RESPONDED, T0 + MIN);
        apply(s, "res-1", EventType.RESOLVED, T0 + 4 * HOUR + 10 * MIN); // breached at 4 h
        OutcomeUpdate resolved = out.last(Metric.RESOLUTION);
        assertThat(resolved.outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(resolved.completedAt()).isEqualTo(T0 + 4 * HOUR + 10 * MIN);
        advance(s, T0 + 5 * HOUR);
        assertThat(out.escalations).isEmpty(); // cancelled by the resolution
        apply(s, "ro-1", EventType.REOPENED, T0 + 6 * HOUR);
        assertThat(out.last(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(out.last(Metric.RESOLUTION).deadline()).isEqualTo(T0 + 4 * HOUR);
        advance(s, T0 + 6 * HOUR);
        // the ticket is breached and open again: the level whose trigger passed fires now, not in the past
        assertThat(out.escalations)
                .singleElement()
                .satisfies(e -> assertThat(e.firedAt()).isEqualTo(T0 + 6 * HOUR));
        advance(s, T0 + 30 * HOUR);
        assertThat(out.alerts)
                .filteredOn(a -> a.kind() == SlaAlert.Kind.BREACH && a.metric() == Metric.RESOLUTION)
                .hasSize(1);
        apply(s, "res-2", EventType.RESOLVED, T0 + 31 * HOUR);
        assertThat(out.last(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.BREACHED);
    }

    @Test
    void resolvedBeforeAnyResponseCountsAsTheResponse() {
        TicketState s = open("acme", "P1", T0);
        apply(s, "res-1", EventType.RESOLVED, T0 + 5 * MIN);
        assertThat(out.last(Metric.RESPONSE).outcome()).isEqualTo(Outcome.MET);
        assertThat(out.last(Metric.RESPONSE).completedAt()).isEqualTo(T0 + 5 * MIN);
    }

    @Test
    void closedStopsEverythingAndIsFinal() {
        TicketState s = open("acme", "P1", T0);
        advance(s, T0 + 8 * MIN);
        apply(s, "cl-1", EventType.CLOSED, T0 + 10 * MIN, status("closed"));
        assertThat(s.closedAt).isEqualTo(T0 + 10 * MIN);
        assertThat(TicketSla.nextDueAt(s, POLICY)).isEqualTo(Long.MAX_VALUE);
        assertThat(out.last(Metric.RESPONSE).outcome()).isEqualTo(Outcome.MET);
        assertThat(out.last(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.MET);
        out.clear();
        advance(s, T0 + 100 * HOUR);
        assertThat(out.all).isEmpty();
        ApplyResult r = apply(s, "ro-1", EventType.REOPENED, T0 + 11 * MIN);
        assertThat(r.kind()).isEqualTo(ApplyResult.Kind.REJECTED);
        assertThat(r.reason()).contains("closed");
        assertThat(s.resolution.state).isEqualTo(SlaClock.STOPPED);
        assertThat(out.all).isEmpty();
        assertThat(TicketSla.nextDueAt(s, POLICY)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void closedAfterABreachKeepsTheBreach() {
        TicketState s = open("acme", "P1", T0);
        apply(s, "cl-1", EventType.CLOSED, T0 + HOUR);
        assertThat(out.last(Metric.RESPONSE).outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(out.last(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.MET);
        // the response escalation was due at 45 m: it fired before the close at 60 m, nothing after
        assertThat(out.escalations).extracting(Escalation::firedAt).containsExactly(T0 + 45 * MIN);
        assertThat(TicketSla.nextDueAt(s, POLICY)).isEqualTo(Long.MAX_VALUE);
    }

    // ---- duplicates ----

    @Test
    void aResendOfAnEventIsIgnored() {
        TicketState s = open("acme", "P1", T0);
        assertThat(apply(s, "r-1", EventType.RESPONDED, T0 + MIN)).isEqualTo(ApplyResult.APPLIED);
        int n = out.all.size();
        assertThat(apply(s, "r-1", EventType.RESPONDED, T0 + MIN)).isEqualTo(ApplyResult.DUPLICATE);
        assertThat(out.all).hasSize(n);
    }

    /** Issue 18, item 9: a reused id with other content was dropped as a duplicate, so the RESOLVED below was lost. */
    @Test
    void anotherEventUnderAUsedIdIsRefusedAndTheFirstStands() {
        TicketState s = open("acme", "P1", T0);
        assertThat(apply(s, "r-1", EventType.RESPONDED, T0 + MIN)).isEqualTo(ApplyResult.APPLIED);
        int n = out.all.size();
        for (ApplyResult r : java.util.List.of(
                apply(s, "r-1", EventType.RESOLVED, T0 + 2 * MIN),
                apply(s, "r-1", EventType.RESPONDED, T0 + 2 * MIN),
                apply(s, "c-1", EventType.CREATED, T0 + 2 * MIN),
                apply(s, "r-1", EventType.PRIORITY_CHANGED, T0 + 3 * MIN, priority("P3")),
                apply(s, "r-1", EventType.RESPONDED, T0 + MIN, e -> e.actor = "someone else"))) {
            assertThat(r.kind()).isEqualTo(ApplyResult.Kind.REJECTED);
            assertThat(r.reason())
                    .matches(
                            "eventId '(r|c)-1' was already used by another event of ticket T-1 with"
                                    + " different content; this [A-Z_]+ is refused \\(a resend must be identical, a new event needs a new eventId\\)");
        }
        assertThat(out.all).hasSize(n);
        assertThat(s.tier).isEqualTo("P1");
        assertThat(s.resolution.completedAt).isNegative();
    }

    @Test
    void theDuplicateRingForgetsAfter32Ids() {
        TicketState s = open("acme", "P3", T0);
        for (int i = 1; i <= 31; i++) {
            assertThat(apply(s, "a-" + i, EventType.ASSIGNED, T0 + i, e -> e.assignee = "x"))
                    .isEqualTo(ApplyResult.APPLIED);
        }
        // 32 ids remembered: a resend is a duplicate, other content under one of them is refused
        assertThat(apply(s, "c-1", EventType.ASSIGNED, T0 + 40).kind()).isEqualTo(ApplyResult.Kind.REJECTED);
        assertThat(apply(s, "a-31", EventType.ASSIGNED, T0 + 31, e -> e.assignee = "x"))
                .isEqualTo(ApplyResult.DUPLICATE);
        assertThat(s.seen).hasSize(TicketState.SEEN_CAPACITY);
        // the 33rd id evicts the oldest (the CREATED event's)
        assertThat(apply(s, "a-32", EventType.ASSIGNED, T0 + 41, e -> e.assignee = "y"))
                .isEqualTo(ApplyResult.APPLIED);
        assertThat(apply(s, "a-1", EventType.ASSIGNED, T0 + 1, e -> e.assignee = "x"))
                .isEqualTo(ApplyResult.DUPLICATE);
        assertThat(apply(s, "c-1", EventType.ASSIGNED, T0 + 43, e -> e.assignee = "z"))
                .isEqualTo(ApplyResult.APPLIED);
        assertThat(s.assignee).isEqualTo("z");
        assertThat(s.seen).hasSize(TicketState.SEEN_CAPACITY);
    }

    @Test
    void theDuplicateRingGrowsOnlyWhenFull() {
        TicketState s = open("acme", "P3", T0);
        for (int i = 1; i <= 5; i++) apply(s, "a-" + i, EventType.ASSIGNED, T0 + i, e -> e.assignee = "x");
        assertThat(s.seenCount).isEqualTo(6);
        assertThat(s.seen).hasSize(8);
    }

    // ---- P3 on the client's business hours ----

    @Test
    void p3DeadlinesSpanTheWeekendForAcmeInNewYork() {
        long t = ny("2026-11-20T15:00"); // Friday
        TicketState s = open("acme", "P3", t);
        assertThat(s.response.deadline).isEqualTo(ny("2026-11-23T11:00"));
        assertThat(s.resolution.deadline).isEqualTo(ny("2026-11-25T15:00"));
        advance(s, ny("2026-11-23T11:00"));
        // 50 % is used up at Friday's close and exceeded at Monday's opening, when the clock counts again
        assertThat(firedAt(out.alerts))
                .containsExactly(
                        ny("2026-11-23T09:00"), ny("2026-11-23T10:00"), ny("2026-11-23T10:36"), ny("2026-11-23T11:00"));
    }

    @Test
    void p3CreatedOnASaturdayCountsFromMondaysOpening() {
        TicketState s = open("acme", "P3", ny("2026-11-21T12:00"));
        assertThat(s.response.deadline).isEqualTo(ny("2026-11-23T13:00"));
        // 3 business days from Monday's opening are used up at Wednesday's close: met until Thursday's opening
        assertThat(s.resolution.deadline).isEqualTo(ny("2026-11-26T09:00"));
    }

    @Test
    void p3AcrossTheUsDstChange() {
        TicketState s = open("acme", "P3", ny("2026-03-06T15:00")); // Friday, EST (UTC-5)
        assertThat(Instant.ofEpochMilli(s.response.deadline))
                .isEqualTo(Instant.parse("2026-03-09T15:00:00Z")); // Mon 11:00 EDT
        assertThat(Instant.ofEpochMilli(s.resolution.deadline))
                .isEqualTo(Instant.parse("2026-03-11T19:00:00Z")); // Wed 15:00 EDT
    }

    @Test
    void p3AcrossTheEuDstChangeForInitechInLondon() {
        TicketState s = open("initech", "P3", at("2026-03-27T15:00", LONDON)); // Friday, GMT
        assertThat(Instant.ofEpochMilli(s.response.deadline))
                .isEqualTo(Instant.parse("2026-03-30T10:00:00Z")); // Mon 11:00 BST
        assertThat(Instant.ofEpochMilli(s.resolution.deadline))
                .isEqualTo(Instant.parse("2026-04-01T14:00:00Z")); // Wed 15:00 BST
        advance(s, s.response.deadline);
        assertThat(out.alerts(Metric.RESPONSE))
                .last()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(SlaAlert.Kind.BREACH));
    }

    @Test
    void p3EscalatesAtTheStartOfTheNextBusinessDayInTheClientsZone() {
        TicketState s = open("acme", "P3", ny("2026-11-20T11:00")); // Friday
        advance(s, ny("2026-11-20T15:00"));
        assertThat(out.alerts(Metric.RESPONSE)).last().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(SlaAlert.Kind.BREACH);
            assertThat(a.firedAt()).isEqualTo(ny("2026-11-20T15:00"));
        });
        assertThat(TicketSla.nextDueAt(s, POLICY)).isEqualTo(ny("2026-11-23T09:00"));
        advance(s, ny("2026-11-23T09:00"));
        assertThat(out.escalations).singleElement().satisfies(e -> {
            assertThat(e.firedAt()).isEqualTo(ny("2026-11-23T09:00"));
            assertThat(e.role()).isEqualTo("team-lead");
            assertThat(e.from()).isEqualTo("agent.smith");
            assertThat(e.to()).isEqualTo("sam.ortiz");
            assertThat(e.reason()).contains("next business day after breach");
        });
        assertThat(s.assignee).isEqualTo("sam.ortiz");
    }

    @Test
    void p3ForGlobexRunsOnManilaHours() {
        TicketState s = open("globex", "P3", at("2026-11-23T09:00", ZoneId.of("Asia/Manila")));
        assertThat(s.response.deadline).isEqualTo(at("2026-11-23T13:00", ZoneId.of("Asia/Manila")));
    }
}
