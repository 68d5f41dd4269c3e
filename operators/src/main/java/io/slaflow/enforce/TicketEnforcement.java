package io.slaflow.enforce;

import io.slaflow.event.EventContent;
import io.slaflow.event.EventType;
import io.slaflow.event.RejectReason;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.sla.ApplyResult;
import io.slaflow.sla.CompiledPolicy;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.RetentionRules;
import io.slaflow.sla.Routing;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.SlaOutputs;
import io.slaflow.sla.TicketSla;
import io.slaflow.sla.TicketState;
import io.slaflow.sla.TicketView;

/**
 * What the enforcer does with one ticket whose events are due (README, "Enforcement rules"): applies them to its SLA
 * ({@link TicketSla}) in application order, lets time pass to the instant of the call, re-arms the ticket's wake-up
 * and stores it. {@link SlaEnforcer} decides <em>when</em> a ticket is due (its events held until the watermark passes
 * them, rule 1); this class decides what that changes. Free of Flink: the ticket comes loaded, and it goes to a
 * {@link TicketStore}, its tombstone to a {@link TombstoneStore}, what is decided to {@link TicketOutputs}.
 * <ul>
 *   <li><b>Rule 2, one wake-up per ticket</b>, at the next instant something is due (at-risk warning, breach,
 *       escalation level) or the ticket's purge time. Whatever satisfies a target (response, resolution) moves or
 *       removes it, so pending warnings and escalations are cancelled: each step re-arms the wake-up and cancels the
 *       one it replaces ({@link WakeUpQueue}, run by {@link SlaEnforcerOperator} as the watermark advances).</li>
 *   <li><b>Rule 3, late events.</b> An event at or behind the watermark (by at most the allowed lateness, see
 *       {@link io.slaflow.sla.Lateness}) is applied at once; if the ticket's SLA was already decided past the event's
 *       time (a breach announced, a warning sent), it takes effect at that decided instant, because what was
 *       announced cannot be taken back. That is a copy of the event ({@link TicketEvent#effectiveAt}): the input
 *       stays as it arrived.</li>
 *   <li><b>Rule 4, unknown tickets and conflicts.</b> A non-CREATED event for a ticket with no state (never created,
 *       or closed and purged) is a dead letter ({@code UNKNOWN_TICKET}; after a purge the ticket's {@link Tombstone}
 *       gives the real cause to an event before the tombstone's expiry). An event the ticket refuses (a second
 *       CREATED, an unknown priority, another event under an {@code eventId} it has seen) is a dead letter
 *       ({@code CONFLICT}). A repeated event (same id, same content) is ignored and counted.</li>
 *   <li><b>Rule 5, policy versions</b> ({@link PolicyRegistry}): a CREATED pins the version in force at its time,
 *       and the ticket's routing comes from it; every later step uses the pinned version.</li>
 *   <li><b>Rule 6, no leaks.</b> When its purge time ({@link RetentionRules}) has come the ticket's SLA state is
 *       cleared and its wake-up cancelled; what is kept is a {@link Tombstone} (when and how it ended) in a store of
 *       its own, with nothing scheduled for it. Buffered future events stay.</li>
 * </ul>
 * A ticket's view ({@link TicketView}) is output after a step that changed something it shows: an event applied, a
 * warning, breach or escalation, an outcome. The events of a ticket escalated by the end of a step are forwarded
 * ({@link TicketOutputs#escalatedTicketEvent}). Reused for every step: no per-event allocation.
 */
final class TicketEnforcement {
    private final PolicyRegistry policies;
    private final RetentionRules retention;
    private final TicketStore tickets;
    private final TombstoneStore tombstones;
    private final WakeUpQueue wakeUps;
    private final TicketOutputs out;
    /** What the SLA decides goes through this, which notes whether the ticket's view changed. */
    private final Step step = new Step();

    TicketEnforcement(
            PolicyRegistry policies,
            RetentionRules retention,
            TicketStore tickets,
            TombstoneStore tombstones,
            WakeUpQueue wakeUps,
            TicketOutputs out) {
        this.policies = policies;
        this.retention = retention;
        this.tickets = tickets;
        this.tombstones = tombstones;
        this.wakeUps = wakeUps;
        this.out = out;
    }

    /**
     * Applies an event at or behind the {@code watermark} (not too late: the caller has checked) to its ticket at once,
     * settles the ticket at the watermark and stores it.
     */
    void applyNow(String key, EnforcedTicket ticket, TicketEvent event, long watermark) throws Exception {
        step.begin();
        long content = EventContent.fingerprint(event); // what it says as it arrived, before rule 3 may move it
        // rule 3: effective at the instant already decided. A copy at that instant (rare: only a late event behind a
        // decision), so the input stays as it arrived; everything downstream of here (the SLA rules, a dead letter,
        // the escalated ticket's event) sees the event at the instant it took effect
        TicketEvent effective = event.occurredAt < ticket.decidedUpTo ? event.effectiveAt(ticket.decidedUpTo) : event;
        ticket.sla = apply(ticket, effective, content, ticket.nothingDueBefore());
        if (settle(watermark, ticket, key)) {
            out.escalatedTicketEvent(effective);
        }
    }

    /**
     * A wake-up of the ticket at {@code t}: applies its events due by then ({@code fromHeap}, taken from the heap, and
     * those due in its {@link EnforcedTicket#pending}), settles it at {@code t} and stores it. A wake-up finding
     * nothing to do (it outlived a purge, or has since moved) changes nothing.
     *
     * @param ticket the ticket as stored, or null if it has none
     */
    void wakeUp(String key, EnforcedTicket ticket, TicketEvent[] fromHeap, long t) throws Exception {
        if (ticket == null) {
            if (fromHeap.length == 0) {
                return; // a wake-up that outlived a purge: nothing left to do
            }
            ticket = new EnforcedTicket();
        }
        int fromState = ticket.dueAt(t);
        if (fromHeap.length == 0 && fromState == 0 && t != ticket.wakeAt) {
            return; // a wake-up since moved, or a second one at this time: not a moment this ticket decides anything
        }
        step.begin();
        TicketEvent[] due = EnforcedTicket.dueInOrder(ticket.pending, fromState, fromHeap);
        long nothingDueBefore = ticket.nothingDueBefore();
        for (TicketEvent e : due) {
            ticket.sla = apply(ticket, e, EventContent.fingerprint(e), nothingDueBefore);
            nothingDueBefore = Long.MIN_VALUE; // the event may have moved what is due
        }
        if (fromState > 0) {
            ticket.dropFirst(fromState);
        }
        if (settle(t, ticket, key)) {
            for (TicketEvent e : due) out.escalatedTicketEvent(e);
        }
    }

    /** Applies {@code e} (fingerprint {@code content}, as it arrived) to the ticket; returns its SLA state after. */
    private TicketState apply(EnforcedTicket ticket, TicketEvent e, long content, long nothingDueBefore)
            throws Exception {
        TicketState state = ticket.sla;
        if (state == null) {
            if (e.type != EventType.CREATED) {
                Tombstone tombstone = tombstones.countingAt(e.occurredAt);
                out.deadLetter(
                        e,
                        e.occurredAt,
                        RejectReason.UNKNOWN_TICKET,
                        tombstone != null
                                ? retention.purgedMessage(
                                        e.ticketId, e.occurredAt, tombstone.endedAt(), tombstone.endedClosed())
                                : "ticket '" + e.ticketId + "' has no open SLA state: it was never "
                                        + "CREATED, or it was closed and purged; send its CREATED event first");
                return null;
            }
            // a CREATED neither reads nor deletes the id's tombstone (no state access per ticket for the rare reuse):
            // the new ticket has SLA state until its own purge, which overwrites the tombstone, so the old one is only
            // ever read by an event dated before this CREATED, and what it says of the earlier ticket is still true
            out.counted(ApplyResult.Kind.APPLIED);
            step.created = e;
            step.changed = true;
            CompiledPolicy pinned = policies.inForceAt(e.occurredAt);
            TicketState created = TicketSla.create(e, content, pinned, step); // fingerprinted once
            out.routing(Routing.ofNewTicket(created, pinned.policy()));
            return created;
        }
        ApplyResult result =
                TicketSla.apply(state, e, content, policies.pinned(state).policy(), step, nothingDueBefore);
        if (result.kind() == ApplyResult.Kind.REJECTED) {
            out.deadLetter(e, e.occurredAt, RejectReason.CONFLICT, result.reason());
        } else {
            out.counted(result.kind());
            if (result.kind() == ApplyResult.Kind.APPLIED) {
                step.changed =
                        true; // every applied event changes what the ticket's view shows (assignee, status, clocks)
            }
        }
        return state;
    }

    /**
     * Lets time pass to {@code t} for a ticket whose events up to {@code t} are applied, re-arms its wake-up, stores it.
     * Returns whether the ticket has been escalated by then (decided before a purge forgets it).
     */
    private boolean settle(long t, EnforcedTicket ticket, String key) throws Exception {
        TicketState state = ticket.sla;
        boolean escalated = false;
        if (state != null) {
            SlaPolicy policy = policies.pinned(state).policy();
            long nextDue = TicketSla.advance(state, t, policy, step);
            if (step.changed) {
                out.view(TicketView.of(state, policy, t, step.created));
            }
            escalated = state.response.escalationsFired + state.resolution.escalationsFired > 0; // never reset
            ticket.decidedUpTo = Math.max(ticket.decidedUpTo, t);
            long purgeAt = retention.purgeAt(state);
            long wake = Math.min(nextDue, purgeAt);
            if (purgeAt <= t) {
                // rule 6; buffered future events stay (when they come due they find the tombstone: UNKNOWN_TICKET
                // with the real cause); nothing is scheduled for the tombstone, which the state TTL removes
                tombstones.write(ticket.purge(purgeAt));
                wake = Long.MAX_VALUE;
            }
            rearm(ticket, wake, key);
        }
        tickets.store(key, ticket);
        return escalated;
    }

    /**
     * Schedules the ticket's next wake-up ({@code Long.MAX_VALUE}: none) and cancels the one it replaces through the
     * ticket's handle. Without a handle (the ticket was written back and read again, or restored) the old one stays
     * queued, and when it comes due it finds {@link EnforcedTicket#wakeAt} moved and does nothing ({@link #wakeUp}).
     */
    private void rearm(EnforcedTicket ticket, long wake, String key) {
        long next = wake == Long.MAX_VALUE ? -1 : wake;
        if (next == ticket.wakeAt) {
            return;
        }
        if (ticket.wakeUp != null) {
            wakeUps.cancel(ticket.wakeUp);
        }
        ticket.wakeUp = next < 0 ? null : wakeUps.add(next, key);
        ticket.wakeAt = next;
    }

    /** The SLA's decisions on their way to the outputs, noting that each changes what the ticket's view shows. */
    private final class Step implements SlaOutputs {
        /** Something the ticket's view shows changed in this step (an event applied, a warning, breach or escalation). */
        boolean changed;
        /** The CREATED event applied in this step, whose subject and source the first view carries; else null. */
        TicketEvent created;

        void begin() {
            changed = false;
            created = null;
        }

        @Override
        public void alert(SlaAlert alert) {
            changed = true; // a warning refreshes the time left; a breach moves the next deadline
            out.alert(alert);
        }

        @Override
        public void escalation(Escalation escalation) {
            changed = true;
            out.escalation(escalation);
        }

        @Override
        public void outcome(OutcomeUpdate update) {
            changed = true;
            out.outcome(update);
        }
    }
}
