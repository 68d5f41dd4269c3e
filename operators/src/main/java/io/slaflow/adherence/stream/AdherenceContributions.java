package io.slaflow.adherence.stream;

import io.slaflow.adherence.AdherenceFragment;
import io.slaflow.adherence.AdherenceSettings;
import io.slaflow.adherence.TargetContribution;
import io.slaflow.adherence.TicketContributions;
import io.slaflow.policy.Metric;
import io.slaflow.sla.OutcomeUpdate;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by ticket: turns each outcome update into the change it makes to adherence buckets (see
 * {@link TargetContribution}), remembering the ticket's current contribution so a reopen or re-tiering
 * retracts what was counted before. The memory is dropped {@code contributionRetention} after the resolution,
 * when the enforcer no longer accepts events for the ticket; an open ticket keeps it, as the enforcer keeps the
 * ticket.
 */
public class AdherenceContributions extends KeyedProcessFunction<String, OutcomeUpdate, AdherenceFragment> {
    private final long retentionMs;
    private transient ValueState<TicketContributions> state;

    public AdherenceContributions(AdherenceSettings settings) {
        this.retentionMs = settings.contributionRetentionMs();
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("contributions", TicketContributions.class));
    }

    @Override
    public void processElement(OutcomeUpdate update, Context ctx, Collector<AdherenceFragment> out) throws Exception {
        TicketContributions ticket = state.value();
        if (ticket == null) ticket = new TicketContributions();
        TargetContribution before = ticket.get(update.metric());
        TargetContribution after = TargetContribution.of(update);
        if (after.equals(before)) return;
        List<AdherenceFragment> changes = TargetContribution.changes(before, after);
        for (AdherenceFragment f : changes) out.collect(f);
        ticket.set(update.metric(), after);
        if (update.metric() == Metric.RESOLUTION) rescheduleCleanup(ticket, after, ctx);
        state.update(ticket);
    }

    private void rescheduleCleanup(TicketContributions ticket, TargetContribution resolution, Context ctx) {
        long due = resolution.satisfiedAt() >= 0 ? resolution.satisfiedAt() + retentionMs : -1;
        if (due == ticket.cleanupAt) return;
        if (ticket.cleanupAt >= 0) ctx.timerService().deleteEventTimeTimer(ticket.cleanupAt);
        if (due >= 0) ctx.timerService().registerEventTimeTimer(due);
        ticket.cleanupAt = due;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AdherenceFragment> out) throws Exception {
        TicketContributions ticket = state.value();
        if (ticket != null && ticket.cleanupAt == timestamp) state.clear();
    }
}
