package io.slaflow.ingest;

import io.slaflow.event.EventTimeScan;
import io.slaflow.event.TicketEvent;
import java.io.Serializable;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watermark strategies of the two modes (README, "Time").
 * <ul>
 *   <li><b>Replay</b>: bounded out-of-orderness; time moves only with the data.</li>
 *   <li><b>Live</b>: the same per Kafka partition, and when the input has been quiet for {@code idleAfter}, the
 *       watermark follows the wall clock (minus the same bound), so a deadline passes on time even if no other event
 *       ever arrives. Two parts: at the source a quiet partition declares itself idle ({@link IdleWhenQuiet}) and
 *       drops out of the minimum, as Flink's {@code withIdleness} does; a subtask whose whole input is idle is then
 *       moved on by the wall clock ({@link WallClockWhileIdle}), which {@code withIdleness} alone never does (when
 *       every split is idle the watermark stops, and so would every breach). A pause while the job reads a backlog
 *       (the last event was more than {@link #CAUGHT_UP_LAG} behind the wall clock, or no event yet since start) is
 *       not idleness but a fetch gap: a partition counts as idle only after {@code backlogIdleAfter}, so catching up
 *       after downtime does not turn the rest of the backlog into late events. Quiet time is counted on the source's
 *       input-activity clock, which Flink stops while the source is back-pressured: a job held back by a slow or
 *       absent sink (Elasticsearch down) is not idle, and the events that wait in Kafka meanwhile are not overtaken
 *       by the wall clock (they would arrive late, and breaches already announced cannot be taken back). Likewise a
 *       source cut off from its broker ({@link InputReachability}) is not idle, and reads a backlog once it is back.</li>
 *   <li><b>Policies</b>: the policy input never holds event time back (its watermark is always the maximum).</li>
 * </ul>
 */
public final class SlaWatermarks {
    private static final Logger LOG = LoggerFactory.getLogger(SlaWatermarks.class);

    private SlaWatermarks() {}

    /**
     * Replay emits its watermark with every this many events rather than with each: every watermark is an element
     * each downstream subtask handles (the enforcer runs its due wake-ups and hands it through its chain of outputs),
     * which in a replay of history cost a fifth of the enforcer's time with each event and still ~10% with every 64th
     * (BENCHMARKS.md). Holding it back by at most this many events changes no decision in {@code slaflow replay}, which
     * reads its file no further out of order than its bound (sorting it first if need be), so no event is ever behind
     * it; it only holds up to this many more events.
     */
    public static final int REPLAY_WATERMARK_EVERY = 1024;

    /**
     * Replay: bounded out-of-orderness, emitted with the events themselves (punctuated, every
     * {@link #REPLAY_WATERMARK_EVERY} events), never by a wall-clock timer. Where the watermark stands when an event
     * arrives then depends only on the input's order, so whether an out-of-order event is late, and so every output,
     * is the same on every run and at every parallelism (replay also assigns it before the input is spread over
     * subtasks). The end of the input moves it to the end of time.
     */
    public static WatermarkStrategy<TicketEvent> replay(Duration outOfOrderness) {
        WatermarkStrategy<TicketEvent> strategy =
                ctx -> new ReplayWatermarks<>(outOfOrderness.toMillis(), REPLAY_WATERMARK_EVERY);
        return strategy.withTimestampAssigner((e, recordTimestamp) -> e.occurredAt);
    }

    /** The replay generator: the highest event time so far minus the bound, emitted every {@code every} events. */
    static final class ReplayWatermarks<T> implements WatermarkGenerator<T> {
        private final long bound;
        private final int every;
        private long maxTimestamp;
        private long emitted = Long.MIN_VALUE;
        private int sinceEmitted;

        ReplayWatermarks(long bound, int every) {
            this.bound = bound;
            this.every = every;
            this.maxTimestamp = Long.MIN_VALUE + bound + 1;
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
            if (++sinceEmitted < every) {
                return;
            }
            sinceEmitted = 0;
            long watermark = maxTimestamp - bound - 1;
            if (watermark > emitted) {
                emitted = watermark;
                output.emitWatermark(new Watermark(watermark));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    /** How far behind the wall clock the last event may be for the input to count as caught up (live). */
    public static final Duration CAUGHT_UP_LAG = Duration.ofSeconds(10);

    /**
     * Live, at the Kafka source: the same clock as the live rule above, but kept <em>per partition</em> (Flink runs one
     * generator per source split and takes the minimum, ignoring none), with the event time read from the raw bytes
     * ({@link EventTimeScan}). A subtask usually reads several partitions; with one clock for all of them, catching up
     * on a backlog would let the partition fetched first carry the watermark hours past the others, and their
     * events would arrive LATE. A record whose time cannot be read, or lies more than {@code maxClockSkew} ahead of
     * the wall clock (a CLOCK_SKEW dead letter later), counts as activity but does not move event time.
     */
    public static WatermarkStrategy<RawRecord> liveAtSource(
            Duration outOfOrderness, Duration idleAfter, Duration backlogIdleAfter, Duration maxClockSkew) {
        return liveAtSource(outOfOrderness, idleAfter, backlogIdleAfter, maxClockSkew, () -> true);
    }

    /**
     * The same, for an input that can be cut off: while {@code input} says its broker cannot be reached, quiet time is
     * not idleness (the events of that time wait in the producers and arrive when it is back), and once it answers
     * again the input counts as catching up on a backlog until an event shows otherwise.
     */
    public static WatermarkStrategy<RawRecord> liveAtSource(
            Duration outOfOrderness,
            Duration idleAfter,
            Duration backlogIdleAfter,
            Duration maxClockSkew,
            InputReachability input) {
        return liveAtSource(
                outOfOrderness, idleAfter, backlogIdleAfter, maxClockSkew, System::currentTimeMillis, input);
    }

    static WatermarkStrategy<RawRecord> liveAtSource(
            Duration outOfOrderness,
            Duration idleAfter,
            Duration backlogIdleAfter,
            Duration maxClockSkew,
            WallClock clock) {
        return liveAtSource(outOfOrderness, idleAfter, backlogIdleAfter, maxClockSkew, clock, () -> true);
    }

    static WatermarkStrategy<RawRecord> liveAtSource(
            Duration outOfOrderness,
            Duration idleAfter,
            Duration backlogIdleAfter,
            Duration maxClockSkew,
            WallClock clock,
            InputReachability input) {
        long bound = outOfOrderness.toMillis();
        long idle = idleAfter.toMillis();
        long backlogIdle = backlogIdleAfter.toMillis();
        long maxAhead = maxClockSkew.toMillis();
        WatermarkStrategy<RawRecord> strategy = ctx -> new IdleWhenQuiet<>(
                bound,
                idle,
                backlogIdle,
                maxAhead,
                clock,
                ctx == null ? clock::now : ctx.getInputActivityClock()::relativeTimeMillis,
                input::reachable);
        return strategy.withTimestampAssigner((r, recordTimestamp) -> EventTimeScan.occurredAt(r.bytes));
    }

    /**
     * Whether the broker the input comes from answers now. Called on every periodic emit (every 100 ms per partition):
     * it must answer from memory (a probe elsewhere keeps it current).
     */
    @FunctionalInterface
    public interface InputReachability extends Serializable {
        boolean reachable();
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

    /**
     * Bounded out-of-orderness per partition that declares the partition idle when no event arrives, and never emits
     * a watermark of its own making. "No event" is measured on the activity clock (milliseconds, any origin), which
     * does not advance while the source cannot read (back-pressure); the wall clock only tells whether the input has
     * caught up. An idle partition drops out of its subtask's watermark; a subtask whose every partition is idle is
     * moved on by {@link WallClockWhileIdle} downstream.
     *
     * <p>Why no wall-clock watermark here: Flink also runs one generator for the reader's main output, which the Kafka
     * source never writes to, and whose watermarks reach the same stream as the partitions' minimum. A generator that
     * followed the wall clock once quiet made that main output overtake every partition 30 s after the start: events
     * still waiting in Kafka (a backlog, or a sink outage holding the source back) then arrived behind the watermark
     * and answered tickets breached. A generator without events here only declares itself idle.
     */
    static final class IdleWhenQuiet<T> implements WatermarkGenerator<T> {
        private final long bound;
        private final long idleAfter;
        private final long backlogIdleAfter;
        private final long maxAheadMs;
        private final WallClock clock;
        private final LongSupplier activity;
        private final BooleanSupplier reachable;
        private long maxTimestamp;
        private long lastEventActivityTime;
        private boolean caughtUp; // false until an event arrives close to the wall clock
        private long emitted = Long.MIN_VALUE;
        private boolean idle;

        IdleWhenQuiet(
                long bound,
                long idleAfter,
                long backlogIdleAfter,
                long maxAheadMs,
                WallClock clock,
                LongSupplier activity) {
            this(bound, idleAfter, backlogIdleAfter, maxAheadMs, clock, activity, () -> true);
        }

        IdleWhenQuiet(
                long bound,
                long idleAfter,
                long backlogIdleAfter,
                long maxAheadMs,
                WallClock clock,
                LongSupplier activity,
                BooleanSupplier reachable) {
            this.reachable = reachable;
            this.bound = bound;
            this.idleAfter = idleAfter;
            this.backlogIdleAfter = Math.max(idleAfter, backlogIdleAfter);
            this.maxAheadMs = maxAheadMs;
            this.clock = clock;
            this.activity = activity;
            this.maxTimestamp = Long.MIN_VALUE + bound + 1;
            this.lastEventActivityTime = activity.getAsLong();
        }

        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            long now = clock.now();
            lastEventActivityTime = activity.getAsLong();
            if (eventTimestamp == EventTimeScan.UNKNOWN || eventTimestamp - now > maxAheadMs) {
                return; // unreadable or from a skewed clock: a dead letter later, never event time
            }
            maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
            caughtUp = now - eventTimestamp <= CAUGHT_UP_LAG.toMillis();
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (!reachable.getAsBoolean()) {
                // cut off from the broker (restart, network): not quiet, the events of this time wait on the other
                // side; when it is back they arrive as a backlog, so the backlog idle time applies until one is current
                caughtUp = false;
                lastEventActivityTime = activity.getAsLong();
            }
            long quiet = activity.getAsLong() - lastEventActivityTime;
            if (quiet >= (caughtUp ? idleAfter : backlogIdleAfter)) {
                if (!idle) {
                    idle = true;
                    output.markIdle();
                    if (maxTimestamp != Long.MIN_VALUE + bound + 1) {
                        LOG.info(
                                "No event for {} ms of input activity ({}): partition idle, {} ms after its newest event",
                                quiet,
                                caughtUp ? "caught up" : "reading a backlog",
                                clock.now() - maxTimestamp);
                    }
                }
                return;
            }
            if (idle) {
                idle = false;
                output.markActive();
            }
            long watermark = maxTimestamp - bound - 1;
            if (watermark > emitted) { // never backwards
                emitted = watermark;
                output.emitWatermark(new Watermark(watermark));
            }
        }
    }
}
