package io.slaflow.enforce;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.EventType;
import io.slaflow.event.RejectReason;
import io.slaflow.event.Rejection;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventJson;
import io.slaflow.policy.InvalidPolicyException;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.sla.ApplyResult;
import io.slaflow.sla.CompiledPolicy;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.SlaClock;
import io.slaflow.sla.SlaOutputs;
import io.slaflow.sla.TicketSla;
import io.slaflow.sla.TicketState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;

import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the SLA of every ticket: keyed by {@code ticketId}, one {@link TicketState} per open ticket, driven by
 * event-time timers. The SLA rules themselves are in {@link TicketSla}; this function decides <em>when</em> they
 * run. Its rules (README, "Enforcement rules"):
 * <ol>
 *   <li><b>Event-time order.</b> An event is buffered until the watermark passes its time, then applied; events of
 *       one ticket are therefore applied in event-time order however they arrived. Events with the same time are
 *       applied CREATED first, then in arrival order.</li>
 *   <li><b>One wake-up timer per ticket</b>, at the next instant something is due (at-risk warning, breach,
 *       escalation level) or the ticket's purge time. Whatever satisfies a target (response, resolution) moves or
 *       removes it, so pending warnings and escalations are cancelled.</li>
 *   <li><b>Late events.</b> An event at or behind the watermark by at most the allowed lateness is applied at
 *       once; if the ticket's SLA was already decided past the event's time (a breach announced, a warning sent),
 *       it takes effect at that decided instant, because what was announced cannot be taken back. Further behind
 *       than the allowed lateness, it is a dead letter ({@code LATE}).</li>
 *   <li><b>Unknown tickets.</b> A non-CREATED event for a ticket with no state (never created, or closed and purged)
 *       is a dead letter ({@code UNKNOWN_TICKET}). An event the ticket refuses (a second CREATED, an unknown
 *       priority) is a dead letter ({@code CONFLICT}). A repeated {@code eventId} is ignored and counted.</li>
 *   <li><b>Policy versions.</b> The policy given at start is the base version; versions arriving on the broadcast
 *       input ({@code sla-policies}) apply to tickets created at or after their {@code effectiveFrom}. A ticket
 *       keeps the version in force at its creation. An invalid or conflicting version is a dead letter
 *       ({@code INVALID_POLICY}) and changes nothing.</li>
 *   <li><b>No leaks.</b> A CLOSED ticket is purged after the grace period; a resolved ticket that is never closed
 *       after the resolved-retention period. After the purge the ticket has no keyed state and no timers.</li>
 *   <li><b>Replay as-of.</b> Nothing due after the as-of instant fires; open targets stay PENDING.</li>
 * </ol>
 * Outputs: warnings and breaches on the main output; escalations, outcome updates and dead letters on side outputs.
 */
public class SlaEnforcer extends KeyedBroadcastProcessFunction<String, TicketEvent, PolicyVersion, SlaAlert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SlaEnforcer.class);

    public static final OutputTag<Escalation> ESCALATIONS =
            new OutputTag<>("escalations", TypeInformation.of(Escalation.class));
    public static final OutputTag<OutcomeUpdate> OUTCOMES =
            new OutputTag<>("outcomes", TypeInformation.of(OutcomeUpdate.class));
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));
    /** Policy versions received at run time, by version id. */
    public static final MapStateDescriptor<String, PolicyVersion> POLICIES =
            new MapStateDescriptor<>("sla-policies", Types.STRING, TypeInformation.of(PolicyVersion.class));

    private final PolicyVersion basePolicy;
    private final EnforcerSettings settings;

    private transient ValueState<EnforcedTicket> tickets;
    private transient Map<String, CompiledPolicy> compiled;
    private transient CompiledPolicy base;
    private transient Emitter emitter;
    private transient Counter eventsApplied;
    private transient Counter duplicates;
    private transient Counter deadLetters;

    /** @param basePolicy the policy validated at job start; in force for every ticket until a newer version */
    public SlaEnforcer(PolicyVersion basePolicy, EnforcerSettings settings) {
        this.basePolicy = basePolicy;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        tickets = getRuntimeContext().getState(new ValueStateDescriptor<>("ticket", EnforcedTicketSerializer.INSTANCE));
        compiled = new HashMap<>();
        base = compile(basePolicy); // validated at job start: a failure here is a bug, so let it fail the task
        compiled.put(base.version(), base);
        emitter = new Emitter();
        var metrics = getRuntimeContext().getMetricGroup();
        eventsApplied = metrics.counter("slaEventsApplied");
        duplicates = metrics.counter("slaDuplicateEvents");
        deadLetters = metrics.counter("slaDeadLetters");
    }

    // ---- input ----

    @Override
    public void processElement(TicketEvent event, ReadOnlyContext ctx, Collector<SlaAlert> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long t = event.occurredAt;
        if (t > settings.asOfMs()) {
            return; // rule 7: after the as-of instant (replay counts these in its summary)
        }
        emitter.bind(out, ctx);
        if (t <= watermark && watermark - t > settings.allowedLatenessMs()) {
            deadLetter(event, RejectReason.LATE, "event time " + Instant.ofEpochMilli(t) + " is "
                    + Duration.ofMillis(watermark - t) + " behind the watermark " + Instant.ofEpochMilli(watermark)
                    + " (allowed lateness " + Duration.ofMillis(settings.allowedLatenessMs())
                    + "): the ticket's SLA for that time is already decided; fix the producer's delay or raise --allowed-lateness");
            return;
        }
        EnforcedTicket ticket = tickets.value();
        if (ticket == null) {
            ticket = new EnforcedTicket();
        }
        if (t > watermark) {
            if (ticket.buffer(event)) {
                ctx.timerService().registerEventTimeTimer(t);
            }
            tickets.update(ticket);
            return;
        }
        if (t < ticket.decidedUpTo) {
            event.occurredAt = ticket.decidedUpTo; // rule 3: effective at the instant already decided
        }
        ReadOnlyBroadcastState<String, PolicyVersion> versions = ctx.getBroadcastState(POLICIES);
        ticket.sla = apply(ticket.sla, event, versions);
        settle(watermark, ticket, versions, ctx);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<SlaAlert> out) throws Exception {
        if (t > settings.asOfMs()) {
            return; // rule 7
        }
        EnforcedTicket ticket = tickets.value();
        if (ticket == null) {
            return; // a timer shared with a buffered event outlived a purge: nothing left to do
        }
        emitter.bind(out, ctx);
        ReadOnlyBroadcastState<String, PolicyVersion> versions = ctx.getBroadcastState(POLICIES);
        int due = ticket.dueAt(t);
        for (int i = 0; i < due; i++) {
            ticket.sla = apply(ticket.sla, ticket.pending[i], versions);
        }
        if (due > 0) {
            ticket.dropFirst(due);
        }
        settle(t, ticket, versions, ctx);
    }

    @Override
    public void processBroadcastElement(PolicyVersion version, Context ctx, Collector<SlaAlert> out) throws Exception {
        boolean reporter = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0; // one dead letter, not N
        BroadcastState<String, PolicyVersion> versions = ctx.getBroadcastState(POLICIES);
        CompiledPolicy candidate;
        try {
            candidate = compile(version);
        } catch (InvalidPolicyException e) {
            LOG.error("Refused {}: {}", version, e.getMessage());
            if (reporter) {
                ctx.output(DEAD_LETTERS, policyDeadLetter(version, e.getMessage()));
            }
            return;
        }
        PolicyVersion known = candidate.version().equals(base.version()) ? basePolicy : versions.get(candidate.version());
        if (known != null && !known.yaml.equals(version.yaml)) {
            String why = "version '" + candidate.version() + "' already exists with different content (" + known.source
                    + "); a changed contract needs a new version id, so tickets pinned to the old one keep their terms";
            LOG.error("Refused {}: {}", version, why);
            if (reporter) {
                ctx.output(DEAD_LETTERS, policyDeadLetter(version, why));
            }
            return;
        }
        version.version = candidate.version();
        versions.put(candidate.version(), version);
        compiled.put(candidate.version(), new CompiledPolicy(candidate.policy(), candidate.classifier(), version.effectiveFrom));
        if (reporter) {
            LOG.info("Policy {} is in force for tickets created {}", candidate.version(),
                    version.effectiveFrom == Long.MIN_VALUE ? "at any time" : "from " + Instant.ofEpochMilli(version.effectiveFrom));
        }
    }

    // ---- the work ----

    /** Lets time pass to {@code t} for a ticket whose events up to {@code t} are applied, re-arms its timer, stores it. */
    private void settle(long t, EnforcedTicket ticket, ReadOnlyBroadcastState<String, PolicyVersion> versions,
                        ReadOnlyContext ctx) throws Exception {
        TicketState state = ticket.sla;
        if (state != null) {
            SlaPolicy policy = pinned(state, versions).policy();
            TicketSla.advance(state, t, policy, emitter);
            ticket.decidedUpTo = Math.max(ticket.decidedUpTo, t);
            long purgeAt = purgeAt(state);
            long wake = purgeAt <= t ? Long.MAX_VALUE : Math.min(TicketSla.nextDueAt(state, policy), purgeAt);
            if (purgeAt <= t) {
                // rule 6; buffered future events stay (their timers will find no ticket: UNKNOWN_TICKET)
                ticket.sla = null;
                ticket.decidedUpTo = Long.MIN_VALUE;
            }
            rearm(ticket, wake, t, ctx);
        }
        if (ticket.isEmpty()) {
            tickets.clear();
        } else {
            tickets.update(ticket);
        }
    }

    private static void rearm(EnforcedTicket ticket, long wake, long t, ReadOnlyContext ctx) {
        if (wake == ticket.wakeAt) {
            return;
        }
        if (ticket.wakeAt > t && !ticket.hasPendingAt(ticket.wakeAt)) {
            ctx.timerService().deleteEventTimeTimer(ticket.wakeAt); // a buffered event shares it otherwise
        }
        if (wake != Long.MAX_VALUE) {
            ctx.timerService().registerEventTimeTimer(wake);
        }
        ticket.wakeAt = wake == Long.MAX_VALUE ? -1 : wake;
    }

    private TicketState apply(TicketState state, TicketEvent e, ReadOnlyBroadcastState<String, PolicyVersion> versions)
            throws Exception {
        if (state == null) {
            if (e.type != EventType.CREATED) {
                deadLetter(e, RejectReason.UNKNOWN_TICKET, "ticket '" + e.ticketId + "' has no open SLA state: it was never "
                        + "CREATED, or it was closed and purged; send its CREATED event first");
                return null;
            }
            eventsApplied.inc();
            return TicketSla.create(e, inForceAt(e.occurredAt, versions), emitter);
        }
        ApplyResult result = TicketSla.apply(state, e, pinned(state, versions).policy(), emitter);
        switch (result.kind()) {
            case APPLIED -> eventsApplied.inc();
            case DUPLICATE -> duplicates.inc();
            case REJECTED -> deadLetter(e, RejectReason.CONFLICT, result.reason());
        }
        return state;
    }

    private long purgeAt(TicketState s) {
        if (s.closedAt >= 0) {
            return saturatedAdd(s.closedAt, settings.closedGraceMs());
        }
        if (s.response.state == SlaClock.STOPPED && s.resolution.state == SlaClock.STOPPED && s.resolution.completedAt >= 0) {
            return saturatedAdd(Math.max(s.resolution.completedAt, s.response.completedAt), settings.resolvedRetentionMs());
        }
        return Long.MAX_VALUE;
    }

    // ---- policies ----

    private CompiledPolicy inForceAt(long t, ReadOnlyBroadcastState<String, PolicyVersion> versions) throws Exception {
        CompiledPolicy best = base;
        long bestFrom = Long.MIN_VALUE;
        for (Map.Entry<String, PolicyVersion> v : versions.immutableEntries()) {
            long from = v.getValue().effectiveFrom;
            if (from <= t && from >= bestFrom) {
                bestFrom = from;
                best = compiledOf(v.getValue());
            }
        }
        return best;
    }

    private CompiledPolicy pinned(TicketState s, ReadOnlyBroadcastState<String, PolicyVersion> versions) throws Exception {
        CompiledPolicy p = compiled.get(s.policyVersion);
        if (p != null) {
            return p;
        }
        PolicyVersion v = versions.get(s.policyVersion);
        if (v == null) {
            LOG.warn("Ticket {} is pinned to policy version {}, which this job no longer has; using base version {}",
                    s.ticketId, s.policyVersion, base.version());
            return base;
        }
        return compiledOf(v);
    }

    private CompiledPolicy compiledOf(PolicyVersion v) {
        return compiled.computeIfAbsent(v.version, k -> {
            try {
                return compile(v);
            } catch (InvalidPolicyException e) {
                throw new IllegalStateException("policy " + v + " was valid when stored and is not now", e);
            }
        });
    }

    private static CompiledPolicy compile(PolicyVersion v) throws InvalidPolicyException {
        SlaPolicy policy = new PolicyLoader(null).parse(v.yaml, v.source);
        return CompiledPolicy.compile(policy, v.effectiveFrom);
    }

    // ---- outputs ----

    private void deadLetter(TicketEvent e, RejectReason reason, String message) {
        deadLetters.inc();
        byte[] original = TicketEventJson.toJsonBytes(e);
        emitter.ctx.output(DEAD_LETTERS, DeadLetter.of(new Rejection(reason, message, null, original), null, Instant.now()));
    }

    private static DeadLetter policyDeadLetter(PolicyVersion v, String message) {
        byte[] original = v.yaml == null ? new byte[0] : v.yaml.getBytes(StandardCharsets.UTF_8);
        return DeadLetter.of(new Rejection(RejectReason.INVALID_POLICY, message, null, original), null, Instant.now());
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Routes {@link TicketSla}'s decisions to the main and side outputs of the current call (reused: no per-event allocation). */
    private static final class Emitter implements SlaOutputs {
        private Collector<SlaAlert> out;
        private ReadOnlyContext ctx;

        void bind(Collector<SlaAlert> out, ReadOnlyContext ctx) {
            this.out = out;
            this.ctx = ctx;
        }

        @Override
        public void alert(SlaAlert alert) {
            out.collect(alert);
        }

        @Override
        public void escalation(Escalation escalation) {
            ctx.output(ESCALATIONS, escalation);
        }

        @Override
        public void outcome(OutcomeUpdate update) {
            ctx.output(OUTCOMES, update);
        }
    }
}
