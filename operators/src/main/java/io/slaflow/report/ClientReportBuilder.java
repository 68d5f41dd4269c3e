package io.slaflow.report;

import io.slaflow.adherence.TargetContribution;
import io.slaflow.sla.OutcomeUpdate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Weekly and monthly reports per client, keyed by clientId. Each input is remembered while a period it counts in
 * is open; an event-time timer at each period's end (in the client's zone) plus the allowed lateness closes it and
 * emits the {@link ClientReport}. State holds only the inputs of open periods and the last closed period's figures
 * (for the trend), which are dropped once the following period is over too: a client with nothing open and no
 * trend to keep has no state.
 *
 * <p>A report is final: an outcome change that arrives after its period was closed is not reported again (it
 * counts in the period it falls in, if that is still open).
 */
public class ClientReportBuilder extends KeyedProcessFunction<String, ReportInput, ClientReport> {
    private static final ReportPeriod.Kind[] KINDS = ReportPeriod.Kind.values();

    private final ReportDirectory directory;
    private final ReportSettings settings;

    private transient MapState<String, OutcomeUpdate> outcomes;  // ticketId:metric -> latest
    private transient ListState<ReportInput> events;             // breaches, escalations, chain alerts
    private transient MapState<String, PeriodFigures> lastClosed; // kind -> figures of its last closed period

    public ClientReportBuilder(ReportDirectory directory, ReportSettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext ctx) {
        outcomes = getRuntimeContext().getMapState(new MapStateDescriptor<>("report-outcomes", String.class, OutcomeUpdate.class));
        events = getRuntimeContext().getListState(new ListStateDescriptor<>("report-events", ReportInput.class));
        lastClosed = getRuntimeContext().getMapState(new MapStateDescriptor<>("report-last-closed", String.class, PeriodFigures.class));
    }

    @Override
    public void processElement(ReportInput in, Context ctx, Collector<ClientReport> out) throws Exception {
        ReportClient client = directory.client(ctx.getCurrentKey());
        long watermark = ctx.timerService().currentWatermark();
        if (in.outcome() != null) {
            OutcomeUpdate u = in.outcome();
            OutcomeUpdate before = outcomes.get(u.key());
            if (before != null && before.revision() > u.revision()) return; // an older update overtaken
            if (registerOpen(instantsOf(u), client, watermark, ctx)) outcomes.put(u.key(), u);
            else if (before != null) outcomes.remove(u.key());
        } else if (registerOpen(new long[] {in.firedAt()}, client, watermark, ctx)) {
            events.add(in);
        }
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<ClientReport> out) throws Exception {
        ReportClient client = directory.client(ctx.getCurrentKey());
        long closedUpTo = ts - settings.allowedLatenessMs();
        for (ReportPeriod.Kind kind : KINDS) {
            ReportPeriod p = ReportPeriod.containing(kind, client.zone(), closedUpTo - 1);
            if (p.endMs() != closedUpTo) continue; // this timer closes a period of the other kind only
            List<OutcomeUpdate> latest = new ArrayList<>();
            for (OutcomeUpdate u : outcomes.values()) latest.add(u);
            PeriodFigures figures = ReportAccumulator.figures(client, p, latest, events.get());
            PeriodFigures prev = lastClosed.get(kind.name());
            if (prev != null && !prev.periodLabel().equals(p.previous().label())) prev = null;
            if (isQuiet(figures)) continue; // nothing happened for this client: no report, and no trend to keep
            if (p.endMs() <= settings.reportUntilMs()) {
                out.collect(ClientReport.of(client, p, ts, settings.goalPercent(), figures, prev));
            }
            lastClosed.put(kind.name(), figures);
        }
        prune(client, ts, ctx);
    }

    /** Drops inputs whose periods are all closed, and trend figures whose successor period is over. */
    private void prune(ReportClient client, long now, OnTimerContext ctx) throws Exception {
        Iterator<Map.Entry<String, OutcomeUpdate>> it = outcomes.iterator();
        while (it.hasNext()) {
            if (!anyOpen(instantsOf(it.next().getValue()), client, now)) it.remove();
        }
        if (outcomes.isEmpty()) outcomes.clear(); // an empty map may still be an entry in some backends
        List<ReportInput> keep = new ArrayList<>();
        for (ReportInput e : events.get()) if (anyOpen(new long[] {e.firedAt()}, client, now)) keep.add(e);
        if (keep.isEmpty()) events.clear();
        else events.update(keep);

        Iterator<Map.Entry<String, PeriodFigures>> trend = lastClosed.iterator();
        long nextCleanup = Long.MAX_VALUE;
        while (trend.hasNext()) {
            Map.Entry<String, PeriodFigures> e = trend.next();
            ReportPeriod closed = ReportPeriod.parse(e.getValue().periodLabel(), client.zone());
            long successorClosesAt = closed.next().endMs() + settings.allowedLatenessMs();
            if (successorClosesAt <= now) trend.remove();
            else nextCleanup = Math.min(nextCleanup, successorClosesAt);
        }
        if (lastClosed.isEmpty()) lastClosed.clear();
        if (nextCleanup != Long.MAX_VALUE) {
            // closes the successor period: reported if anything arrived for it, otherwise the trend is forgotten
            ctx.timerService().registerEventTimeTimer(nextCleanup);
        }
    }

    static boolean isQuiet(PeriodFigures f) {
        return f.ticketsCreated() == 0 && f.rows().isEmpty() && f.escalations().isEmpty() && f.chains().isEmpty();
    }

    /** Registers the closing timer of every still-open period an instant falls in; true if there is one. */
    private boolean registerOpen(long[] instants, ReportClient client, long watermark, Context ctx) {
        boolean any = false;
        for (long t : instants) {
            if (t < 0) continue;
            for (ReportPeriod.Kind kind : KINDS) {
                long closeAt = ReportPeriod.containing(kind, client.zone(), t).endMs() + settings.allowedLatenessMs();
                if (closeAt > watermark) {
                    ctx.timerService().registerEventTimeTimer(closeAt);
                    any = true;
                }
            }
        }
        return any;
    }

    private boolean anyOpen(long[] instants, ReportClient client, long now) {
        for (long t : instants) {
            if (t < 0) continue;
            for (ReportPeriod.Kind kind : KINDS) {
                if (ReportPeriod.containing(kind, client.zone(), t).endMs() + settings.allowedLatenessMs() > now) return true;
            }
        }
        return false;
    }

    /** Where an outcome counts: the ticket's creation (response clock start), its decision, its satisfaction. */
    static long[] instantsOf(OutcomeUpdate u) {
        TargetContribution c = TargetContribution.of(u);
        return new long[] {u.metric() == io.slaflow.policy.Metric.RESPONSE ? u.startedAt() : -1, c.decidedAt(), c.satisfiedAt()};
    }
}
