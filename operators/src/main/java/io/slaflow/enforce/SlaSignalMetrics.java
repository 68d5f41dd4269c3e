package io.slaflow.enforce;

import io.slaflow.sla.SlaAlert;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes the enforcer's warnings and breaches on unchanged and counts them per tier, {@code slaAlerts{tier, kind}},
 * and measures how far the enforcer's event time (the watermark it emits) trails the wall clock:
 * {@code slaWatermarkLagMs}, read when the reporter scrapes, so a stalled watermark shows a growing lag even though no
 * watermark arrives (-1 before the first). Chained to the enforcer: one array scan and an increment per alert, nothing
 * per event.
 */
public final class SlaSignalMetrics extends AbstractStreamOperator<SlaAlert> implements OneInputStreamOperator<SlaAlert, SlaAlert> {
    private static final long serialVersionUID = 1L;
    private transient TierCounters warnings;
    private transient TierCounters breaches;
    private transient volatile long lastWatermark;

    @Override
    public void open() throws Exception {
        super.open();
        lastWatermark = Long.MIN_VALUE;
        warnings = new TierCounters(getMetricGroup(), "slaAlerts", "kind", SlaAlert.Kind.WARNING.name());
        breaches = new TierCounters(getMetricGroup(), "slaAlerts", "kind", SlaAlert.Kind.BREACH.name());
        getMetricGroup().gauge("slaWatermarkLagMs", this::watermarkLagMs);
    }

    /** Wall clock minus the last watermark, ms; -1 before the first (or once event time has ended). */
    long watermarkLagMs() {
        long w = lastWatermark;
        return w == Long.MIN_VALUE || w == Long.MAX_VALUE ? -1 : System.currentTimeMillis() - w;
    }

    @Override
    public void processElement(StreamRecord<SlaAlert> element) {
        SlaAlert a = element.getValue();
        (a.kind() == SlaAlert.Kind.BREACH ? breaches : warnings).of(a.tier()).inc();
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        lastWatermark = mark.getTimestamp();
        super.processWatermark(mark);
    }
}
