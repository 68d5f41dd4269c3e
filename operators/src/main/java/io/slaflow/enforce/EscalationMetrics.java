package io.slaflow.enforce;

import io.slaflow.sla.Escalation;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Passes escalations on unchanged, counting them per tier: {@code slaEscalations{tier}}. */
public final class EscalationMetrics extends RichMapFunction<Escalation, Escalation> {
    private static final long serialVersionUID = 1L;
    private transient TierCounters escalations;

    @Override
    public void open(OpenContext openContext) {
        escalations = new TierCounters(getRuntimeContext().getMetricGroup(), "slaEscalations");
    }

    @Override
    public Escalation map(Escalation x) {
        escalations.of(x.tier()).inc();
        return x;
    }
}
