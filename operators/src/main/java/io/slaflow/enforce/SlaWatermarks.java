package io.slaflow.enforce;

import io.slaflow.event.TicketEvent;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The watermark strategies of the two modes (README, "Time").
 * <ul>
 *   <li><b>Replay</b>: bounded out-of-orderness; time moves only with the data.</li>
 *   <li><b>Live</b>: the same, and when a source split has seen no event for {@code idleAfter}, its watermark
 *       follows the wall clock (minus the same bound), so a deadline passes on time even if no other event ever
 *       arrives. Flink's {@code withIdleness} only excludes idle splits from the minimum; when every split is
 *       idle, the watermark stops, and so would every breach.</li>
 *   <li><b>Policies</b>: the policy input never holds event time back (its watermark is always the maximum).</li>
 * </ul>
 */
public final class SlaWatermarks {
    private SlaWatermarks() {}

    public static WatermarkStrategy<TicketEvent> replay(Duration outOfOrderness) {
        return WatermarkStrategy.<TicketEvent>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((e, recordTimestamp) -> e.occurredAt);
    }

    public static WatermarkStrategy<TicketEvent> live(Duration outOfOrderness, Duration idleAfter) {
        return live(outOfOrderness, idleAfter, System::currentTimeMillis);
    }

    static WatermarkStrategy<TicketEvent> live(Duration outOfOrderness, Duration idleAfter, WallClock clock) {
        long bound = outOfOrderness.toMillis();
        long idle = idleAfter.toMillis();
        WatermarkStrategy<TicketEvent> strategy = ctx -> new WallClockWhenIdle<>(bound, idle, clock);
        return strategy.withTimestampAssigner((e, recordTimestamp) -> e.occurredAt);
    }

    public static <T> WatermarkStrategy<T> alwaysMax() {
        return ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.emitWatermark(new Watermark(Long.MAX_VALUE));
            }
        };
    }

    /** A wall clock that can be replaced in tests. */
    @FunctionalInterface
    public interface WallClock extends Serializable {
        long now();
    }

    /** Bounded out-of-orderness that follows the wall clock while no event arrives. */
    static final class WallClockWhenIdle<T> implements WatermarkGenerator<T> {
        private final long bound;
        private final long idleAfter;
        private final WallClock clock;
        private long maxTimestamp;
        private long lastEventWallTime;
        private long emitted = Long.MIN_VALUE;

        WallClockWhenIdle(long bound, long idleAfter, WallClock clock) {
            this.bound = bound;
            this.idleAfter = idleAfter;
            this.clock = clock;
            this.maxTimestamp = Long.MIN_VALUE + bound + 1;
            this.lastEventWallTime = clock.now();
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
            lastEventWallTime = clock.now();
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long now = clock.now();
            long watermark = maxTimestamp - bound - 1;
            if (now - lastEventWallTime >= idleAfter) {
                watermark = Math.max(watermark, now - bound - 1);
            }
            if (watermark > emitted) { // never backwards
                emitted = watermark;
                output.emitWatermark(new Watermark(watermark));
            }
        }
    }
}
