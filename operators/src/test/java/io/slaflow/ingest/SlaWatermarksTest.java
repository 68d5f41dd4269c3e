package io.slaflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.EventTimeScan;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class SlaWatermarksTest {
    private long now = 1_000_000;
    /** Watermarks as their timestamps, idleness as "idle" / "active", in the order the generator gave them. */
    private final List<Object> emitted = new ArrayList<>();

    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            emitted.add("idle");
        }

        @Override
        public void markActive() {
            emitted.add("active");
        }
    };

    private final SlaWatermarks.IdleWhenQuiet<String> generator =
            new SlaWatermarks.IdleWhenQuiet<>(500, 200, 2_000, Long.MAX_VALUE, () -> now, () -> now);

    @Test
    void replayEmitsTheHighestEventTimeMinusTheBoundWithEveryNthEventOnly() {
        var replay = new SlaWatermarks.ReplayWatermarks<String>(500, 3);
        long[] times = {10_000, 12_000, 11_000, 11_500, 13_000, 9_000, 9_500, 9_600, 9_700};
        for (long t : times) {
            replay.onEvent("e", t, output);
        }
        assertThat(emitted)
                .as("after the 3rd event: max 12,000; after the 6th: 13,000; the 9th: no advance, nothing")
                .containsExactly(12_000L - 501, 13_000L - 501);
        replay.onPeriodicEmit(output);
        assertThat(emitted).as("never by the clock").hasSize(2);
    }

    @Test
    void replayWatermarksDependOnlyOnTheInputOrder() {
        var a = new SlaWatermarks.ReplayWatermarks<String>(1_000, SlaWatermarks.REPLAY_WATERMARK_EVERY);
        java.util.Random r = new java.util.Random(5);
        long[] times = new long[10 * SlaWatermarks.REPLAY_WATERMARK_EVERY];
        for (int i = 0; i < times.length; i++) times[i] = 1_000_000 + i * 100L + r.nextInt(900);
        for (long t : times) a.onEvent("e", t, output);
        List<Object> first = new ArrayList<>(emitted);
        emitted.clear();
        var b = new SlaWatermarks.ReplayWatermarks<String>(1_000, SlaWatermarks.REPLAY_WATERMARK_EVERY);
        for (long t : times) b.onEvent("e", t, output);
        assertThat(emitted).isEqualTo(first).hasSize(10);
        long previous = Long.MIN_VALUE;
        for (Object w : first) {
            assertThat((Long) w).isGreaterThan(previous);
            previous = (Long) w;
        }
    }

    @Test
    void whileEventsFlowTheWatermarkTrailsTheHighestEventTimeByTheBound() {
        generator.onEvent("e", 2_000_000, output);
        now += 100;
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(2_000_000L - 500 - 1);
    }

    @Test
    void whenTheInputGoesQuietThePartitionIsIdleButNeverMovesEventTimeByItself() {
        generator.onEvent("e", now, output);
        now += 199;
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(1_000_000L - 501);

        now += 1; // quiet for 200 ms
        generator.onPeriodicEmit(output);
        now += 10_000;
        generator.onPeriodicEmit(output);
        assertThat(emitted)
                .as("idle once; the wall clock is WallClockWhileIdle's business")
                .containsExactly(1_000_000L - 501, "idle");

        generator.onEvent("e2", now, output);
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(1_000_000L - 501, "idle", "active", 1_010_200L - 501);
    }

    @Test
    void whileTheSourceIsBackPressuredItIsNotIdleHoweverLongTheWallClockRuns() {
        long[] activity = {0}; // Flink's input-activity clock: stands still while the source cannot emit
        var generator =
                new SlaWatermarks.IdleWhenQuiet<String>(500, 200, 2_000, Long.MAX_VALUE, () -> now, () -> activity[0]);
        generator.onEvent("e", now, output); // caught up
        now += 60_000; // a sink outage holds the source back for a minute
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("the events waiting in Kafka keep their place").containsExactly(1_000_000L - 501);

        activity[0] += 200; // the source can read again, and nothing comes for the idle time: really quiet
        now += 200;
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(1_000_000L - 501, "idle");
    }

    @Test
    void whileTheBrokerCannotBeReachedItIsNotIdleAndWhenItIsBackTheInputIsABacklog() {
        boolean[] reachable = {true};
        var generator = new SlaWatermarks.IdleWhenQuiet<String>(
                500, 200, 2_000, Long.MAX_VALUE, () -> now, () -> now, () -> reachable[0]);
        generator.onEvent("e", now, output); // caught up
        reachable[0] = false; // the broker restarts: the producers' events of the next seconds wait
        now += 8_000;
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("event time holds while the broker is away").containsExactly(1_000_000L - 501);

        reachable[0] = true; // back: its first records are 8 s old, and may take longer than the idle time to come
        now += 1_999;
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(1_000_000L - 501);
        generator.onEvent("held back", 1_000_100, output); // a current event again: caught up
        now += 200;
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("quiet for the idle time after it: idle").containsExactly(1_000_000L - 501, "idle");
    }

    @Test
    void aBrokerThatIsBackButSilentForTheBacklogIdleTimeIsIdle() {
        boolean[] reachable = {false};
        var generator = new SlaWatermarks.IdleWhenQuiet<String>(
                500, 200, 2_000, Long.MAX_VALUE, () -> now, () -> now, () -> reachable[0]);
        generator.onEvent("e", now, output);
        now += 5_000;
        generator.onPeriodicEmit(output);
        reachable[0] = true;
        now += 1_999;
        generator.onPeriodicEmit(output);
        assertThat(emitted).as("back, but maybe still fetching its backlog").containsExactly(1_000_000L - 501);
        now += 1;
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(1_000_000L - 501, "idle");
    }

    @Test
    void whileABacklogIsReadAShortPauseIsNotIdleness() {
        generator.onEvent("old", now - 3_600_000, output); // an hour behind the wall clock: catching up
        now += 1_999;
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(1_000_000L - 3_600_000 - 501);

        now += 1; // quiet for the backlog idle time: the input really is idle
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(1_000_000L - 3_600_000 - 501, "idle");
    }

    @Test
    void withoutAnyEventItOnlyEverDeclaresItselfIdle() {
        // Flink runs one generator for the source's main output, which the Kafka source never writes to: its
        // watermark reaches the same stream as the partitions' minimum and must never overtake it
        for (int i = 0; i < 100; i++) {
            now += 1_000;
            generator.onPeriodicEmit(output);
        }
        assertThat(emitted).containsExactly("idle");
    }

    @Test
    void theWatermarkNeverGoesBackwards() {
        generator.onEvent("e", now, output);
        generator.onPeriodicEmit(output);
        generator.onEvent("older", now - 60_000, output);
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(1_000_000L - 501);
    }

    @Test
    void anUnreadableTimeOrOneFromASkewedClockIsActivityButNotEventTime() {
        var generator = new SlaWatermarks.IdleWhenQuiet<String>(500, 200, 2_000, 300_000, () -> now, () -> now);
        generator.onEvent("e", now - 10_000, output);
        generator.onEvent("unreadable", EventTimeScan.UNKNOWN, output);
        generator.onEvent("from a skewed clock", now + 300_001, output);
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(1_000_000L - 10_000 - 501);

        generator.onEvent("five minutes ahead: allowed", now + 300_000, output);
        generator.onPeriodicEmit(output);
        assertThat(emitted).last().isEqualTo(1_300_000L - 501);
    }

    @Test
    void atTheSourceEachPartitionGetsItsOwnClockReadFromTheRawBytes() {
        var strategy = SlaWatermarks.liveAtSource(
                java.time.Duration.ofMillis(500),
                java.time.Duration.ofMillis(200),
                java.time.Duration.ofSeconds(2),
                java.time.Duration.ofMinutes(5),
                () -> now);
        var partition0 = strategy.createWatermarkGenerator(null);
        var partition1 = strategy.createWatermarkGenerator(null);
        assertThat(partition0).isNotSameAs(partition1);
        RawRecord raw = RawRecord.fromKafka(
                "{\"eventId\":\"e1\",\"occurredAt\":\"1970-01-01T00:33:20Z\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "ticket-events",
                0,
                0);
        assertThat(strategy.createTimestampAssigner(null).extractTimestamp(raw, 0))
                .isEqualTo(2_000_000L);
    }

    @Test
    void thePolicyInputNeverHoldsTimeBack() {
        List<Long> policyMarks = new ArrayList<>();
        var g = SlaWatermarks.<String>alwaysMax().createWatermarkGenerator(null);
        g.onPeriodicEmit(new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark watermark) {
                policyMarks.add(watermark.getTimestamp());
            }

            @Override
            public void markIdle() {}

            @Override
            public void markActive() {}
        });
        assertThat(policyMarks).containsExactly(Long.MAX_VALUE);
    }
}
