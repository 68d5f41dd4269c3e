package io.slaflow.enforce;

import io.slaflow.event.RejectReason;
import io.slaflow.event.TicketEvent;
import io.slaflow.sla.Lateness;
import io.slaflow.sla.RetentionRules;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.TicketSla;
import io.slaflow.streams.OutputTags;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the SLA of every ticket: keyed by {@code ticketId}, one {@link EnforcedTicket} per open ticket, woken in
 * event time by the watermark. Its rules are stated in full in README.md ("Enforcement rules") and on the classes
 * that implement them:
 * <ol>
 *   <li>event-time order: here (events held ahead of the watermark in {@link HeldEvents}, beyond its capacity in
 *       {@link EnforcedTicket#pending}; {@link HeldEventsCheckpoint});</li>
 *   <li>one wake-up per ticket: {@link TicketEnforcement}, in the {@link WakeUpQueue} {@link SlaEnforcerOperator} runs;</li>
 *   <li>late events: {@link Lateness}; {@link TicketEnforcement} for an event behind a decided instant;</li>
 *   <li>unknown tickets and conflicts: {@link TicketEnforcement}, {@link TicketSla};</li>
 *   <li>policy versions: {@link PolicyRegistry} over the broadcast state ({@link BroadcastVersions});</li>
 *   <li>no leaks: {@link RetentionRules}, {@link TicketEnforcement}, {@link Tombstones};</li>
 *   <li>replay as-of: here (nothing after {@link EnforcerSettings#asOfMs} is applied or fires).</li>
 * </ol>
 * This function is the Flink glue: it holds events until the watermark passes them, hands each due ticket to
 * {@link TicketEnforcement} and binds each call's outputs ({@link EnforcerOutputs}; warnings and breaches on the main
 * output, the rest on side outputs such as {@link OutputTags#ROUTING}). It changes none of its inputs.
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

    /** Events a subtask holds on its heap by default (why: {@link EnforcerSettings#maxHeldEvents}). */
    public static final int DEFAULT_MAX_HELD_EVENTS = 50_000;
    /** Tickets a subtask caches in front of RocksDB by default (why: {@link EnforcerSettings#cachedTickets}). */
    public static final int DEFAULT_CACHED_TICKETS = 50_000;

    /** Accumulators (job results) counting the events applied and the repeats ignored. */
    public static final String APPLIED_ACCUMULATOR = "sla-events-applied";

    public static final String DUPLICATES_ACCUMULATOR = "sla-duplicate-events";

    private final PolicyVersion basePolicy;
    private final EnforcerSettings settings;

    /** How far behind the watermark an event may arrive (rule 3). */
    private transient Lateness lateness;
    /** Each ticket's value: keyed state, on RocksDB behind a write-back cache. */
    private transient KeyedTicketStore tickets;
    /** Purged tickets' tombstones: written at the purge, read only by an event that finds no SLA state. */
    private transient Tombstones tombstones;
    /** Set by {@link SlaEnforcerOperator} on RocksDB; null: every access goes to state. */
    private transient KeySwitch keys;
    /** Events ahead of the watermark on the heap, and in operator state at a checkpoint. */
    private transient HeldEvents held;

    private transient HeldEventsCheckpoint heldCheckpoint;
    /** When to look at which ticket again: held events coming due and each ticket's wake-up. */
    private transient WakeUpQueue wakeUps;
    /** The policy versions, compiled once, over the broadcast state that checkpoints them. */
    private transient PolicyRegistry policies;

    private transient PolicyRegistry.StoredVersions storedPolicies;
    /** The outputs of the current call, and the counts of what was decided. */
    private transient EnforcerOutputs outputs;
    /** What a due ticket's events and time change. */
    private transient TicketEnforcement enforcement;

    /** @param basePolicy the policy validated at job start; in force for every ticket until a newer version */
    public SlaEnforcer(PolicyVersion basePolicy, EnforcerSettings settings) {
        this.basePolicy = basePolicy;
        this.settings = settings;
    }

    /**
     * Called by {@link SlaEnforcerOperator} before {@link #open} on RocksDB, which serializes on write: tickets are then
     * cached and written back, switching the operator's key to write an evicted one and to flush before a checkpoint,
     * and a wake-up sets the key only when it touches keyed state.
     */
    void writeBackThrough(KeySwitch operatorKeys) {
        this.keys = operatorKeys;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        // the broadcast state the operator hands its contexts (the backend keeps one per name), read by the registry
        storedPolicies = new BroadcastVersions(context.getOperatorStateStore().getBroadcastState(POLICIES));
        held = new HeldEvents(settings.maxHeldEvents());
        wakeUps = new WakeUpQueue();
        heldCheckpoint = new HeldEventsCheckpoint(context.getOperatorStateStore());
        if (context.isRestored()) {
            heldCheckpoint.restore(getRuntimeContext().getTaskInfo(), held, wakeUps);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        tickets.flush(); // before the keyed state backend takes its snapshot (Flink snapshots the function first)
        heldCheckpoint.snapshot(held);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        tickets = new KeyedTicketStore(
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(TICKET_STATE, EnforcedTicketSerializer.INSTANCE)),
                keys,
                settings.cachedTickets());
        lateness = new Lateness(settings.allowedLatenessMs());
        RetentionRules retention = new RetentionRules(settings.closedGraceMs(), settings.resolvedRetentionMs());
        tombstones = new Tombstones(
                getRuntimeContext().getState(tombstoneState(settings.resolvedRetentionMs())), retention, keys);
        // validated at job start: a failure here is a bug, so let it fail the task
        policies = new PolicyRegistry(basePolicy, storedPolicies);
        outputs = new EnforcerOutputs(getRuntimeContext(), settings);
        enforcement = new TicketEnforcement(policies, retention, tickets, tombstones, wakeUps, outputs);
        var metrics = getRuntimeContext().getMetricGroup();
        metrics.gauge("slaHeldEvents", () -> held.size());
        metrics.gauge("slaWakeUps", () -> wakeUps.size());
        metrics.gauge("slaCachedTickets", this::cachedTickets);
    }

    /** Schedules every ticket in keyed state again once the state is open (the wake-up queue is not checkpointed). */
    void rescheduleRestored(KeyedStateBackend<String> backend) throws Exception {
        new RestoredTickets(tickets, tombstones, wakeUps).reschedule(backend, TICKET_STATE);
    }

    /** The wake-up queue the operator runs as the watermark advances. */
    WakeUpQueue wakeUps() {
        return wakeUps;
    }

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
        String key = ctx.getCurrentKey();
        if (t > watermark) { // rule 1: held until the watermark passes it
            wakeUps.add(t, key);
            if (!held.offer(key, event)) {
                EnforcedTicket ticket = orNew(tickets.load(key));
                ticket.buffer(event);
                tickets.store(key, ticket);
            }
            return;
        }
        enforcement.applyNow(key, orNew(tickets.load(key)), event, watermark);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<SlaAlert> out) throws Exception {
        if (t > settings.asOfMs()) {
            return; // rule 7
        }
        String key = ctx.getCurrentKey();
        TicketEvent[] fromHeap = held.takeDue(key, t);
        outputs.bind(out, ctx);
        enforcement.wakeUp(key, tickets.load(key), fromHeap, t);
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
            LOG.info(
                    "Policy {} is in force for tickets created {}",
                    accepted.version,
                    accepted.effectiveFrom == Long.MIN_VALUE
                            ? "at any time"
                            : "from " + Instant.ofEpochMilli(accepted.effectiveFrom));
        }
    }

    private static EnforcedTicket orNew(EnforcedTicket ticket) {
        return ticket != null ? ticket : new EnforcedTicket();
    }

    // ---- for tests and gauges ----

    /** Events held on the heap. */
    HeldEvents held() {
        return held;
    }

    /** Events held on this subtask's heap (the {@code slaHeldEvents} gauge). */
    int heldEvents() {
        return held.size();
    }

    /** Tickets cached as objects on this subtask (0 on the heap backend; the {@code slaCachedTickets} gauge). */
    int cachedTickets() {
        return tickets.cached();
    }

    /** Repeats ignored so far on this subtask (the job's total is the {@link #DUPLICATES_ACCUMULATOR}). */
    long duplicateEvents() {
        return outputs.duplicateEvents();
    }

    /** The current key's ticket as the enforcer sees it, through its cache. */
    EnforcedTicket currentTicket(String key) throws Exception {
        return tickets.load(key);
    }

    /** The current key's tombstone as Flink's TTL shows it (null once expired), whether it counts or not. */
    Tombstone currentTombstone() throws Exception {
        return tombstones.current();
    }

    /** The tombstones' keyed state ({@link Tombstones#descriptor}). */
    static ValueStateDescriptor<Tombstone> tombstoneState(long resolvedRetentionMs) {
        return Tombstones.descriptor(resolvedRetentionMs);
    }

    static final int TTL_CLEANUP_PER_ACCESS = Tombstones.TTL_CLEANUP_PER_ACCESS;
    static final long TTL_COMPACTION_QUERY_AFTER_ENTRIES = Tombstones.TTL_COMPACTION_QUERY_AFTER_ENTRIES;
}
