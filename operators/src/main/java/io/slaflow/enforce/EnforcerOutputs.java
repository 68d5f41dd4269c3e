package io.slaflow.enforce;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.RejectReason;
import io.slaflow.event.Rejection;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventJson;
import io.slaflow.sla.ApplyResult;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.Routing;
import io.slaflow.sla.SlaAlert;
import io.slaflow.sla.TicketSla;
import io.slaflow.sla.TicketView;
import io.slaflow.streams.OutputTags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Where the enforcer's decisions go ({@link SlaEnforcer}'s, and {@link TicketEnforcement}'s as {@link TicketOutputs}):
 * {@link TicketSla}'s warnings and breaches to the main output; escalations, outcome updates, ticket views, routings,
 * dead letters and the events of escalated tickets to their side outputs.
 * Each is counted where it is decided, so none needs an operator (and a copy of each record) of its own. Bound to the
 * outputs of each call in turn and reused: no per-event allocation.
 */
final class EnforcerOutputs implements TicketOutputs {
    private final EnforcerSettings settings;
    private final TierCounters warnings;
    private final TierCounters breaches;
    private final TierCounters escalations;
    private final Counter eventsApplied;
    private final Counter duplicates;
    /** The same counts as accumulators: a replay's summary accounts for every event with them. */
    private final LongCounter appliedTotal;

    private final LongCounter duplicatesTotal;
    private final Counter deadLetters;

    private Collector<SlaAlert> out;
    private KeyedBroadcastProcessFunction<String, TicketEvent, PolicyVersion, SlaAlert>.ReadOnlyContext ctx;

    EnforcerOutputs(RuntimeContext runtime, EnforcerSettings settings) {
        this.settings = settings;
        MetricGroup metrics = runtime.getMetricGroup();
        this.warnings = new TierCounters(metrics, "slaAlerts", "kind", SlaAlert.Kind.WARNING.name());
        this.breaches = new TierCounters(metrics, "slaAlerts", "kind", SlaAlert.Kind.BREACH.name());
        this.escalations = new TierCounters(metrics, "slaEscalations");
        this.eventsApplied = metrics.counter("slaEventsApplied");
        this.duplicates = metrics.counter("slaDuplicateEvents");
        this.appliedTotal = runtime.getLongCounter(SlaEnforcer.APPLIED_ACCUMULATOR);
        this.duplicatesTotal = runtime.getLongCounter(SlaEnforcer.DUPLICATES_ACCUMULATOR);
        this.deadLetters = metrics.counter("slaDeadLetters");
    }

    /** Directs what follows to the outputs of this call (an element or a wake-up). */
    void bind(
            Collector<SlaAlert> out,
            KeyedBroadcastProcessFunction<String, TicketEvent, PolicyVersion, SlaAlert>.ReadOnlyContext ctx) {
        this.out = out;
        this.ctx = ctx;
    }

    @Override
    public void alert(SlaAlert alert) {
        (alert.kind() == SlaAlert.Kind.BREACH ? breaches : warnings)
                .of(alert.tier())
                .inc();
        out.collect(alert);
    }

    @Override
    public void escalation(Escalation escalation) {
        escalations.of(escalation.tier()).inc();
        ctx.output(OutputTags.ESCALATIONS, escalation);
    }

    @Override
    public void outcome(OutcomeUpdate update) {
        ctx.output(OutputTags.OUTCOMES, update);
    }

    @Override
    public void routing(Routing routing) {
        ctx.output(OutputTags.ROUTING, routing);
    }

    @Override
    public void view(TicketView view) {
        ctx.output(OutputTags.TICKET_VIEWS, view);
    }

    @Override
    public void escalatedTicketEvent(TicketEvent e) {
        ctx.output(OutputTags.ESCALATED_TICKET_EVENTS, e);
    }

    @Override
    public void counted(ApplyResult.Kind kind) {
        if (kind == ApplyResult.Kind.APPLIED) {
            eventsApplied.inc();
            appliedTotal.add(1L);
        } else {
            duplicates.inc();
            duplicatesTotal.add(1L);
        }
    }

    /** Repeats ignored so far on this subtask. */
    long duplicateEvents() {
        return duplicatesTotal.getLocalValue();
    }

    @Override
    public void deadLetter(TicketEvent e, long at, RejectReason reason, String message) {
        deadLetters.inc();
        byte[] original = TicketEventJson.toJsonBytes(e);
        Instant rejectedAt = settings.isReplay() ? Instant.ofEpochMilli(at) : Instant.now();
        DeadLetter.Source source = e.origin == null ? null : e.origin.source();
        // its own time (the sla-dead-letters month) is the event's: the same for every copy, where `at` (a LATE event's
        // watermark) and the wall clock are not. An event far in the past files in its own month, where retention may
        // already have dropped that month's index (the Kafka DLQ record stays).
        ctx.output(
                OutputTags.DEAD_LETTERS,
                DeadLetter.of(
                        new Rejection(reason, message, null, original),
                        source,
                        rejectedAt,
                        Instant.ofEpochMilli(e.occurredAt)));
    }

    /** The dead letter of a refused policy version (the caller outputs it: the broadcast side has its own context). */
    DeadLetter policyDeadLetter(PolicyVersion v, String message) {
        byte[] original = v.yaml == null ? new byte[0] : v.yaml.getBytes(StandardCharsets.UTF_8);
        Instant rejectedAt = settings.isReplay() ? Instant.ofEpochMilli(settings.asOfMs()) : Instant.now();
        // its own time: the instant the version takes effect from (its header, else its record's timestamp)
        return DeadLetter.of(
                new Rejection(RejectReason.INVALID_POLICY, message, null, original),
                null,
                rejectedAt,
                Instant.ofEpochMilli(v.effectiveFrom));
    }
}
