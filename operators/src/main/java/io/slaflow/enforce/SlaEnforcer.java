package io.slaflow.enforce;

import io.slaflow.streams.OutputTags;

import io.slaflow.event.EventContent;
import io.slaflow.event.EventType;
import io.slaflow.event.RejectReason;
import io.slaflow.event.TicketEvent;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.sla.ApplyResult;
import io.slaflow.sla.CompiledPolicy;
import io.slaflow.sla.Lateness;
import io.slaflow.sla.RetentionRules;
import io.slaflow.sla.Routing;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.TicketSla;
import io.slaflow.sla.TicketState;
import io.slaflow.sla.TicketView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.KeyContext;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the SLA of every ticket: keyed by {@code ticketId}, one {@link TicketState} per open ticket, woken in
 * event time by the watermark. The SLA rules themselves are in {@link TicketSla}; this function decides <em>when</em> they
 * run. Its rules (README, "Enforcement rules"):
 * <ol>
 *   <li><b>Event-time order.</b> An event is buffered until the watermark passes its time, then applied; events of
 *       one ticket are therefore applied in event-time order however they arrived. Events with the same time are
 *       applied CREATED first, then in arrival order. Buffered events wait on the heap ({@link HeldEvents}) and,
 *       beyond its capacity, in the ticket's keyed state ({@link EnforcedTicket#pending}).</li>
 *   <li><b>One wake-up per ticket</b>, at the next instant something is due (at-risk warning, breach, escalation
 *       level) or the ticket's purge time. Whatever satisfies a target (response, resolution) moves or removes it, so
 *       pending warnings and escalations are cancelled. Wake-ups and held events come due in a queue of the
 *       enforcer's own ({@link WakeUpQueue}), which {@link SlaEnforcerOperator} runs when the watermark advances,
 *       just as Flink runs its timers (which this function does not use: they cost a third of its time).</li>
 *   <li><b>Late events.</b> An event at or behind the watermark by at most the allowed lateness is applied at
 *       once; if the ticket's SLA was already decided past the event's time (a breach announced, a warning sent),
 *       it takes effect at that decided instant, because what was announced cannot be taken back. Further behind
 *       than the allowed lateness, it is a dead letter ({@code LATE}).</li>
 *   <li><b>Unknown tickets.</b> A non-CREATED event for a ticket with no state (never created, or closed and purged)
 *       is a dead letter ({@code UNKNOWN_TICKET}; after a purge the ticket's {@link Tombstone} gives the real cause
 *       to an event before the tombstone's expiry). An event
 *       the ticket refuses (a second CREATED, an unknown priority, another event under an {@code eventId} it has seen)
 *       is a dead letter ({@code CONFLICT}). A repeated event (same id, same content) is ignored and counted.
 *       Enforcer dead letters carry the record's source position, and in a replay their time is event time.</li>
 *   <li><b>Policy versions.</b> The policy given at start is the base version; versions arriving on the broadcast
 *       input ({@code sla-policies}) apply to tickets created at or after their {@code effectiveFrom}. A ticket
 *       keeps the version in force at its creation. An invalid or conflicting version is a dead letter
 *       ({@code INVALID_POLICY}) and changes nothing.</li>
 *   <li><b>No leaks.</b> A CLOSED ticket is purged after the grace period; a resolved ticket that is never closed
 *       after the resolved-retention period. The purge clears the ticket's value and cancels its wake-up; what is
 *       kept is a {@link Tombstone} (when and how it ended) in a state of its own, which speaks for events up to two
 *       resolved retentions after the purge and is then removed by Flink's state TTL, with nothing scheduled for it.</li>
 *   <li><b>Replay as-of.</b> Nothing due after the as-of instant fires; open targets stay PENDING.</li>
 * </ol>
 * Outputs: warnings and breaches on the main output; escalations, outcome updates, dead letters, the routing of each
 * new ticket ({@link OutputTags#ROUTING}) and the events of escalated tickets ({@link OutputTags#ESCALATED_TICKET_EVENTS})
 * on side outputs ({@link EnforcerOutputs}).
 *
 * <p>This function holds the events ahead of the watermark, schedules each ticket's wake-up and routes what is decided;
 * the rules it applies are elsewhere, each tested on its own: the SLA rules in {@link TicketSla}, the lateness of an
 * event (rule 3) in {@link Lateness}, policy versions (rule 5) in {@link PolicyRegistry}, the purge and what a
 * tombstone says (rule 6) in {@link RetentionRules}; a ticket is kept in a {@link TicketStore} (keyed state and, on
 * RocksDB, its write-back cache) and its tombstone in {@link Tombstones}. It changes none of its inputs: an event
 * moved by rule 3 and a version stored under its id are copies.
 */
public class SlaEnforcer extends KeyedBroadcastProcessFunction<String, TicketEvent, PolicyVersion, SlaAlert>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SlaEnforcer.class);

    /** The keyed state of the tickets' values ({@link EnforcedTicket}). */
    private static final String TICKET_STATE = "ticket";

    /** Policy versions received at run time, by version id. */
    public static final MapStateDescriptor<String, PolicyVersion> POLICIES =
            new MapStateDescriptor<>("sla-policies", Types.STRING, TypeInformation.of(PolicyVersion.class));

    /**
     * Events held on the heap per subtask before the rest wait in keyed state (see {@link HeldEvents}): at about
     * 1 KB each (subject and description included) some 50 MB, far more than a live stream's out-of-orderness bound
     * ever holds; a replay of a file with days of disorder spills the excess to RocksDB instead of the heap.
     * {@code slaflow run --held-events} sets it.
     */
    public static final int DEFAULT_MAX_HELD_EVENTS = 50_000;

    /**
     * Tickets a subtask keeps as objects in front of RocksDB ({@link TicketCache}): at about 1 KB each some 50 MB of
     * heap. Every open ticket and every resolved one within its retention counts while it is touched; a cache
     * smaller than that working set writes and reads the evicted ones again (BENCHMARKS.md: 20,000 instead of
     * 100,000 cost a fifth of the throughput on a subtask holding ~13,000 tickets). {@code slaflow run --ticket-cache}
     * sets it.
     */
    public static final int DEFAULT_CACHED_TICKETS = 50_000;

    /** Accumulators (job results) counting the events applied and the repeats ignored. */
    public static final String APPLIED_ACCUMULATOR = "sla-events-applied";
    public static final String DUPLICATES_ACCUMULATOR = "sla-duplicate-events";

    private final PolicyVersion basePolicy;
    private final EnforcerSettings settings;
    private final int maxHeldEvents;
    private final int cachedTickets;

    /** How far behind the watermark an event may arrive (rule 3). */
    private transient Lateness lateness;
    /** When ended tickets are purged and what their tombstones say ({@link EnforcerSettings}' periods). */
    private transient RetentionRules retention;
    /** Each ticket's value: keyed state, on RocksDB behind a write-back cache. */
    private transient KeyedTicketStore tickets;
    /** Purged tickets' tombstones: written at the purge, read only by an event that finds no SLA state. */
    private transient Tombstones tombstones;
    /** Set by {@link SlaEnforcerOperator} on RocksDB; null: every access goes to state. */
    private transient KeyContext keys;
    private transient HeldEvents held;
    /** When to look at which ticket again: held events coming due and each ticket's wake-up. */
    private transient WakeUpQueue wakeUps;
    private transient ListState<TicketEvent> heldCheckpoint;
    /** The policy versions, compiled once, over the broadcast state that checkpoints them. */
    private transient PolicyRegistry policies;
    private transient PolicyRegistry.StoredVersions storedPolicies;
    /** The outputs of the current call, and the counts of what was decided. */
    private transient EnforcerOutputs outputs;

    /**
     * @param basePolicy the policy validated at job start; in force for every ticket until a newer version
     * @param settings   time rules and the heap sizes ({@link EnforcerSettings#maxHeldEvents},
     *                   {@link EnforcerSettings#cachedTickets})
     */
    public SlaEnforcer(PolicyVersion basePolicy, EnforcerSettings settings) {
        this.basePolicy = basePolicy;
        this.settings = settings;
        this.maxHeldEvents = settings.maxHeldEvents();
        this.cachedTickets = settings.cachedTickets();
    }

    /**
     * Called by {@link SlaEnforcerOperator} before {@link #open} when the keyed state backend is RocksDB, which
     * serializes on write: tickets are then cached and written back, switching the operator's current key to write an evicted
     * one and to flush before a checkpoint.
     */
    void writeBackThrough(KeyContext operatorKeys) {
        this.keys = operatorKeys;
    }

    /**
     * Restores the held events: union list state, so after a change of parallelism every subtask sees them all and
     * keeps those of the tickets (key groups) it now owns, and schedules them.
     */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        // the broadcast state the operator hands its contexts (the backend keeps one per name), read by the registry
        storedPolicies = new BroadcastVersions(context.getOperatorStateStore().getBroadcastState(POLICIES));
        held = new HeldEvents(maxHeldEvents);
        wakeUps = new WakeUpQueue();
        heldCheckpoint = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("held-events", TypeInformation.of(TicketEvent.class)));
        if (context.isRestored()) {
            TaskInfo task = getRuntimeContext().getTaskInfo();
            for (TicketEvent e : heldCheckpoint.get()) {
                if (KeyGroupRangeAssignment.assignKeyToParallelOperator(e.ticketId, task.getMaxNumberOfParallelSubtasks(),
                        task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask()) {
                    held.restore(e.ticketId, e);
                    wakeUps.add(e.occurredAt, e.ticketId);
                }
            }
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        tickets.flush(); // before the keyed state backend takes its snapshot (Flink snapshots the function first)
        heldCheckpoint.clear();
        if (held.size() > 0) {
            List<TicketEvent> all = new ArrayList<>(held.size());
            held.forEach(all::add);
            heldCheckpoint.update(all);
        }
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        tickets = new KeyedTicketStore(getRuntimeContext().getState(
                new ValueStateDescriptor<>(TICKET_STATE, EnforcedTicketSerializer.INSTANCE)), keys, cachedTickets);
        lateness = new Lateness(settings.allowedLatenessMs());
        retention = new RetentionRules(settings.closedGraceMs(), settings.resolvedRetentionMs());
        tombstones = new Tombstones(getRuntimeContext().getState(tombstoneState(settings.resolvedRetentionMs())), retention);
        // validated at job start: a failure here is a bug, so let it fail the task
        policies = new PolicyRegistry(basePolicy, storedPolicies);
        outputs = new EnforcerOutputs(getRuntimeContext(), settings);
        var metrics = getRuntimeContext().getMetricGroup();
        metrics.gauge("slaHeldEvents", () -> held.size());
        metrics.gauge("slaWakeUps", () -> wakeUps.size());
        metrics.gauge("slaCachedTickets", this::cachedTickets);
    }

    /**
     * Schedules every ticket in keyed state again (the wake-up queue is not checkpointed: keyed state holds each
     * ticket's wake-up and the events it buffered). Called by {@link SlaEnforcerOperator} once the state is open,
     * under each ticket's key in turn; one pass over the subtask's tickets, logged with its count and time, which also
     * moves the tombstones of an earlier state format to their own state ({@link RestoredTickets}).
     */
    void rescheduleRestored(KeyedStateBackend<String> backend) throws Exception {
        new RestoredTickets(tickets, tombstones, wakeUps).reschedule(backend, TICKET_STATE);
    }

    /** The wake-up queue the operator runs as the watermark advances. */
    WakeUpQueue wakeUps() {
        return wakeUps;
    }

    /** Events held on the heap (tests). */
    HeldEvents held() {
        return held;
    }

    /** The current key's ticket as the enforcer sees it, through its cache (tests). */
    EnforcedTicket currentTicket(String key) throws Exception {
        return tickets.load(key);
    }

    /** The current key's tombstone as Flink's TTL shows it (null once expired), whether it counts or not (tests). */
    Tombstone currentTombstone() throws Exception {
        return tombstones.current();
    }

    // ---- input ----

    @Override
    public void processElement(TicketEvent event, ReadOnlyContext ctx, Collector<SlaAlert> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long t = event.occurredAt;
        if (t > settings.asOfMs()) {
            return; // rule 7: after the as-of instant (replay counts these in its summary)
        }
        outputs.bind(out, ctx);
        if (lateness.isTooLate(t, watermark)) {
            outputs.deadLetter(event, watermark, RejectReason.LATE, lateness.tooLateMessage(t, watermark));
            return;
        }
        if (t > watermark) {
            wakeUps.add(t, ctx.getCurrentKey());
            if (!held.offer(ctx.getCurrentKey(), event)) {
                EnforcedTicket ticket = orNew(tickets.load(ctx.getCurrentKey()));
                ticket.buffer(event);
                tickets.store(ctx.getCurrentKey(), ticket);
            }
            return;
        }
        EnforcedTicket ticket = orNew(tickets.load(ctx.getCurrentKey()));
        long content = EventContent.fingerprint(event); // what it says as it arrived, before rule 3 may move it
        // rule 3: effective at the instant already decided. A copy at that instant (rare: only a late event behind a
        // decision), so the input stays as it arrived; everything downstream of here (the SLA rules, a dead letter,
        // the escalated ticket's event) sees the event at the instant it took effect
        TicketEvent effective = t < ticket.decidedUpTo ? event.effectiveAt(ticket.decidedUpTo) : event;
        ticket.sla = apply(ticket, effective, content, ticket.nothingDueBefore());
        if (settle(watermark, ticket, ctx)) {
            outputs.escalatedTicketEvent(effective);
        }
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<SlaAlert> out) throws Exception {
        if (t > settings.asOfMs()) {
            return; // rule 7
        }
        TicketEvent[] fromHeap = held.takeDue(ctx.getCurrentKey(), t);
        EnforcedTicket ticket = tickets.load(ctx.getCurrentKey());
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
        outputs.bind(out, ctx);
        TicketEvent[] due = EnforcedTicket.dueInOrder(ticket.pending, fromState, fromHeap);
        long nothingDueBefore = ticket.nothingDueBefore();
        for (TicketEvent e : due) {
            ticket.sla = apply(ticket, e, EventContent.fingerprint(e), nothingDueBefore);
            nothingDueBefore = Long.MIN_VALUE; // the event may have moved what is due
        }
        if (fromState > 0) {
            ticket.dropFirst(fromState);
        }
        if (settle(t, ticket, ctx)) {
            for (TicketEvent e : due) outputs.escalatedTicketEvent(e);
        }
    }

    /** Repeats ignored so far on this subtask (tests; the job's total is the {@link #DUPLICATES_ACCUMULATOR}). */
    long duplicateEvents() {
        return outputs.duplicateEvents();
    }

    /** Events held on this subtask's heap (tests, the {@code slaHeldEvents} gauge). */
    int heldEvents() {
        return held.size();
    }

    /** Tickets cached as objects on this subtask (0 on the heap backend; tests, the {@code slaCachedTickets} gauge). */
    int cachedTickets() {
        return tickets.cached();
    }

    private static EnforcedTicket orNew(EnforcedTicket ticket) {
        return ticket != null ? ticket : new EnforcedTicket();
    }

    /** Rule 5: the registry decides on the version; an accepted one is stored in broadcast state under its id. */
    @Override
    public void processBroadcastElement(PolicyVersion version, Context ctx, Collector<SlaAlert> out) throws Exception {
        boolean reporter = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0; // one dead letter, not N
        PolicyRegistry.Verdict verdict = policies.offer(version);
        if (!verdict.isAccepted()) {
            LOG.error("Refused {}: {}", version, verdict.refusal());
            if (reporter) {
                ctx.output(OutputTags.DEAD_LETTERS, outputs.policyDeadLetter(version, verdict.refusal()));
            }
            return;
        }
        PolicyVersion accepted = verdict.accepted();
        ctx.getBroadcastState(POLICIES).put(accepted.version, accepted);
        if (reporter) {
            LOG.info("Policy {} is in force for tickets created {}", accepted.version,
                    accepted.effectiveFrom == Long.MIN_VALUE ? "at any time" : "from " + Instant.ofEpochMilli(accepted.effectiveFrom));
        }
    }

    // ---- the work ----

    /**
     * Lets time pass to {@code t} for a ticket whose events up to {@code t} are applied, re-arms its wake-up, stores it.
     * Returns whether the ticket has been escalated by then (decided before a purge forgets it).
     */
    private boolean settle(long t, EnforcedTicket ticket, ReadOnlyContext ctx) throws Exception {
        TicketState state = ticket.sla;
        boolean escalated = false;
        if (state != null) {
            SlaPolicy policy = policies.pinned(state).policy();
            long nextDue = TicketSla.advance(state, t, policy, outputs);
            if (outputs.changed) {
                outputs.view(TicketView.of(state, policy, t, outputs.created));
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
            rearm(ticket, wake, ctx.getCurrentKey());
        }
        tickets.store(ctx.getCurrentKey(), ticket);
        return escalated;
    }

    /**
     * Schedules the ticket's next wake-up ({@code Long.MAX_VALUE}: none) and cancels the one it replaces through the
     * ticket's handle. Without a handle (the ticket was written back and read again, or restored) the old one stays
     * queued, and when it comes due it finds {@link EnforcedTicket#wakeAt} moved and does nothing ({@link #onTimer}).
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

    /** Applies {@code e} (fingerprint {@code content}, as it arrived) to the ticket; returns its SLA state after. */
    private TicketState apply(EnforcedTicket ticket, TicketEvent e, long content, long nothingDueBefore) throws Exception {
        TicketState state = ticket.sla;
        if (state == null) {
            if (e.type != EventType.CREATED) {
                Tombstone tombstone = tombstones.countingAt(e.occurredAt);
                outputs.deadLetter(e, e.occurredAt, RejectReason.UNKNOWN_TICKET, tombstone != null
                        ? retention.purgedMessage(e.ticketId, e.occurredAt, tombstone.endedAt(), tombstone.endedClosed())
                        : "ticket '" + e.ticketId + "' has no open SLA state: it was never "
                        + "CREATED, or it was closed and purged; send its CREATED event first");
                return null;
            }
            // a CREATED neither reads nor deletes the id's tombstone (no state access per ticket for the rare reuse):
            // the new ticket has SLA state until its own purge, which overwrites the tombstone, so the old one is only
            // ever read by an event dated before this CREATED, and what it says of the earlier ticket is still true
            outputs.counted(ApplyResult.Kind.APPLIED);
            outputs.created = e;
            outputs.changed = true;
            CompiledPolicy pinned = policies.inForceAt(e.occurredAt);
            TicketState created = TicketSla.create(e, content, pinned, outputs);
            outputs.routing(Routing.ofNewTicket(created, pinned.policy()));
            return created;
        }
        ApplyResult result = TicketSla.apply(state, e, content, policies.pinned(state).policy(), outputs,
                nothingDueBefore);
        if (result.kind() == ApplyResult.Kind.REJECTED) {
            outputs.deadLetter(e, e.occurredAt, RejectReason.CONFLICT, result.reason());
        } else {
            outputs.counted(result.kind());
            if (result.kind() == ApplyResult.Kind.APPLIED) {
                outputs.changed = true; // every applied event changes what the ticket's view shows (assignee, status, clocks)
            }
        }
        return state;
    }

    /** The tombstones' keyed state ({@link Tombstones#descriptor}). */
    static ValueStateDescriptor<Tombstone> tombstoneState(long resolvedRetentionMs) {
        return Tombstones.descriptor(resolvedRetentionMs);
    }

    static final int TTL_CLEANUP_PER_ACCESS = Tombstones.TTL_CLEANUP_PER_ACCESS;
    static final long TTL_COMPACTION_QUERY_AFTER_ENTRIES = Tombstones.TTL_COMPACTION_QUERY_AFTER_ENTRIES;

    /** The broadcast state as the registry reads it: no copy, so its iteration order is the state's own. */
    private static final class BroadcastVersions implements PolicyRegistry.StoredVersions {
        private final ReadOnlyBroadcastState<String, PolicyVersion> state;

        BroadcastVersions(ReadOnlyBroadcastState<String, PolicyVersion> state) {
            this.state = state;
        }

        @Override
        public PolicyVersion get(String version) throws Exception {
            return state.get(version);
        }

        @Override
        public Iterable<Map.Entry<String, PolicyVersion>> all() throws Exception {
            return state.immutableEntries();
        }
    }
}
