package io.slaflow.adherence.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.adherence.AdherenceCounts;
import io.slaflow.adherence.AdherenceDocument;
import io.slaflow.adherence.AdherenceFragment;
import io.slaflow.adherence.AdherenceSettings;
import io.slaflow.adherence.RollingSums;
import io.slaflow.policy.Metric;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** The three adherence stages on Flink's operator harnesses. */
class AdherenceOperatorsTest {
    static final long H = AdherenceFragment.HOUR_MS;
    static final long DAY = 24 * H;
    static final AdherenceSettings LIVE = AdherenceSettings.live(Duration.ofDays(31));

    static OutcomeUpdate resolution(
            String ticket,
            String client,
            String tier,
            Outcome o,
            String start,
            String deadline,
            String completed,
            String breached,
            int revision) {
        return new OutcomeUpdate(
                ticket,
                client,
                tier,
                Metric.RESOLUTION,
                at(start),
                at(deadline),
                o,
                completed == null ? -1 : at(completed),
                breached == null ? -1 : at(breached),
                "r",
                "v1",
                false,
                revision);
    }

    static AdherenceFragment fragment(String client, String tier, String hour, int met, int breached) {
        AdherenceCounts c = new AdherenceCounts();
        c.met = met;
        c.breached = breached;
        return new AdherenceFragment(client, false, tier, Metric.RESOLUTION, at(hour), c);
    }

    // ---- contributions (keyed by ticket)

    @Test
    void contributionsRetractWhatAReopenUndoesAndForgetTheTicketAfterRetention() throws Exception {
        var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AdherenceContributions(LIVE), OutcomeUpdate::ticketId, Types.STRING);
        OutcomeUpdate met = resolution(
                "T-1",
                "acme",
                "P2",
                Outcome.MET,
                "2026-11-20T10:00:00Z",
                "2026-11-20T18:00:00Z",
                "2026-11-20T11:15:00Z",
                null,
                2);
        h.processElement(met, at("2026-11-20T11:15:00Z"));
        h.processElement(met, at("2026-11-20T11:15:00Z")); // the same standing again: no change
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(f -> assertThat(f.counts().met).isEqualTo(1));
        assertThat(h.numEventTimeTimers()).isEqualTo(1);

        OutcomeUpdate reopened = resolution(
                "T-1", "acme", "P2", Outcome.PENDING, "2026-11-20T10:00:00Z", "2026-11-20T19:00:00Z", null, null, 3);
        h.processElement(reopened, at("2026-11-20T12:00:00Z"));
        assertThat(h.extractOutputValues())
                .hasSize(2)
                .last()
                .satisfies(f -> assertThat(f.counts().met).isEqualTo(-1));
        assertThat(h.numEventTimeTimers())
                .as("an open ticket is remembered as long as the enforcer keeps it")
                .isZero();

        OutcomeUpdate resolvedAgain = resolution(
                "T-1",
                "acme",
                "P2",
                Outcome.MET,
                "2026-11-20T10:00:00Z",
                "2026-11-20T19:00:00Z",
                "2026-11-20T13:00:00Z",
                null,
                4);
        h.processElement(resolvedAgain, at("2026-11-20T13:00:00Z"));
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.processWatermark(at("2026-11-20T13:00:00Z") + Duration.ofDays(31).toMillis());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    // ---- bundler (before the per-series key)

    @Test
    void theBundlerSumsFragmentsOfOneBucketAndFlushesBeforeTheWatermark() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new AdherenceBundler(1_000));
        h.open();
        h.processElement(new StreamRecord<>(fragment("acme", "P1", "2026-11-20T10:00:00Z", 1, 0), 10));
        h.processElement(new StreamRecord<>(fragment("acme", "P1", "2026-11-20T10:00:00Z", 1, 1), 30));
        h.processElement(new StreamRecord<>(fragment("acme", "P2", "2026-11-20T10:00:00Z", 1, 0), 20));
        h.processElement(new StreamRecord<>(fragment("beta", "P1", "2026-11-20T10:00:00Z", 1, 0), 20));
        h.processElement(new StreamRecord<>(fragment("beta", "P1", "2026-11-20T10:00:00Z", -1, 0), 25));
        assertThat(h.getOutput()).as("nothing leaves before the watermark").isEmpty();
        h.processWatermark(40);
        List<Object> out = List.copyOf(h.getOutput());
        assertThat(out).hasSize(3).last().isEqualTo(new org.apache.flink.streaming.api.watermark.Watermark(40));
        @SuppressWarnings("unchecked")
        var merged = out.subList(0, 2).stream()
                .map(o -> (StreamRecord<AdherenceFragment>) o)
                .collect(Collectors.toMap(r -> r.getValue().tier(), r -> r));
        assertThat(merged.get("P1").getValue().counts().met).isEqualTo(2);
        assertThat(merged.get("P1").getValue().counts().breached).isEqualTo(1);
        assertThat(merged.get("P1").getTimestamp()).isEqualTo(30);
        assertThat(merged.get("P2").getValue().counts().met).isEqualTo(1);
        h.close();
    }

    @Test
    void theBundlerEmptiesItselfBeforeACheckpointBarrierAndWhenFull() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new AdherenceBundler(2));
        h.open();
        h.processElement(new StreamRecord<>(fragment("acme", "P1", "2026-11-20T10:00:00Z", 1, 0), 10));
        h.prepareSnapshotPreBarrier(1);
        assertThat(h.extractOutputValues()).hasSize(1);
        h.processElement(new StreamRecord<>(fragment("acme", "P1", "2026-11-20T11:00:00Z", 1, 0), 10));
        h.processElement(new StreamRecord<>(fragment("acme", "P1", "2026-11-20T12:00:00Z", 1, 0), 10));
        assertThat(h.extractOutputValues())
                .as("two buckets fill a bundle of two")
                .hasSize(3);
        h.close();
    }

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    // ---- aggregator (keyed by series)

    private static KeyedOneInputStreamOperatorTestHarness<String, AdherenceFragment, AdherenceDocument> aggregator(
            AdherenceSettings settings) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AdherenceAggregator(settings), AdherenceFragment::seriesKey, Types.STRING);
    }

    @Test
    void theAggregatorPublishesTheChangedHourAndTheRollingWindowsAtTheNextTick() throws Exception {
        var h = aggregator(LIVE);
        h.processWatermark(at("2026-11-20T10:30:00Z"));
        h.processElement(fragment("acme", "P1", "2026-11-20T10:00:00Z", 9, 0), at("2026-11-20T10:30:00Z"));
        h.processElement(fragment("acme", "P1", "2026-11-20T10:00:00Z", 0, 1), at("2026-11-20T10:30:00Z"));
        h.processElement(fragment("acme", "P1", "2026-11-19T08:00:00Z", 1, 1), at("2026-11-20T10:30:00Z"));
        assertThat(h.extractOutputValues())
                .as("published on the tick, not per fragment")
                .isEmpty();
        h.processWatermark(at("2026-11-20T10:30:01Z"));
        List<AdherenceDocument> docs = h.extractOutputValues();
        assertThat(docs)
                .extracting(AdherenceDocument::id)
                .containsExactly(
                        "acme|P1|RESOLUTION|1h|2026-11-19T08:00:00Z",
                        "acme|P1|RESOLUTION|1h|2026-11-20T10:00:00Z",
                        "acme|P1|RESOLUTION|24h",
                        "acme|P1|RESOLUTION|7d",
                        "acme|P1|RESOLUTION|30d");
        assertThat(docs.get(1).adherencePercent()).isEqualTo(90.0);
        assertThat(docs.get(1).decided()).isEqualTo(10);
        AdherenceDocument day = docs.get(2);
        assertThat(day.decided())
                .as("08:00 yesterday is outside 11:00 yesterday → 11:00 today")
                .isEqualTo(10);
        assertThat(day.bucketStart()).isEqualTo(at("2026-11-19T11:00:00Z"));
        AdherenceDocument week = docs.get(3);
        assertThat(week.met()).isEqualTo(10);
        assertThat(week.breached()).isEqualTo(2);
        assertThat(week.updatedAt()).isEqualTo(at("2026-11-20T10:30:01Z"));
        h.close();
    }

    @Test
    void rollingFiguresChangeWhenABucketLeavesAWindowAndTheSeriesIsForgottenAfterThirtyDays() throws Exception {
        var h = aggregator(LIVE);
        h.processWatermark(at("2026-11-20T10:30:00Z"));
        h.processElement(fragment("acme", "P1", "2026-11-20T10:00:00Z", 1, 1), at("2026-11-20T10:30:00Z"));
        h.processWatermark(at("2026-11-20T10:31:00Z"));
        int before = h.extractOutputValues().size();
        h.processWatermark(at("2026-11-21T10:00:00Z"));
        List<AdherenceDocument> after =
                h.extractOutputValues().subList(before, h.extractOutputValues().size());
        assertThat(after)
                .filteredOn(d -> d.window().equals("24h"))
                .singleElement()
                .satisfies(d -> assertThat(d.decided()).isZero());
        assertThat(after)
                .filteredOn(d -> d.window().equals("7d"))
                .singleElement()
                .satisfies(d -> assertThat(d.decided()).isEqualTo(2));
        assertThat(after).noneMatch(d -> d.window().equals("1h"));

        h.processWatermark(at("2026-12-20T10:00:00Z"));
        List<AdherenceDocument> all = h.extractOutputValues();
        assertThat(all.get(all.size() - 1).window()).isEqualTo("30d");
        assertThat(all.get(all.size() - 1).decided()).isZero();
        assertThat(h.numKeyedStateEntries())
                .as("no state after the last window passes")
                .isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aHotSeriesIsPublishedOncePerTickHoweverManyChangesArrive() throws Exception {
        var h = aggregator(LIVE);
        h.processWatermark(at("2026-11-20T10:00:00Z"));
        for (int i = 0; i < 500; i++) {
            h.processElement(fragment("hot", "P1", "2026-11-20T10:00:00Z", 1, 0), at("2026-11-20T10:00:00Z") + i);
        }
        h.processWatermark(at("2026-11-20T10:00:05Z"));
        assertThat(h.extractOutputValues()).hasSize(4);
        assertThat(h.extractOutputValues().get(0).met()).isEqualTo(500);
        h.close();
    }

    @Test
    void aReplayPublishesNothingAsOfATimeAfterItsAsOf() throws Exception {
        long asOf = at("2026-11-20T12:00:00Z");
        var h = aggregator(LIVE.withEmitUntil(asOf).withEmitEvery(Duration.ofMinutes(5)));
        h.processWatermark(at("2026-11-20T11:58:00Z"));
        h.processElement(fragment("acme", "P1", "2026-11-20T11:00:00Z", 1, 0), at("2026-11-20T11:58:00Z"));
        h.processWatermark(Long.MAX_VALUE);
        List<AdherenceDocument> docs = h.extractOutputValues();
        assertThat(docs).hasSize(4).allSatisfy(d -> assertThat(d.updatedAt()).isEqualTo(asOf));
        assertThat(docs)
                .filteredOn(d -> d.window().equals("24h"))
                .singleElement()
                .satisfies(d -> assertThat(d.met()).isEqualTo(1));
        h.close();
    }

    @Test
    void aCorrectionForAnExpiredHourIsNotAppliedToANewEmptyBucket() throws Exception {
        var h = aggregator(LIVE);
        h.processWatermark(at("2026-11-20T10:00:00Z"));
        h.processElement(fragment("acme", "P1", "2026-10-20T09:00:00Z", -1, 0), at("2026-11-20T10:00:00Z"));
        h.processWatermark(at("2026-11-20T11:00:00Z"));
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void anHourThatReturnsToZeroIsPublishedAsZeroSoTheOldDocumentIsOverwritten() throws Exception {
        var h = aggregator(LIVE);
        h.processWatermark(at("2026-11-20T10:00:00Z"));
        h.processElement(fragment("acme", "P1", "2026-11-20T09:00:00Z", 1, 0), at("2026-11-20T10:00:00Z"));
        h.processWatermark(at("2026-11-20T10:00:02Z"));
        h.processElement(fragment("acme", "P1", "2026-11-20T09:00:00Z", -1, 0), at("2026-11-20T10:00:03Z"));
        h.processWatermark(at("2026-11-20T10:00:05Z"));
        List<AdherenceDocument> hourly = h.extractOutputValues().stream()
                .filter(d -> d.window().equals("1h"))
                .toList();
        assertThat(hourly).extracting(AdherenceDocument::met).containsExactly(1L, 0L);
        assertThat(hourly.get(1).adherencePercent()).isNaN();
        h.close();
    }

    /**
     * The keyed state of the aggregator before it kept its rolling sums ({@code hourly-buckets} and {@code series},
     * with their timers), written as that version wrote it: what a savepoint taken then holds.
     */
    static final class EarlierAggregatorState extends KeyedProcessFunction<String, AdherenceFragment, Void> {
        private transient MapState<Long, AdherenceCounts> buckets;
        private transient ValueState<AdherenceAggregator.SeriesState> series;

        @Override
        public void open(OpenContext openContext) {
            buckets = getRuntimeContext()
                    .getMapState(
                            new MapStateDescriptor<>("hourly-buckets", Types.LONG, Types.POJO(AdherenceCounts.class)));
            series = getRuntimeContext()
                    .getState(new ValueStateDescriptor<>("series", AdherenceAggregator.SeriesState.class));
        }

        @Override
        public void processElement(AdherenceFragment f, Context ctx, Collector<Void> out) throws Exception {
            AdherenceAggregator.SeriesState s = series.value();
            if (s == null) {
                s = new AdherenceAggregator.SeriesState();
                s.id = AdherenceDocument.SeriesId.of(f);
            }
            AdherenceCounts bucket = buckets.get(f.hourStart());
            if (bucket == null) {
                buckets.put(f.hourStart(), f.counts().copy());
                for (long exit : new long[] {f.hourStart() + DAY, f.hourStart() + 7 * DAY, f.hourStart() + 30 * DAY}) {
                    if (exit > ctx.timerService().currentWatermark())
                        ctx.timerService().registerEventTimeTimer(exit);
                }
            } else {
                bucket.add(f.counts());
                buckets.put(f.hourStart(), bucket);
            }
            s.dirtyHours = RollingSums.withHour(s.dirtyHours, f.hourStart());
            series.update(s);
            ctx.timerService().registerEventTimeTimer(ctx.timestamp() / 1000 * 1000 + 1000);
        }
    }

    private static final String[] HISTORY = {
        "2026-11-01T08:00:00Z",
        "2026-11-03T10:00:00Z",
        "2026-11-12T09:00:00Z",
        "2026-11-18T23:00:00Z",
        "2026-11-19T14:00:00Z",
        "2026-11-20T09:00:00Z",
        "2026-11-20T10:00:00Z"
    };

    private static OperatorSubtaskState stateAfterHistory(KeyedProcessFunction<String, AdherenceFragment, ?> fn)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(fn), AdherenceFragment::seriesKey, Types.STRING);
        h.open();
        h.processWatermark(at("2026-11-20T10:30:00Z"));
        for (int i = 0; i < HISTORY.length; i++) {
            h.processElement(fragment("acme", "P1", HISTORY[i], i + 1, i % 3), at("2026-11-20T10:30:00Z"));
            h.processElement(fragment("beta", "P2", HISTORY[i], 1, i % 2), at("2026-11-20T10:30:00Z"));
        }
        OperatorSubtaskState state = h.snapshot(1, 1);
        h.close();
        return state;
    }

    private static List<AdherenceDocument> publishedAfterRestoring(OperatorSubtaskState state) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AdherenceAggregator(LIVE)), AdherenceFragment::seriesKey, Types.STRING);
        h.initializeState(state);
        h.open();
        h.processWatermark(at("2026-11-20T10:30:01Z"));
        h.processElement(fragment("acme", "P1", "2026-11-20T10:00:00Z", 0, 5), at("2026-11-20T10:40:00Z"));
        h.processElement(fragment("acme", "P1", "2026-10-29T10:00:00Z", 3, 0), at("2026-11-20T10:40:00Z"));
        for (String t : new String[] {"2026-11-20T10:40:01Z", "2026-11-21T12:00:00Z", "2026-11-28T00:00:00Z"}) {
            h.processWatermark(at(t));
        }
        h.processWatermark(at("2026-12-25T00:00:00Z"));
        assertThat(h.numKeyedStateEntries())
                .as("every bucket left every window")
                .isZero();
        List<AdherenceDocument> docs = h.extractOutputValues();
        h.close();
        return docs;
    }

    @Test
    void aSavepointFromBeforeTheRollingSumsPublishesWhatAnUninterruptedRunDoes() throws Exception {
        List<AdherenceDocument> fromEarlier = publishedAfterRestoring(stateAfterHistory(new EarlierAggregatorState()));
        List<AdherenceDocument> fromThis = publishedAfterRestoring(stateAfterHistory(new AdherenceAggregator(LIVE)));
        List<AdherenceDocument> month = fromThis.stream()
                .filter(d -> d.clientId().equals("acme") && d.window().equals("30d"))
                .toList();
        assertThat(month.get(0).met()).as("the history, restored").isEqualTo(28);
        assertThat(month.get(0).breached()).isEqualTo(6);
        assertThat(month.get(1).met())
                .as("and the two fragments after the restore")
                .isEqualTo(28 + 3);
        assertThat(month.get(1).breached()).isEqualTo(6 + 5);
        assertThat(fromEarlier).hasSizeGreaterThan(50).isEqualTo(fromThis);
    }
}
