package io.slaflow.adherence.stream;

import io.slaflow.adherence.AdherenceCounts;
import io.slaflow.adherence.AdherenceDocument;
import io.slaflow.adherence.AdherenceDocument.SeriesId;
import io.slaflow.adherence.AdherenceFragment;
import io.slaflow.adherence.AdherenceSettings;
import io.slaflow.adherence.AdherenceWindow;
import io.slaflow.adherence.CountsAccumulator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by series (client × tier × metric): sums fragments into hourly buckets and publishes the changed hours
 * and the rolling 24 h / 7 d / 30 d figures.
 * <ul>
 *   <li>{@code updatedAt} is the event time a document is published at; in a replay it is the as-of time for
 *       every document, since the figures a replay leaves behind are those as of then.</li>
 *   <li>Publishing is driven by event-time timers, so a replay publishes exactly what a live run would have:
 *       a change schedules a publication at the next multiple of {@code emitEvery} after the current
 *       watermark (at most one per series per tick, however hot the client).</li>
 *   <li>Rolling figures also change when time passes: each bucket schedules a publication at the moments it
 *       leaves the 24 h, 7 d and 30 d windows, and is dropped after the last one. A series whose buckets have
 *       all expired holds no state and no timers.</li>
 *   <li>A fragment for an hour already dropped (a correction more than 30 days late) cannot be applied to the
 *       rolling figures any more; it is counted in the {@code adherenceCorrectionsTooLate} metric and logged.</li>
 * </ul>
 */
public class AdherenceAggregator extends KeyedProcessFunction<String, AdherenceFragment, AdherenceDocument> {
    private static final Logger LOG = LoggerFactory.getLogger(AdherenceAggregator.class);

    private final AdherenceSettings settings;
    private transient MapState<Long, AdherenceCounts> buckets;
    private transient ValueState<SeriesState> series;
    private transient Counter tooLate;
    /** Reused for every publication: one per rolling window. */
    private transient CountsAccumulator[] rolling;

    public AdherenceAggregator(AdherenceSettings settings) {
        this.settings = settings;
    }

    /** Per-series bookkeeping besides the buckets. A Flink POJO. */
    public static final class SeriesState {
        public SeriesId id;
        /** Hours changed since the last publication, ascending. */
        public long[] dirtyHours = new long[0];

        public SeriesState() {}
    }

    @Override
    public void open(OpenContext openContext) {
        buckets = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("hourly-buckets", Types.LONG, Types.POJO(AdherenceCounts.class)));
        series = getRuntimeContext().getState(new ValueStateDescriptor<>("series", SeriesState.class));
        tooLate = getRuntimeContext().getMetricGroup().counter("adherenceCorrectionsTooLate");
        rolling = new CountsAccumulator[AdherenceWindow.ROLLING.length];
        for (int i = 0; i < rolling.length; i++) rolling[i] = new CountsAccumulator();
    }

    @Override
    public void processElement(AdherenceFragment f, Context ctx, Collector<AdherenceDocument> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && f.hourStart() + AdherenceSettings.bucketRetentionMs() <= watermark) {
            tooLate.inc();
            LOG.warn(
                    "Adherence correction for {} at hour {} arrived after its bucket expired; not applied",
                    f.seriesKey(),
                    java.time.Instant.ofEpochMilli(f.hourStart()));
            return;
        }
        SeriesState s = series.value();
        if (s == null) {
            s = new SeriesState();
            s.id = SeriesId.of(f);
        }
        AdherenceCounts bucket = buckets.get(f.hourStart());
        if (bucket == null) {
            buckets.put(f.hourStart(), f.counts().copy());
            scheduleWindowExits(f.hourStart(), watermark, ctx);
        } else {
            bucket.add(f.counts());
            buckets.put(f.hourStart(), bucket);
        }
        s.dirtyHours = withHour(s.dirtyHours, f.hourStart());
        series.update(s);
        long now = Math.max(watermark, ctx.timestamp() == null ? watermark : ctx.timestamp());
        long tick = Math.floorDiv(Math.max(now, 0), settings.emitEveryMs()) * settings.emitEveryMs()
                + settings.emitEveryMs();
        ctx.timerService().registerEventTimeTimer(Math.min(tick, Math.max(settings.emitUntilMs(), 0)));
        if (settings.emitUntilMs() != Long.MAX_VALUE) {
            // a replay leaves every series' rolling figures as of its as-of time, not as of its last change
            ctx.timerService().registerEventTimeTimer(settings.emitUntilMs());
        }
    }

    /** Exits already behind the watermark are due now anyway: the tick publishes them. */
    private void scheduleWindowExits(long hour, long watermark, Context ctx) {
        for (AdherenceWindow w : AdherenceWindow.ROLLING) {
            long exit = hour + w.lengthMs();
            if (exit > watermark) ctx.timerService().registerEventTimeTimer(exit);
        }
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<AdherenceDocument> out) throws Exception {
        SeriesState s = series.value();
        if (s == null) return;
        if (t <= settings.emitUntilMs()) {
            // a replay's figures are all as of its as-of time, whatever the order its watermarks happened to take
            long asOf = settings.emitUntilMs() == Long.MAX_VALUE ? t : settings.emitUntilMs();
            for (long hour : s.dirtyHours) {
                AdherenceCounts c = buckets.get(hour);
                out.collect(AdherenceDocument.of(
                        s.id,
                        AdherenceWindow.HOUR,
                        hour,
                        hour + AdherenceFragment.HOUR_MS,
                        c == null ? new AdherenceCounts() : c,
                        asOf));
            }
            s.dirtyHours = new long[0];
            publishRolling(s.id, t, out);
        }
        // a bucket expires exactly at its 30 d exit timer, which is on an hour boundary: only then can anything go
        boolean anyLeft = t % AdherenceFragment.HOUR_MS != 0 || dropExpired(t);
        if (!anyLeft && s.dirtyHours.length == 0) {
            series.clear();
        } else {
            series.update(s);
        }
    }

    private void publishRolling(SeriesId id, long t, Collector<AdherenceDocument> out) throws Exception {
        for (CountsAccumulator sum : rolling) sum.reset();
        for (Map.Entry<Long, AdherenceCounts> e : buckets.entries()) {
            long hour = e.getKey();
            for (int i = 0; i < rolling.length; i++) {
                AdherenceWindow w = AdherenceWindow.ROLLING[i];
                if (hour >= w.startAsOf(t) && hour < w.endAsOf(t)) rolling[i].add(e.getValue());
            }
        }
        long asOf = settings.emitUntilMs() == Long.MAX_VALUE ? t : settings.emitUntilMs();
        for (int i = 0; i < rolling.length; i++) {
            AdherenceWindow w = AdherenceWindow.ROLLING[i];
            out.collect(AdherenceDocument.of(id, w, w.startAsOf(t), w.endAsOf(t), rolling[i].result(), asOf));
        }
    }

    /** Drops buckets that have left every window; true if any remain. */
    private boolean dropExpired(long t) throws Exception {
        List<Long> expired = new ArrayList<>();
        boolean anyLeft = false;
        for (Iterator<Long> it = buckets.keys().iterator(); it.hasNext(); ) {
            long hour = it.next();
            if (hour + AdherenceWindow.MONTH.lengthMs() <= AdherenceFragment.hourOf(t)) expired.add(hour);
            else anyLeft = true;
        }
        for (long hour : expired) buckets.remove(hour);
        return anyLeft;
    }

    /** {@code hours} (ascending) with {@code hour} in its place; the same array if it is there already. */
    static long[] withHour(long[] hours, long hour) {
        int at = java.util.Arrays.binarySearch(hours, hour);
        if (at >= 0) return hours;
        int insert = -at - 1;
        long[] more = new long[hours.length + 1];
        System.arraycopy(hours, 0, more, 0, insert);
        more[insert] = hour;
        System.arraycopy(hours, insert, more, insert + 1, hours.length - insert);
        return more;
    }
}
