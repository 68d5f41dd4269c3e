package io.slaflow.enforce;

import static io.slaflow.enforce.EnforcerHarness.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.EventOrigin;
import io.slaflow.event.EventType;
import io.slaflow.event.RejectReason;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.Metric;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The enforcer's rules (see {@link SlaEnforcer}), on Flink's keyed-broadcast operator harness with the default policy. */
class SlaEnforcerTest {
    private static final String MONDAY_10 = "2026-11-16T10:00:00Z";
    private static final String P1_SUBJECT = "Production database down for all users";

    private EnforcerHarness h;

    @AfterEach
    void close() throws Exception {
        if (h != null) h.close();
    }

    @Test
    void anUnansweredP1WarnsBreachesAndEscalatesToTheClientsAccountDirectorOnTime() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.watermark("2026-11-16T10:44:59Z");

        assertThat(h.alerts())
                .extracting(SlaAlert::id, a -> Instant.ofEpochMilli(a.firedAt()).toString())
                .containsExactly(
                        tuple("T1:RESPONSE:WARNING:50:P1", "2026-11-16T10:07:30Z"),
                        tuple("T1:RESPONSE:WARNING:75:P1", "2026-11-16T10:11:15Z"),
                        tuple("T1:RESPONSE:WARNING:90:P1", "2026-11-16T10:13:30Z"),
                        tuple("T1:RESPONSE:BREACH", "2026-11-16T10:15:00Z"));
        assertThat(h.escalations()).isEmpty();

        h.watermark("2026-11-16T10:45:00Z");
        assertThat(h.escalations()).singleElement().satisfies(x -> {
            assertThat(x.id()).isEqualTo("T1:RESPONSE:ESCALATION:1");
            assertThat(x.role()).isEqualTo("account-director");
            assertThat(x.from()).isEqualTo("first.line");
            assertThat(x.to()).isEqualTo("dana.lee");
            assertThat(x.level()).isEqualTo(1);
            assertThat(x.firedAt()).isEqualTo(at("2026-11-16T10:45:00Z"));
            assertThat(x.reason())
                    .contains("P1 response breached at 2026-11-16T10:15:00Z")
                    .contains("30m after breach");
        });
        assertThat(latestOutcome(Metric.RESPONSE).outcome()).isEqualTo(Outcome.BREACHED);
        assertThat(latestOutcome(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.PENDING);
        assertThat(h.scheduledWakeUps())
                .as("one wake-up timer: the next resolution warning")
                .isEqualTo(1);
    }

    @Test
    void onlyTheEventsOfTicketsAlreadyEscalatedAreForwardedToTheChainsThatWatchEscalations() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT)); // escalated at 10:45 (response)
        h.send(h.created("T2", "acme", MONDAY_10, P1_SUBJECT)); // answered in time: never escalated
        TicketEvent beforeEscalation = h.event("T1", "acme", EventType.ASSIGNED, "2026-11-16T10:30:00Z");
        TicketEvent t2Responded = h.event("T2", "acme", EventType.RESPONDED, "2026-11-16T10:05:00Z");
        TicketEvent atEscalation = h.event("T1", "acme", EventType.STATUS_CHANGED, "2026-11-16T10:45:00Z");
        atEscalation.status = "in-progress";
        TicketEvent afterEscalation = h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:50:00Z");
        TicketEvent t2Later = h.event("T2", "acme", EventType.ASSIGNED, "2026-11-16T10:55:00Z");
        for (TicketEvent e : List.of(beforeEscalation, t2Responded, atEscalation, afterEscalation, t2Later)) h.send(e);
        h.watermark("2026-11-16T10:44:59Z");
        assertThat(h.escalatedTicketEvents()).as("nothing escalated yet").isEmpty();

        h.watermark("2026-11-16T11:00:00Z");
        assertThat(h.escalations()).extracting(Escalation::id).containsExactly("T1:RESPONSE:ESCALATION:1");
        assertThat(h.escalatedTicketEvents())
                .extracting(e -> e.eventId)
                .as("T1's events at and after its escalation; none of T2's, none from before")
                .containsExactly(atEscalation.eventId, afterEscalation.eventId);

        // a late event (within the allowed lateness) of the escalated ticket is forwarded too
        TicketEvent late = h.event("T1", "acme", EventType.ASSIGNED, "2026-11-16T10:59:00Z");
        h.send(late);
        assertThat(h.escalatedTicketEvents()).extracting(e -> e.eventId).endsWith(late.eventId);
    }

    @Test
    void aResponseAndResolutionCancelEveryPendingWarningAndEscalation() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.send(h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:05:00Z"));
        h.send(h.event("T1", "acme", EventType.RESOLVED, "2026-11-16T11:00:00Z"));
        h.watermark("2026-11-18T00:00:00Z");

        assertThat(h.alerts()).isEmpty();
        assertThat(h.escalations()).isEmpty();
        assertThat(latestOutcome(Metric.RESPONSE)).satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(Outcome.MET);
            assertThat(o.completedAt()).isEqualTo(at("2026-11-16T10:05:00Z"));
        });
        assertThat(latestOutcome(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.MET);
        assertThat(h.scheduledWakeUps())
                .as("only the resolved-ticket retention timer")
                .isEqualTo(1);
    }

    @Test
    void eventsArrivingOutOfOrderAreAppliedInEventTimeOrder() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        TicketEvent created = h.created("T1", "acme", MONDAY_10, P1_SUBJECT);
        TicketEvent responded = h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:05:00Z");
        h.send(responded); // arrives first, happened later
        h.send(created);
        h.watermark("2026-11-16T10:30:00Z");

        assertThat(h.deadLetters()).isEmpty();
        assertThat(latestOutcome(Metric.RESPONSE).outcome()).isEqualTo(Outcome.MET);
        assertThat(h.alerts()).isEmpty();
    }

    @Test
    void aRepeatedEventIsIgnoredAndCountedEvenWhenItArrivesLate() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        TicketEvent reopened = h.event("T1", "acme", EventType.RESOLVED, "2026-11-16T10:05:00Z");
        TicketEvent again = h.event("T1", "acme", EventType.REOPENED, "2026-11-16T10:06:00Z");
        h.send(reopened);
        h.send(again);
        h.send(h.event("T1", "acme", EventType.RESOLVED, "2026-11-16T10:08:00Z"));
        h.watermark("2026-11-16T10:09:00Z");
        // a producer retry: the same event again, read at another offset; behind the watermark, so the enforcer
        // would move it to the instant already decided (rule 3): still recognised as the same event
        TicketEvent retry = HeldEventsTest.copy(again);
        retry.origin = EventOrigin.kafka("ticket-events", 0, 99);
        h.send(retry);
        h.watermark("2026-11-16T20:00:00Z");

        assertThat(h.deadLetters()).isEmpty();
        assertThat(latestOutcome(Metric.RESOLUTION)).satisfies(o -> {
            assertThat(o.outcome()).isEqualTo(Outcome.MET);
            assertThat(o.completedAt()).isEqualTo(at("2026-11-16T10:08:00Z"));
        });
        assertThat(h.alerts()).isEmpty();
        assertThat(h.function.duplicateEvents())
                .as("the duplicate is counted (a replay's summary shows it)")
                .isEqualTo(1);
    }

    /**
     * Issue 18, item 9: a RESOLVED sent under a RESPONDED's id was dropped as a duplicate, and the ticket showed a
     * false resolution breach. Now it is a CONFLICT dead letter with its position; the first event stands.
     */
    @Test
    void anotherEventUnderAUsedIdIsAConflictWithItsPosition() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        TicketEvent responded = h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:05:00Z");
        h.send(responded);
        TicketEvent resolved = h.event("T1", "acme", EventType.RESOLVED, "2026-11-16T10:30:00Z");
        resolved.eventId = responded.eventId;
        resolved.origin = EventOrigin.file("history.jsonl", 42);
        h.send(resolved);
        h.watermark("2026-11-16T10:31:00Z");

        assertThat(h.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.CONFLICT);
            assertThat(d.message())
                    .isEqualTo("eventId '" + responded.eventId + "' was already used by another event of"
                            + " ticket T1 with different content; this RESOLVED is refused (a resend must be identical, a new"
                            + " event needs a new eventId)");
            assertThat(d.source()).isEqualTo(DeadLetter.Source.file("history.jsonl", 42));
            assertThat(d.originalText()).contains("\"type\":\"RESOLVED\"");
        });
        assertThat(latestOutcome(Metric.RESPONSE).outcome()).isEqualTo(Outcome.MET);
        assertThat(latestOutcome(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.PENDING);
    }

    @Test
    void anEventForATicketNeverCreatedIsADeadLetterAndLeavesNoState() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.event("GHOST", "acme", EventType.RESPONDED, MONDAY_10));
        h.watermark("2026-11-16T10:00:01Z");

        assertThat(h.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.UNKNOWN_TICKET);
            assertThat(d.message()).contains("GHOST").contains("never CREATED");
            assertThat(d.originalText()).contains("\"ticketId\":\"GHOST\"").contains("\"type\":\"RESPONDED\"");
            // live, it is refused at the wall clock, but files under the event's own time (its sla-dead-letters month)
            assertThat(d.recordTime()).isEqualTo(java.time.Instant.parse(MONDAY_10));
            assertThat(d.ownTime()).isEqualTo(d.recordTime());
        });
        assertThat(h.keyedStateEntries()).isZero();
        assertThat(h.scheduledWakeUps()).isZero();
    }

    @Test
    void anEventLaterThanTheAllowedLatenessIsADeadLetter() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live().withAllowedLateness(Duration.ofMinutes(5)));
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.watermark("2026-11-16T10:20:00Z");
        h.send(h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:14:59Z"));

        assertThat(h.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.LATE);
            assertThat(d.message()).contains("behind the watermark").contains("--allowed-lateness");
        });
        assertThat(latestOutcome(Metric.RESPONSE).outcome()).isEqualTo(Outcome.BREACHED);
    }

    @Test
    void aLateEventWithinTheLatenessTakesEffectAtTheInstantAlreadyDecided() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live().withAllowedLateness(Duration.ofMinutes(10)));
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.watermark("2026-11-16T10:20:00Z");
        h.send(h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:14:00Z"));

        assertThat(h.deadLetters()).isEmpty();
        assertThat(h.alerts()).extracting(SlaAlert::id).contains("T1:RESPONSE:BREACH");
        assertThat(latestOutcome(Metric.RESPONSE)).satisfies(o -> {
            assertThat(o.outcome()).as("an announced breach is final").isEqualTo(Outcome.BREACHED);
            assertThat(o.completedAt())
                    .as("the last instant decided for this ticket: its breach")
                    .isEqualTo(at("2026-11-16T10:15:00Z"));
        });
        h.watermark("2026-11-16T11:00:00Z");
        assertThat(h.escalations()).as("the response cancelled the ladder").isEmpty();
    }

    @Test
    void aLateEventBeforeAnythingWasDecidedKeepsItsOwnTime() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.watermark("2026-11-16T10:06:00Z");
        h.send(h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:03:00Z"));

        assertThat(latestOutcome(Metric.RESPONSE).completedAt()).isEqualTo(at("2026-11-16T10:03:00Z"));
    }

    /**
     * The purge clears the ticket's value and cancels its wake-up; only a tombstone is left, in a state of its own,
     * which gives a late event the real cause until two resolved retentions after the purge (event time, checked when
     * it is read) and is removed by Flink's state TTL two retentions of processing time after it was written.
     */
    @Test
    void aClosedTicketLeavesOnlyATombstoneAfterTheGracePeriodWhichCountsTwoRetentionsAndExpiresByTtl()
            throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live().withClosedGrace(Duration.ofHours(1)));
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.send(h.created("T2", "globex", MONDAY_10, "printer jam"));
        h.send(h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:05:00Z"));
        h.send(h.event("T1", "acme", EventType.STATUS_CHANGED, "2026-11-16T10:06:00Z"));
        h.send(h.event("T1", "acme", EventType.RESOLVED, "2026-11-16T11:00:00Z"));
        h.send(h.event("T1", "acme", EventType.CLOSED, "2026-11-16T11:30:00Z"));
        h.send(h.event("T2", "globex", EventType.CLOSED, "2026-11-16T11:30:00Z"));
        h.watermark("2026-11-16T12:29:59Z");
        assertThat(h.tickets())
                .as("kept during the grace period")
                .hasSize(2)
                .allSatisfy(t -> assertThat(t.sla).isNotNull());
        assertThat(h.tombstones()).isEmpty();

        h.watermark("2026-11-16T12:30:00Z");
        assertThat(h.keyedStateEntries())
                .as("the ticket values are cleared at the purge")
                .isZero();
        assertThat(h.scheduledWakeUps())
                .as("nothing scheduled for a purged ticket or its tombstone")
                .isZero();
        assertThat(h.wakeUpQueueSize()).isZero();
        assertThat(h.tombstones())
                .as("a tombstone says when and why")
                .containsOnlyKeys("T1", "T2")
                .allSatisfy((id, t) -> assertThat(t)
                        .isEqualTo(new Tombstone(at("2026-11-16T12:30:00Z"), at("2026-11-16T11:30:00Z"), true)));

        // issue 18, item 10: the dead letter gives the real cause, not "never created"
        h.send(h.event("T1", "acme", EventType.REOPENED, "2026-11-16T12:31:00Z"));
        h.watermark("2026-11-16T12:32:00Z");
        assertThat(h.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.UNKNOWN_TICKET);
            assertThat(d.message())
                    .isEqualTo("ticket 'T1' was closed at 2026-11-16T11:30:00Z, 1 h 1 min before this"
                            + " event, and its SLA state purged 1 h after the close (closed grace): a closed ticket is final;"
                            + " raise --closed-grace to refuse later events as CONFLICT instead");
        });

        // the tombstones count for events up to two resolved retentions (60 days) after the purge, not from then on
        h.send(h.event("T1", "acme", EventType.REOPENED, "2027-01-15T12:29:59Z"));
        h.send(h.event("T2", "globex", EventType.REOPENED, "2027-01-15T12:30:00Z"));
        h.watermark("2027-01-15T12:30:00Z");
        assertThat(h.deadLetters())
                .extracting(d -> d.reason() + " " + d.message())
                .containsExactly(
                        "UNKNOWN_TICKET ticket 'T1' was closed at 2026-11-16T11:30:00Z, 1 h 1 min before this event, and its SLA"
                                + " state purged 1 h after the close (closed grace): a closed ticket is final; raise --closed-grace"
                                + " to refuse later events as CONFLICT instead",
                        "UNKNOWN_TICKET ticket 'T1' was closed at 2026-11-16T11:30:00Z, 60 days before this event, and its SLA"
                                + " state purged 1 h after the close (closed grace): a closed ticket is final; raise --closed-grace"
                                + " to refuse later events as CONFLICT instead",
                        "UNKNOWN_TICKET ticket 'T2' has no open SLA state: it was never CREATED, or it was closed and purged;"
                                + " send its CREATED event first");
        assertThat(h.keyedStateEntries()).isZero();
        assertThat(h.scheduledWakeUps()).isZero();
        assertThat(h.wakeUpQueueSize())
                .as("nothing of either ticket left on the heap either")
                .isZero();

        // the bytes go by Flink's state TTL: two resolved retentions of processing time after the tombstone was written
        h.ttlClock(Duration.ofDays(60).minusMillis(1));
        assertThat(h.tombstones()).hasSize(2);
        h.ttlClock(Duration.ofDays(60));
        assertThat(h.tombstones()).isEmpty();
        assertThat(h.tombstoneStateEntries())
                .as("an expired tombstone read is removed")
                .isZero();
    }

    /**
     * Expired tombstones that nothing reads still go: Flink leaves them out of a full snapshot (the heap backend's
     * checkpoints, any savepoint), besides checking a few at each access on the heap and dropping them in RocksDB's
     * compactions, which are best effort and not asserted here.
     */
    @Test
    void expiredTombstonesAreLeftOutOfAFullSnapshotWithoutBeingRead() throws Exception {
        EnforcerSettings settings = EnforcerSettings.live().withClosedGrace(Duration.ofHours(1));
        h = new EnforcerHarness(settings);
        for (String id : List.of("T1", "T2", "T3")) {
            h.send(h.created(id, "acme", MONDAY_10, "printer jam"));
            h.send(h.event(id, "acme", EventType.CLOSED, "2026-11-16T10:30:00Z"));
        }
        h.watermark("2026-11-16T11:30:00Z");
        h.ttlClock(Duration.ofDays(59));
        h.send(h.created("L1", "acme", "2026-11-16T12:00:00Z", "printer jam"));
        h.send(h.event("L1", "acme", EventType.CLOSED, "2026-11-16T12:00:00Z"));
        h.watermark("2026-11-16T13:00:00Z");
        assertThat(h.tombstoneStateEntries()).isEqualTo(4);

        h.ttlClock(Duration.ofDays(61)); // two resolved retentions after the first three purges, not after L1's
        OperatorSubtaskState snapshot = h.snapshot();
        h.close();
        h = new EnforcerHarness(settings, snapshot);
        assertThat(h.tombstoneStateEntries())
                .as("only L1's tombstone was written to the snapshot")
                .isEqualTo(1);
        assertThat(h.tombstones()).containsOnlyKeys("L1");
    }

    @Test
    void aResolvedTicketThatIsNeverClosedIsPurgedAfterTheRetentionPeriod() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live().withResolvedRetention(Duration.ofDays(30)));
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.send(h.event("T1", "acme", EventType.RESOLVED, "2026-11-16T10:10:00Z"));
        h.watermark("2026-12-16T10:09:59Z");
        assertThat(h.tickets()).singleElement().satisfies(t -> assertThat(t.sla).isNotNull());

        h.watermark("2026-12-16T10:10:00Z");
        assertThat(h.tickets()).as("the ticket's value is gone at the purge").isEmpty();
        assertThat(h.scheduledWakeUps()).isZero();
        assertThat(h.tombstones())
                .containsExactly(
                        Map.entry("T1", new Tombstone(at("2026-12-16T10:10:00Z"), at("2026-11-16T10:10:00Z"), false)));
        h.send(h.event("T1", "acme", EventType.REOPENED, "2027-01-18T10:10:00Z"));
        h.watermark("2027-01-18T10:10:01Z");
        assertThat(h.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.UNKNOWN_TICKET);
            assertThat(d.message())
                    .isEqualTo("ticket 'T1' was resolved at 2026-11-16T10:10:00Z, 63 days before this"
                            + " event, and its SLA state purged after 30 days without a REOPENED or CLOSED (resolved retention):"
                            + " raise --resolved-retention to keep resolved tickets longer");
        });

        // purge + 60 days: the tombstone no longer counts (still in state until its TTL, which changes nothing)
        h.send(h.event("T1", "acme", EventType.CLOSED, "2027-02-14T10:09:59Z"));
        h.send(h.event("T1", "acme", EventType.REOPENED, "2027-02-14T10:10:00Z"));
        h.watermark("2027-02-14T10:10:00Z");
        assertThat(h.deadLetters())
                .extracting(DeadLetter::message)
                .hasSize(3)
                .element(1)
                .asString()
                .startsWith(
                        "ticket 'T1' was resolved at 2026-11-16T10:10:00Z, 89 days before this event"); // 1 s short of
        // 90
        assertThat(h.deadLetters())
                .extracting(DeadLetter::message)
                .element(2)
                .isEqualTo("ticket 'T1' has no open SLA"
                        + " state: it was never CREATED, or it was closed and purged; send its CREATED event first");
        assertThat(h.tombstones())
                .as("the TTL's processing time has not passed")
                .hasSize(1);
        assertThat(h.keyedStateEntries()).isZero();
        assertThat(h.scheduledWakeUps()).isZero();
        assertThat(h.wakeUpQueueSize()).isZero();
    }

    /**
     * The id of a purged ticket can start a new ticket: its tombstone does not refuse a CREATED, which neither reads
     * nor deletes it; the new ticket's own purge overwrites it.
     */
    @Test
    void aCreatedAfterThePurgeOpensANewTicket() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live().withClosedGrace(Duration.ofHours(1)));
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.send(h.event("T1", "acme", EventType.CLOSED, "2026-11-16T10:05:00Z"));
        h.watermark("2026-11-16T11:10:00Z");
        h.send(h.created("T1", "acme", "2026-11-16T12:00:00Z", P1_SUBJECT));
        h.watermark("2026-11-16T12:20:00Z");

        assertThat(h.deadLetters()).isEmpty();
        assertThat(h.alerts()).extracting(SlaAlert::id).contains("T1:RESPONSE:BREACH");
        assertThat(h.tickets())
                .singleElement()
                .satisfies(t -> assertThat(t.sla.createdAt).isEqualTo(at("2026-11-16T12:00:00Z")));
        assertThat(h.tombstones())
                .as("the earlier ticket's, untouched")
                .containsExactly(
                        Map.entry("T1", new Tombstone(at("2026-11-16T11:05:00Z"), at("2026-11-16T10:05:00Z"), true)));

        h.send(h.event("T1", "acme", EventType.CLOSED, "2026-11-16T12:30:00Z"));
        h.watermark("2026-11-16T13:30:00Z");
        assertThat(h.tombstones())
                .as("the new ticket's own")
                .containsExactly(
                        Map.entry("T1", new Tombstone(at("2026-11-16T13:30:00Z"), at("2026-11-16T12:30:00Z"), true)));
        h.send(h.event("T1", "acme", EventType.REOPENED, "2026-11-16T13:40:00Z"));
        h.watermark("2026-11-16T13:40:00Z");
        assertThat(h.deadLetters())
                .singleElement()
                .satisfies(d -> assertThat(d.message())
                        .startsWith("ticket 'T1' was closed at 2026-11-16T12:30:00Z, 1 h 10 min before this event"));
    }

    @Test
    void aReopenBeforeTheRetentionEndsKeepsTheTicket() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live().withResolvedRetention(Duration.ofDays(1)));
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.send(h.event("T1", "acme", EventType.RESOLVED, "2026-11-16T10:10:00Z"));
        h.send(h.event("T1", "acme", EventType.REOPENED, "2026-11-17T10:00:00Z"));
        h.watermark("2026-11-17T20:00:00Z");

        assertThat(h.deadLetters()).isEmpty();
        assertThat(h.alerts()).extracting(SlaAlert::id).contains("T1:RESOLUTION:BREACH");
        assertThat(latestOutcome(Metric.RESOLUTION).outcome()).isEqualTo(Outcome.BREACHED);
    }

    @Test
    void aSecondCreatedIsAConflict() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.send(h.created("T1", "acme", "2026-11-16T10:01:00Z", "again"));
        h.watermark("2026-11-16T10:02:00Z");

        assertThat(h.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.CONFLICT);
            assertThat(d.message()).contains("already created");
        });
    }

    @Test
    void aNewPolicyVersionAppliesToTicketsCreatedFromItsEffectiveTimeAndPinnedTicketsKeepTheirTerms() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        String yaml = EnforcerHarness.defaultPolicy()
                .yaml
                .replace("version: \"default-2026.11\"", "version: \"v2\"")
                .replace("response: 15m", "response: 30m");
        h.policy(new PolicyVersion("v2", yaml, "sla-policies@0:7", at("2026-11-16T10:30:00Z")));
        h.send(h.created("OLD", "acme", "2026-11-16T10:29:59Z", P1_SUBJECT));
        h.send(h.created("NEW", "acme", "2026-11-16T10:30:00Z", P1_SUBJECT));
        h.watermark("2026-11-16T11:30:00Z");

        Map<String, SlaAlert> breaches = new LinkedHashMap<>();
        h.alerts().stream()
                .filter(a -> a.kind() == SlaAlert.Kind.BREACH && a.metric() == Metric.RESPONSE)
                .forEach(a -> breaches.put(a.ticketId(), a));
        assertThat(breaches.get("OLD").firedAt()).isEqualTo(at("2026-11-16T10:44:59Z"));
        assertThat(breaches.get("OLD").policyVersion()).isEqualTo("default-2026.11");
        assertThat(breaches.get("NEW").firedAt()).isEqualTo(at("2026-11-16T11:00:00Z"));
        assertThat(breaches.get("NEW").policyVersion()).isEqualTo("v2");
    }

    @Test
    void anInvalidPolicyVersionIsADeadLetterAndChangesNothing() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        String yaml = EnforcerHarness.defaultPolicy()
                .yaml
                .replace("version: \"default-2026.11\"", "version: \"v3\"")
                .replace("role: team-lead", "role: nobody");
        h.policy(new PolicyVersion("v3", yaml, "sla-policies@0:8", at("2026-11-16T00:00:00Z")));
        String changed = EnforcerHarness.defaultPolicy().yaml.replace("response: 15m", "response: 1m");
        h.policy(new PolicyVersion("default-2026.11", changed, "sla-policies@0:9", at("2026-11-16T00:00:00Z")));
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.watermark("2026-11-16T10:16:00Z");

        assertThat(h.deadLetters())
                .extracting(DeadLetter::reason)
                .containsExactly(RejectReason.INVALID_POLICY, RejectReason.INVALID_POLICY);
        assertThat(h.deadLetters().get(0).message()).contains("unknown role 'nobody'");
        assertThat(h.deadLetters().get(1).message()).contains("already exists with different content");
        assertThat(h.deadLetters())
                .extracting(DeadLetter::ownTime)
                .as("a version's own time: its effective-from")
                .containsOnly(java.time.Instant.parse("2026-11-16T00:00:00Z"));
        assertThat(h.alerts())
                .filteredOn(a -> a.kind() == SlaAlert.Kind.BREACH)
                .singleElement()
                .satisfies(a -> assertThat(a.firedAt()).isEqualTo(at("2026-11-16T10:15:00Z")));
    }

    /** Issue 18, item 1: a version on sla-policies is refused for naming a file, which nobody reads. */
    @Test
    void aPolicyVersionNamingAFileIsRefusedWithoutReadingIt() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        String yaml = EnforcerHarness.defaultPolicy()
                .yaml
                .replace("version: \"default-2026.11\"", "version: \"v4\"")
                .replace(
                        "      mon-fri: \"09:00-17:00\"\n",
                        "      mon-fri: \"09:00-17:00\"\n    holidays: {ical: [/proc/self/environ, ../../etc/passwd.ics]}\n");
        h.policy(new PolicyVersion(null, yaml, "sla-policies@0:10", at("2026-11-16T00:00:00Z")));

        assertThat(h.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.INVALID_POLICY);
            assertThat(d.message())
                    .contains("iCal file '/proc/self/environ' cannot be read: a policy version from"
                            + " sla-policies@0:10 has no folder to read files from")
                    .contains("iCal file '../../etc/passwd.ics' cannot be read")
                    .doesNotContain("PATH=")
                    .doesNotContain("root:");
        });
    }

    @Test
    void inReplayNothingDueAfterTheAsOfInstantFires() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live().withAsOf(at("2026-11-16T10:12:00Z")));
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.harness.processWatermark(Long.MAX_VALUE); // the end of a bounded input

        assertThat(h.alerts())
                .extracting(SlaAlert::id)
                .containsExactly("T1:RESPONSE:WARNING:50:P1", "T1:RESPONSE:WARNING:75:P1");
        assertThat(latestOutcome(Metric.RESPONSE).outcome()).isEqualTo(Outcome.PENDING);
    }

    @Test
    void aP3DeadlineRunsOnTheClientsBusinessHoursAcrossTheWeekend() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        // Friday 16:00 New York (21:00Z): 1 h left on Friday, 3 h on Monday from 09:00 New York
        h.send(h.created("T3", "acme", "2026-11-20T21:00:00Z", "printer out of toner"));
        h.watermark("2026-11-23T17:00:00Z");

        assertThat(h.alerts())
                .filteredOn(a -> a.kind() == SlaAlert.Kind.BREACH)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.tier()).isEqualTo("P3");
                    assertThat(a.metric()).isEqualTo(Metric.RESPONSE);
                    assertThat(Instant.ofEpochMilli(a.firedAt())).isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
                });
    }

    @Test
    void stateAndTimersSurviveASnapshotAndRestore() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.send(h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:20:00Z")); // buffered, not yet applied
        h.watermark("2026-11-16T10:08:00Z");
        OperatorSubtaskState snapshot = h.snapshot();
        h.close();

        h = new EnforcerHarness(EnforcerSettings.live(), snapshot);
        h.watermark("2026-11-16T11:00:00Z");

        assertThat(h.alerts())
                .extracting(SlaAlert::id)
                .containsExactly("T1:RESPONSE:WARNING:75:P1", "T1:RESPONSE:WARNING:90:P1", "T1:RESPONSE:BREACH");
        assertThat(h.escalations())
                .as("the response at 10:20 arrived before the escalation at 10:45")
                .isEmpty();
        assertThat(latestOutcome(Metric.RESPONSE).completedAt()).isEqualTo(at("2026-11-16T10:20:00Z"));
    }

    @Test
    void waitingOnTheCustomerPausesResolutionAndMovesItsWarningsAndDeadline() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT));
        h.send(h.event("T1", "acme", EventType.RESPONDED, "2026-11-16T10:05:00Z"));
        h.send(status(h.event("T1", "acme", EventType.STATUS_CHANGED, "2026-11-16T10:30:00Z"), "waiting-on-customer"));
        h.send(status(h.event("T1", "acme", EventType.STATUS_CHANGED, "2026-11-16T12:30:00Z"), "in-progress"));
        h.watermark("2026-11-16T17:00:00Z");

        assertThat(h.alerts())
                .filteredOn(a -> a.metric() == Metric.RESOLUTION)
                .extracting(SlaAlert::id, a -> Instant.ofEpochMilli(a.firedAt()).toString())
                .containsExactly(
                        tuple("T1:RESOLUTION:WARNING:50:P1", "2026-11-16T14:00:00Z"),
                        tuple("T1:RESOLUTION:WARNING:75:P1", "2026-11-16T15:00:00Z"),
                        tuple("T1:RESOLUTION:WARNING:90:P1", "2026-11-16T15:36:00Z"),
                        tuple("T1:RESOLUTION:BREACH", "2026-11-16T16:00:00Z"));
        assertThat(h.escalations()).singleElement().satisfies(x -> {
            assertThat(x.metric()).isEqualTo(Metric.RESOLUTION);
            assertThat(x.firedAt()).isEqualTo(at("2026-11-16T16:30:00Z"));
        });
    }

    @Test
    void aPriorityRaisedPastItsNewTargetBreachesAtTheChangeNotInThePast() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", "2026-11-16T15:00:00Z", "printer out of toner"));
        h.send(priority(h.event("T1", "acme", EventType.PRIORITY_CHANGED, "2026-11-16T15:20:00Z"), "P1"));
        h.watermark("2026-11-16T15:20:00Z");

        assertThat(h.alerts())
                .filteredOn(a -> a.kind() == SlaAlert.Kind.BREACH)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.id()).isEqualTo("T1:RESPONSE:BREACH");
                    assertThat(a.tier()).isEqualTo("P1");
                    assertThat(a.firedAt()).isEqualTo(at("2026-11-16T15:20:00Z"));
                });
        assertThat(latestOutcome(Metric.RESPONSE).rule()).isEqualTo("priority-change");
    }

    @Test
    void aPriorityLoweredRecomputesTheDeadlineFromTheOriginalStartOnTheNewTiersCalendar() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        h.send(h.created("T1", "acme", MONDAY_10, P1_SUBJECT)); // 05:00 in New York: before business hours
        h.send(priority(h.event("T1", "acme", EventType.PRIORITY_CHANGED, "2026-11-16T10:05:00Z"), "P3"));
        h.watermark("2026-11-16T17:59:59Z");
        assertThat(h.alerts()).filteredOn(a -> a.kind() == SlaAlert.Kind.BREACH).isEmpty();

        h.watermark("2026-11-16T18:00:00Z"); // 4 business hours from 09:00 New York
        assertThat(h.alerts())
                .filteredOn(a -> a.kind() == SlaAlert.Kind.BREACH)
                .singleElement()
                .satisfies(a -> assertThat(a.firedAt()).isEqualTo(at("2026-11-16T18:00:00Z")));
    }

    @Test
    void aBusinessHoursDeadlineFollowsTheClientsClockAcrossTheDaylightSavingChange() throws Exception {
        h = new EnforcerHarness(EnforcerSettings.live());
        // Friday 16:00 EST (21:00Z); New York moves to EDT on Sunday 2026-03-08: Monday 12:00 EDT is 16:00Z, not 17:00Z
        h.send(h.created("T3", "acme", "2026-03-06T21:00:00Z", "printer out of toner"));
        h.watermark("2026-03-09T17:00:00Z");

        assertThat(h.alerts())
                .filteredOn(a -> a.kind() == SlaAlert.Kind.BREACH && a.metric() == Metric.RESPONSE)
                .singleElement()
                .satisfies(a -> assertThat(a.firedAt()).isEqualTo(at("2026-03-09T16:00:00Z")));
    }

    private static TicketEvent status(TicketEvent e, String status) {
        e.status = status;
        return e;
    }

    private static TicketEvent priority(TicketEvent e, String priority) {
        e.priority = priority;
        return e;
    }

    private OutcomeUpdate latestOutcome(Metric metric) {
        List<OutcomeUpdate> all =
                h.outcomes().stream().filter(o -> o.metric() == metric).toList();
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }
}
