package io.slaflow.enforce;

import static io.slaflow.enforce.EnforcerHarness.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.slaflow.event.EventType;
import io.slaflow.event.RejectReason;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.ApplyResult;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.RetentionRules;
import io.slaflow.sla.Routing;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.TicketState;
import io.slaflow.sla.TicketView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One ticket's steps alone (rules 2 to 6, README "Enforcement rules"): no Flink, the stores in memory, the outputs
 * recorded. When a ticket is due is {@link SlaEnforcer}'s; these tests hand the steps their events directly.
 */
class TicketEnforcementTest {
    private static final PolicyVersion BASE = EnforcerHarness.defaultPolicy();
    private static final String P1_SUBJECT = "Production database down for all users";
    private static final long MONDAY_10 = at("2026-11-16T10:00:00Z");

    private final Map<String, PolicyVersion> storedVersions = new LinkedHashMap<>();
    private final PolicyRegistry policies = registry();
    private final RetentionRules retention = new RetentionRules(
            Duration.ofHours(1).toMillis(), Duration.ofDays(30).toMillis());
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final OneTombstone tombstones = new OneTombstone();
    private final WakeUpQueue wakeUps = new WakeUpQueue();
    private final RecordedOutputs out = new RecordedOutputs();
    private final TicketEnforcement enforcement =
            new TicketEnforcement(policies, retention, tickets, tombstones, wakeUps, out);
    private int eventSeq;

    @Test
    void aCreatedPinsTheVersionInForceAtItsTimeAndEmitsItsRouting() throws Exception {
        PolicyVersion v2 = new PolicyVersion(
                "v2",
                BASE.yaml.replace("version: \"default-2026.11\"", "version: \"v2\""),
                "sla-policies@0:1",
                at("2026-11-16T10:30:00Z"));
        storedVersions.put("v2", policies.offer(v2).accepted());

        applyNow(created("T1", MONDAY_10), MONDAY_10);
        long eleven = at("2026-11-16T11:00:00Z");
        applyNow(created("T2", eleven), eleven);

        assertThat(tickets.load("T1").sla.policyVersion).isEqualTo("default-2026.11");
        assertThat(tickets.load("T2").sla.policyVersion)
                .as("created after v2's effective instant")
                .isEqualTo("v2");
        assertThat(out.routings)
                .extracting(Routing::id, Routing::policyVersion, Routing::tier, Routing::classifiedAt)
                .containsExactly(
                        tuple("T1:ROUTING", "default-2026.11", "P1", MONDAY_10),
                        tuple("T2:ROUTING", "v2", "P1", eleven));
        assertThat(out.counted).containsExactly(ApplyResult.Kind.APPLIED, ApplyResult.Kind.APPLIED);
        assertThat(out.views)
                .as("a new ticket's first view carries its subject")
                .extracting(v -> v.ticketId())
                .containsExactly("T1", "T2");
        assertThat(out.deadLetters).isEmpty();
        assertThat(tickets.load("T1").wakeAt).as("woken at its first warning").isEqualTo(at("2026-11-16T10:07:30Z"));
    }

    @Test
    void aNonCreatedWithoutStateIsAnUnknownTicketWithThePlainMessage() throws Exception {
        TicketEvent reopened = event("T1", EventType.REOPENED, MONDAY_10);
        applyNow(reopened, MONDAY_10);

        assertThat(out.deadLetters)
                .containsExactly("UNKNOWN_TICKET at " + MONDAY_10 + ": ticket 'T1' has no open SLA"
                        + " state: it was never CREATED, or it was closed and purged; send its CREATED event first");
        assertThat(out.counted).isEmpty();
        assertThat(out.views).isEmpty();
        assertThat(tickets.size()).as("nothing stored for it").isZero();
        assertThat(wakeUps.size()).as("nothing scheduled for it").isZero();
    }

    @Test
    void aNonCreatedWithoutStateIsAnUnknownTicketWithItsTombstonesCause() throws Exception {
        tombstones.tombstone = new Tombstone(at("2026-11-16T12:30:00Z"), at("2026-11-16T11:30:00Z"), true);
        applyNow(event("T1", EventType.REOPENED, at("2026-11-16T12:31:00Z")), at("2026-11-16T12:31:00Z"));

        assertThat(out.deadLetters)
                .containsExactly("UNKNOWN_TICKET at " + at("2026-11-16T12:31:00Z")
                        + ": ticket 'T1' was closed at 2026-11-16T11:30:00Z, 1 h 1 min before this event, and its SLA state"
                        + " purged 1 h after the close (closed grace): a closed ticket is final; raise --closed-grace to refuse"
                        + " later events as CONFLICT instead");
        assertThat(tombstones.askedAt).as("asked for the event's time").containsExactly(at("2026-11-16T12:31:00Z"));
        assertThat(tickets.size()).isZero();
    }

    @Test
    void aSecondCreatedIsAConflictAndChangesNothing() throws Exception {
        applyNow(created("T1", MONDAY_10), MONDAY_10);
        TicketState before = tickets.load("T1").sla;
        long wakeAt = tickets.load("T1").wakeAt;

        long later = at("2026-11-16T10:01:00Z");
        applyNow(created("T1", later), later);

        assertThat(out.deadLetters).singleElement().asString().startsWith("CONFLICT at " + later + ": ");
        assertThat(tickets.load("T1").sla).isSameAs(before);
        assertThat(tickets.load("T1").wakeAt).isEqualTo(wakeAt);
        assertThat(out.routings).as("routed once").hasSize(1);
        assertThat(out.counted).containsExactly(ApplyResult.Kind.APPLIED);
    }

    @Test
    void aRepeatedEventIsIgnoredAndCounted() throws Exception {
        applyNow(created("T1", MONDAY_10), MONDAY_10);
        TicketEvent responded = event("T1", EventType.RESPONDED, at("2026-11-16T10:05:00Z"));
        applyNow(responded, responded.occurredAt);
        applyNow(responded, responded.occurredAt);

        assertThat(out.counted)
                .containsExactly(ApplyResult.Kind.APPLIED, ApplyResult.Kind.APPLIED, ApplyResult.Kind.DUPLICATE);
        assertThat(out.deadLetters).isEmpty();
    }

    @Test
    void rearmingCancelsTheWakeUpItReplaces() throws Exception {
        applyNow(created("T1", MONDAY_10), MONDAY_10);
        assertThat(queued()).containsExactly(at("2026-11-16T10:07:30Z"));

        TicketEvent responded = event("T1", EventType.RESPONDED, at("2026-11-16T10:05:00Z"));
        applyNow(responded, responded.occurredAt);

        long wakeAt = tickets.load("T1").wakeAt;
        assertThat(wakeAt)
                .as("the response warning is gone: the resolution's next instant")
                .isGreaterThan(at("2026-11-16T10:07:30Z"));
        assertThat(queued())
                .as("the old wake-up is cancelled, not left to come due")
                .containsExactly(wakeAt);
    }

    @Test
    void thePurgeWritesATombstoneAndSchedulesNothing() throws Exception {
        applyNow(created("T1", MONDAY_10), MONDAY_10);
        for (TicketEvent e : List.of(
                event("T1", EventType.RESPONDED, at("2026-11-16T10:05:00Z")),
                event("T1", EventType.RESOLVED, at("2026-11-16T11:00:00Z")),
                event("T1", EventType.CLOSED, at("2026-11-16T11:30:00Z")))) {
            applyNow(e, e.occurredAt);
        }
        long purgeAt = at("2026-11-16T12:30:00Z");
        assertThat(queued()).as("woken at the end of the closed grace").containsExactly(purgeAt);

        enforcement.wakeUp("T1", tickets.load("T1"), new TicketEvent[0], purgeAt);

        assertThat(tombstones.tombstone).isEqualTo(new Tombstone(purgeAt, at("2026-11-16T11:30:00Z"), true));
        assertThat(tickets.size()).as("the ticket's value is removed").isZero();
        assertThat(wakeUps.size()).as("nothing scheduled for the tombstone").isZero();
    }

    @Test
    void theEventsDueAtAWakeUpAreAppliedInOrderFromBothBuffers() throws Exception {
        TicketEvent created = created("T1", MONDAY_10);
        EnforcedTicket buffered = new EnforcedTicket();
        buffered.buffer(created);
        TicketEvent responded = event("T1", EventType.RESPONDED, at("2026-11-16T10:05:00Z"));
        TicketEvent notYet = event("T1", EventType.RESOLVED, at("2026-11-16T11:00:00Z"));
        buffered.buffer(notYet);

        enforcement.wakeUp("T1", buffered, new TicketEvent[] {responded}, at("2026-11-16T10:05:00Z"));

        EnforcedTicket after = tickets.load("T1");
        assertThat(after.sla).isNotNull();
        assertThat(after.pending).as("the event not yet due stays buffered").containsExactly(notYet);
        assertThat(out.counted).containsExactly(ApplyResult.Kind.APPLIED, ApplyResult.Kind.APPLIED);
        assertThat(out.deadLetters)
                .as("CREATED applied first, so RESPONDED finds the ticket")
                .isEmpty();
    }

    @Test
    void aWakeUpThatOutlivedItsTicketOrMovedDoesNothing() throws Exception {
        enforcement.wakeUp("T1", null, new TicketEvent[0], MONDAY_10);
        assertThat(tickets.size()).isZero();

        applyNow(created("T1", MONDAY_10), MONDAY_10);
        EnforcedTicket ticket = tickets.load("T1");
        int views = out.views.size();
        enforcement.wakeUp("T1", ticket, new TicketEvent[0], at("2026-11-16T10:05:00Z")); // not its wake-up
        assertThat(out.views).hasSize(views);
        assertThat(ticket.decidedUpTo).isEqualTo(MONDAY_10);
    }

    @Test
    void aLateEventBehindADecidedInstantTakesEffectThereAsACopy() throws Exception {
        applyNow(created("T1", MONDAY_10), MONDAY_10);
        long breach = at("2026-11-16T10:15:00Z");
        enforcement.wakeUp("T1", tickets.load("T1"), new TicketEvent[0], at("2026-11-16T10:07:30Z"));
        enforcement.wakeUp("T1", tickets.load("T1"), new TicketEvent[0], at("2026-11-16T10:11:15Z"));
        enforcement.wakeUp("T1", tickets.load("T1"), new TicketEvent[0], at("2026-11-16T10:13:30Z"));
        enforcement.wakeUp("T1", tickets.load("T1"), new TicketEvent[0], breach);
        assertThat(out.alerts).extracting(SlaAlert::id).endsWith("T1:RESPONSE:BREACH");

        TicketEvent late = event("T1", EventType.RESPONDED, at("2026-11-16T10:14:00Z"));
        applyNow(late, breach);

        assertThat(late.occurredAt).as("the input is left as it arrived").isEqualTo(at("2026-11-16T10:14:00Z"));
        assertThat(tickets.load("T1").sla.response.completedAt)
                .as("responded at the breach already announced")
                .isEqualTo(breach);
        assertThat(out.alerts)
                .extracting(SlaAlert::id)
                .filteredOn(id -> id.endsWith("BREACH"))
                .hasSize(1);
    }

    @Test
    void theEventsOfATicketEscalatedByTheEndOfAStepAreForwarded() throws Exception {
        applyNow(created("T1", MONDAY_10), MONDAY_10);
        TicketEvent before = event("T1", EventType.ASSIGNED, at("2026-11-16T10:30:00Z"));
        applyNow(before, before.occurredAt);
        long escalation = at("2026-11-16T10:45:00Z"); // the response breach at 10:15, its first level 30 min after
        while (tickets.load("T1").wakeAt <= escalation) {
            enforcement.wakeUp("T1", tickets.load("T1"), new TicketEvent[0], tickets.load("T1").wakeAt);
        }
        assertThat(out.escalations).extracting(Escalation::id).containsExactly("T1:RESPONSE:ESCALATION:1");

        TicketEvent after = event("T1", EventType.ASSIGNED, at("2026-11-16T10:50:00Z"));
        applyNow(after, after.occurredAt);
        assertThat(out.escalatedTicketEvents)
                .as("only those applied once it was escalated")
                .containsExactly(after);
    }

    private void applyNow(TicketEvent e, long watermark) throws Exception {
        EnforcedTicket ticket = tickets.load(e.ticketId);
        enforcement.applyNow(e.ticketId, ticket != null ? ticket : new EnforcedTicket(), e, watermark);
    }

    private TicketEvent created(String ticket, long t) {
        TicketEvent e = event(ticket, EventType.CREATED, t);
        e.subject = P1_SUBJECT;
        e.source = "portal";
        e.assignee = "first.line";
        return e;
    }

    private TicketEvent event(String ticket, EventType type, long t) {
        return new TicketEvent(ticket + "-e" + (++eventSeq), ticket, "acme", type, t);
    }

    private List<Long> queued() {
        List<Long> times = new ArrayList<>();
        wakeUps.forEach((t, ticket) -> times.add(t));
        return times;
    }

    private PolicyRegistry registry() {
        try {
            return new PolicyRegistry(BASE, new PolicyRegistry.StoredVersions() {
                @Override
                public PolicyVersion get(String version) {
                    return storedVersions.get(version);
                }

                @Override
                public Iterable<Map.Entry<String, PolicyVersion>> all() {
                    return storedVersions.entrySet();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tombstone of the one ticket a test looks at, and the event times it was asked for. */
    private final class OneTombstone implements TombstoneStore {
        Tombstone tombstone;
        final List<Long> askedAt = new ArrayList<>();

        @Override
        public Tombstone countingAt(long t) {
            askedAt.add(t);
            return tombstone != null && retention.tombstoneCountsAt(tombstone.purgedAt(), t) ? tombstone : null;
        }

        @Override
        public void write(Tombstone tombstone) {
            this.tombstone = tombstone;
        }
    }

    /** Everything decided, as it was output; dead letters as "REASON at TIME: message". */
    private static final class RecordedOutputs implements TicketOutputs {
        final List<SlaAlert> alerts = new ArrayList<>();
        final List<Escalation> escalations = new ArrayList<>();
        final List<OutcomeUpdate> outcomes = new ArrayList<>();
        final List<Routing> routings = new ArrayList<>();
        final List<TicketView> views = new ArrayList<>();
        final List<TicketEvent> escalatedTicketEvents = new ArrayList<>();
        final List<ApplyResult.Kind> counted = new ArrayList<>();
        final List<String> deadLetters = new ArrayList<>();

        @Override
        public void alert(SlaAlert alert) {
            alerts.add(alert);
        }

        @Override
        public void escalation(Escalation escalation) {
            escalations.add(escalation);
        }

        @Override
        public void outcome(OutcomeUpdate update) {
            outcomes.add(update);
        }

        @Override
        public void routing(Routing routing) {
            routings.add(routing);
        }

        @Override
        public void view(TicketView view) {
            views.add(view);
        }

        @Override
        public void escalatedTicketEvent(TicketEvent e) {
            escalatedTicketEvents.add(e);
        }

        @Override
        public void counted(ApplyResult.Kind kind) {
            counted.add(kind);
        }

        @Override
        public void deadLetter(TicketEvent e, long at, RejectReason reason, String message) {
            deadLetters.add(reason + " at " + at + ": " + message);
        }
    }
}
