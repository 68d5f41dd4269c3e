package io.slaflow.report.stream;

import io.slaflow.adherence.TargetContribution;
import io.slaflow.report.ClientReport;
import io.slaflow.report.PeriodFigures;
import io.slaflow.report.PeriodSummary;
import io.slaflow.report.ReportAccumulator;
import io.slaflow.report.ReportClient;
import io.slaflow.report.ReportCorrection;
import io.slaflow.report.ReportDirectory;
import io.slaflow.report.ReportInput;
import io.slaflow.report.ReportPeriod;
import io.slaflow.report.ReportSettings;
import io.slaflow.report.TargetHistory;
import io.slaflow.report.TrendHistory;
import io.slaflow.sla.OutcomeUpdate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Weekly and monthly reports per client, keyed by clientId. An event-time timer at each period's end (in the client's
 * zone) plus the allowed lateness closes it and emits the {@link ClientReport}.
 *
 * <p><b>What a report counts.</b> Exactly the facts whose instant falls in its period and that were known before the
 * period's end, in event time. Every input carries the event time it became known at (its stream timestamp: the time
 * of the event or deadline the enforcer acted on), and each target keeps its versions ({@link TargetHistory}); the
 * report counts the version known at the period's end. That makes the report independent of how the input channels
 * interleave, so it is the same on every run and at every parallelism. (Counting the latest version made a report
 * include a resolution after its period whenever that channel happened to run ahead.)
 *
 * <p><b>An issued report is never rewritten.</b> A later fact that changes what an issued period counted (a reopen
 * retracts a MET, a priority change moves a target to another tier) becomes a {@link ReportCorrection} in the next
 * report of the same kind, and the trend shows the restated figures.
 *
 * <p><b>State.</b> Targets are kept while open (the backlog at each period's end counts them) and, once satisfied, for
 * the correction horizon after their last instant (the enforcer's retention: after it, a ticket no longer changes);
 * breaches, escalations and chain alerts while a period they count in is open; a ticket's subject while any of its
 * targets is kept; per kind the last 12 issued periods for
 * the trend, until a year passes without a report.
 */
public class ClientReportBuilder extends KeyedProcessFunction<String, ReportInput, ClientReport> {
    private static final ReportPeriod.Kind[] KINDS = ReportPeriod.Kind.values();
    private static final long TREND_KEPT_MS = 366L * 86_400_000L;

    private final ReportDirectory directory;
    private final ReportSettings settings;

    private transient MapState<String, TargetHistory> targets; // ticketId:metric -> its versions
    private transient ListState<ReportInput> facts; // breaches, escalations, chain alerts
    private transient MapState<String, TrendHistory> trends; // kind -> earlier periods
    private transient ValueState<Long> dataFrom; // the client's earliest fact
    private transient MapState<String, Tuple2<Long, String>> subjects; // ticketId -> (known at, subject)

    public ClientReportBuilder(ReportDirectory directory, ReportSettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext ctx) {
        targets = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("report-targets", String.class, TargetHistory.class));
        facts = getRuntimeContext().getListState(new ListStateDescriptor<>("report-facts", ReportInput.class));
        trends = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("report-trends", String.class, TrendHistory.class));
        dataFrom = getRuntimeContext().getState(new ValueStateDescriptor<>("report-data-from", Long.class));
        subjects = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "report-subjects", Types.STRING, Types.TUPLE(Types.LONG, Types.STRING)));
    }

    @Override
    public void processElement(ReportInput in, Context ctx, Collector<ClientReport> out) throws Exception {
        if (in.ticket() != null) { // a subject: shown beside the ticket's rows, counted nowhere, so it sets no timer
            if (in.ticket().subject() != null && !subjects.contains(in.ticket().ticketId())) {
                long at = ctx.timestamp() == null ? Long.MIN_VALUE : ctx.timestamp();
                subjects.put(in.ticket().ticketId(), Tuple2.of(at, in.ticket().subject()));
            }
            return;
        }
        ReportClient client = directory.client(ctx.getCurrentKey());
        long watermark = ctx.timerService().currentWatermark();
        long first;
        long knownAt;
        long[] instants;
        if (in.outcome() != null) {
            OutcomeUpdate u = in.outcome();
            TargetContribution c = TargetContribution.of(u);
            instants = new long[] {u.startedAt(), c.decidedAt(), c.satisfiedAt()};
            knownAt = knownAt(ctx.timestamp(), Math.max(u.startedAt(), Math.max(c.decidedAt(), c.satisfiedAt())));
            TargetHistory h = targets.get(u.key());
            if (h == null) h = new TargetHistory();
            h.add(knownAt, u);
            targets.put(u.key(), h);
            first = u.startedAt();
        } else {
            knownAt = knownAt(ctx.timestamp(), in.firedAt());
            instants = new long[] {in.firedAt()};
            facts.add(in);
            first = in.firedAt();
        }
        Long from = dataFrom.value();
        if (first >= 0 && (from == null || first < from)) dataFrom.update(first);
        for (ReportPeriod.Kind kind : KINDS) {
            for (long t : instants)
                if (t >= 0) ctx.timerService().registerEventTimeTimer(nextClose(kind, client, t, watermark));
            // a fact known after its period closed is stated as a correction at the next close
            ctx.timerService().registerEventTimeTimer(nextClose(kind, client, knownAt, watermark));
        }
    }

    /**
     * When a fact became known: its record's time, or its own time when the record has none or carries the end of a
     * bounded input (Long.MAX_VALUE: what CEP stamps on a chain it completes when a replay's last watermark arrives; a
     * period holding that instant cannot even be computed, and the replay stopped with 'long overflow').
     */
    private static long knownAt(Long recordTime, long own) {
        return recordTime == null || recordTime == Long.MAX_VALUE ? own : recordTime;
    }

    /** The close of the period holding {@code t}, or of the first period still open if that one has closed. */
    private long nextClose(ReportPeriod.Kind kind, ReportClient client, long t, long watermark) {
        long lateness = settings.allowedLatenessMs();
        long end = ReportPeriod.endOf(
                kind, client.zone(), watermark == Long.MIN_VALUE ? t : Math.max(t, watermark - lateness));
        while (end + lateness <= watermark) end = ReportPeriod.endOf(kind, client.zone(), end);
        return end + lateness;
    }

    @Override
    public void onTimer(long ts, OnTimerContext ctx, Collector<ClientReport> out) throws Exception {
        ReportClient client = directory.client(ctx.getCurrentKey());
        long closedUpTo = ts - settings.allowedLatenessMs();
        for (ReportPeriod.Kind kind : KINDS) {
            if (ReportPeriod.endOf(kind, client.zone(), closedUpTo - 1) != closedUpTo)
                continue; // the other kind's close only
            close(client, kind, ReportPeriod.containing(kind, client.zone(), closedUpTo - 1), ts, out);
        }
        prune(client, ts, ctx);
    }

    private void close(
            ReportClient client, ReportPeriod.Kind kind, ReportPeriod p, long ts, Collector<ClientReport> out)
            throws Exception {
        TrendHistory trend = trends.get(kind.name());
        if (trend == null) trend = new TrendHistory();
        if (trend.lastClosedEnd >= p.endMs()) return; // closed already (a repeated timer)
        List<OutcomeUpdate> known = new ArrayList<>();
        List<ReportCorrection> corrections = new ArrayList<>();
        List<Map.Entry<String, TargetHistory>> changed = new ArrayList<>();
        for (Map.Entry<String, TargetHistory> e : targets.entries()) {
            TargetHistory h = e.getValue();
            OutcomeUpdate v = h.asOf(p.endMs());
            if (v == null) continue;
            known.add(v);
            OutcomeUpdate stated = h.stated(kind);
            if (stated == null || stated.revision() != v.revision()) {
                corrections.addAll(
                        ReportCorrection.between(stated, v, kind, client.zone(), p.startMs(), h.knownAtOf(v)));
                h.state(kind, v);
                changed.add(e);
            }
        }
        for (Map.Entry<String, TargetHistory> e : changed) targets.put(e.getKey(), e.getValue());
        corrections.sort(Comparator.comparing(ReportCorrection::periodLabel)
                .thenComparingLong(ReportCorrection::knownAt)
                .thenComparing(ReportCorrection::ticketId)
                .thenComparing(ReportCorrection::metric));
        for (ReportCorrection c : corrections) trend.restate(c);

        List<ReportInput> events = new ArrayList<>();
        for (ReportInput f : facts.get()) events.add(f);
        for (Map.Entry<String, Tuple2<Long, String>> e : subjects.entries()) {
            events.add(ReportInput.of(new ReportInput.TicketNote(e.getKey(), client.id(), e.getValue().f1)));
        }
        PeriodFigures figures = ReportAccumulator.figures(
                client, directory.clocks(client.id()), p, settings.goalPercent(), known, events);
        trend.lastClosedEnd = p.endMs();
        if (!figures.quiet() || !corrections.isEmpty()) { // a period in which nothing happened is not reported
            PeriodSummary previous = trend.find(p.previous().label());
            if (p.endMs() <= settings.reportUntilMs()) {
                Long from = dataFrom.value();
                out.collect(ClientReport.of(
                        client,
                        p,
                        ts,
                        settings.goalPercent(),
                        figures,
                        previous,
                        trend.with(figures.summary()),
                        corrections,
                        from == null ? -1 : from,
                        directory.msp()));
            }
            trend.remember(figures.summary(), p.endMs());
        }
        trends.put(kind.name(), trend);
    }

    /** Forgets what no report can need any more, and keeps one timer ahead while anything is kept. */
    private void prune(ReportClient client, long now, OnTimerContext ctx) throws Exception {
        long cut = Long.MAX_VALUE;
        long[] closed = new long[KINDS.length];
        for (int k = 0; k < KINDS.length; k++) {
            TrendHistory t = trends.get(KINDS[k].name());
            closed[k] = t == null ? Long.MIN_VALUE : t.lastClosedEnd;
            cut = Math.min(cut, closed[k]);
        }
        long nextPrune = Long.MAX_VALUE; // when something kept now can be forgotten
        Iterator<Map.Entry<String, TargetHistory>> it = targets.iterator();
        List<Map.Entry<String, TargetHistory>> compacted = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, TargetHistory> e = it.next();
            TargetHistory h = e.getValue();
            long last = h.lastInstant();
            long forgetAt = Long.MAX_VALUE; // an open target is kept until it is satisfied (an input, with its timers)
            if (h.satisfied()) {
                forgetAt = last + settings.correctionHorizonMs();
                for (ReportPeriod.Kind kind : KINDS) {
                    forgetAt = Math.max(
                            forgetAt, ReportPeriod.endOf(kind, client.zone(), last) + settings.allowedLatenessMs());
                }
            }
            if (now >= forgetAt) {
                it.remove();
                continue;
            }
            nextPrune = Math.min(nextPrune, forgetAt);
            if (cut != Long.MIN_VALUE) {
                int before = h.versions.size();
                h.compact(cut);
                if (h.versions.size() != before) compacted.add(e);
            }
        }
        for (Map.Entry<String, TargetHistory> e : compacted) targets.put(e.getKey(), e.getValue());
        if (targets.isEmpty()) targets.clear(); // an empty map may still be an entry in some backends
        java.util.Set<String> keptTickets = new java.util.HashSet<>();
        for (String key : targets.keys()) keptTickets.add(key.substring(0, key.lastIndexOf(':')));
        // a subject is forgotten with its ticket's targets; one known after now may be waiting for its first outcome,
        // which carries the same time but comes on another channel (the union's watermark is already past now)
        Iterator<Map.Entry<String, Tuple2<Long, String>>> named = subjects.iterator();
        while (named.hasNext()) {
            Map.Entry<String, Tuple2<Long, String>> e = named.next();
            if (!keptTickets.contains(e.getKey()) && e.getValue().f0 <= now) named.remove();
        }
        if (subjects.isEmpty()) subjects.clear();

        List<ReportInput> keep = new ArrayList<>();
        for (ReportInput e : facts.get()) {
            for (int k = 0; k < KINDS.length; k++) {
                if (ReportPeriod.endOf(KINDS[k], client.zone(), e.firedAt()) > closed[k]) {
                    keep.add(e); // its period's close timer is registered: it is pruned then
                    break;
                }
            }
        }
        if (keep.isEmpty()) facts.clear();
        else facts.update(keep);

        boolean anyTrend = false;
        for (ReportPeriod.Kind kind : KINDS) {
            TrendHistory t = trends.get(kind.name());
            if (t == null) continue;
            // a trend is kept for a year after the last report of its kind, while the client has nothing else
            long staleAt = t.lastIssuedEnd == Long.MIN_VALUE ? now : t.lastIssuedEnd + TREND_KEPT_MS;
            if (targets.isEmpty() && keep.isEmpty() && now >= staleAt) {
                trends.remove(kind.name());
            } else {
                anyTrend = true;
                if (now < staleAt) nextPrune = Math.min(nextPrune, staleAt);
            }
        }
        if (!anyTrend) {
            trends.clear();
            if (targets.isEmpty() && keep.isEmpty()) dataFrom.clear();
        }
        if (nextPrune != Long.MAX_VALUE) {
            // at the next close of a week from then: closes (and reports, if anything arrived) and forgets what is due
            long weekEnd =
                    ReportPeriod.endOf(ReportPeriod.Kind.WEEK, client.zone(), nextPrune - settings.allowedLatenessMs());
            ctx.timerService().registerEventTimeTimer(weekEnd + settings.allowedLatenessMs());
        }
    }
}
