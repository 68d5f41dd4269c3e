package io.slaflow.ingest;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Live mode, right after the Kafka source (chained to it): while the source's whole output is idle (every partition
 * of the subtask quiet, see {@link SlaWatermarks.IdleWhenQuiet}), event time follows the wall clock minus the
 * out-of-orderness bound, so a deadline passes on time even if no event ever arrives again; while the input is active
 * its watermarks pass through. Watermarks never go backwards, and the output is never declared idle: a quiet subtask
 * must move the job's event time, not drop out of it.
 *
 * <p>While the input's broker does not answer, the input is cut off rather than quiet, and the wall clock waits
 * (also for a grace period after it answers again, while the producers' held-back events arrive): the source marks
 * itself active again only with a newer watermark, which those events bring.
 *
 * <p>Only a whole subtask's input going idle moves time here, and each subtask only its own: the enforcer takes the
 * minimum over subtasks, so a subtask still reading a backlog holds event time back however far the quiet ones go.
 */
public final class WallClockWhileIdle<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;

    private final long boundMs;
    private final long intervalMs;
    private final SlaWatermarks.InputReachability input;
    private final long graceMs;
    private transient boolean inputIdle;
    private transient boolean ticking;
    private transient long emitted;
    private transient long unreachableAt;

    /** For an input that is always reachable. */
    public WallClockWhileIdle(long boundMs, long intervalMs) {
        this(boundMs, intervalMs, () -> true, 0);
    }

    /**
     * @param boundMs    the out-of-orderness bound: the watermark trails the wall clock by it, as it trails events
     * @param intervalMs how often the watermark moves while idle (the periodic watermark interval)
     * @param input      whether the input's broker answers: while it does not, an idle input is not quiet but cut
     *                   off (its producers hold the events of that time), and the wall clock waits
     * @param graceMs    how long the wall clock still waits once the broker answers again, for the held-back events
     *                   to arrive (the backlog idle time): the source's idleness status alone may not show them coming
     */
    public WallClockWhileIdle(long boundMs, long intervalMs, SlaWatermarks.InputReachability input, long graceMs) {
        if (intervalMs <= 0) throw new IllegalArgumentException("interval must be positive: " + intervalMs);
        this.boundMs = boundMs;
        this.intervalMs = intervalMs;
        this.input = input;
        this.graceMs = graceMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        emitted = Long.MIN_VALUE;
        unreachableAt = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) {
        emit(mark.getTimestamp());
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        inputIdle = status.isIdle();
        if (inputIdle && !ticking) {
            ticking = true;
            tick(getProcessingTimeService().getCurrentProcessingTime());
        }
    }

    private void tick(long now) {
        if (!inputIdle) {
            ticking = false;
            return;
        }
        if (!input.reachable()) {
            unreachableAt = now;
        } else if (unreachableAt == Long.MIN_VALUE || now - unreachableAt >= graceMs) {
            emit(now - boundMs - 1);
        }
        getProcessingTimeService().registerTimer(now + intervalMs, this::tick);
    }

    private void emit(long watermark) {
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
