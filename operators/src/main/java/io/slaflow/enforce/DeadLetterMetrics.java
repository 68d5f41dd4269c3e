package io.slaflow.enforce;

import io.slaflow.event.DeadLetter;
import io.slaflow.event.RejectReason;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Passes every dead letter of the job (parsing and enforcer refusals) on unchanged, counting them per reason:
 * {@code slaDeadLetters{reason}}, indexed by the reason's ordinal. Documents Elasticsearch refuses are counted by the
 * sink ({@code esRejectedDocuments}).
 */
public final class DeadLetterMetrics extends RichMapFunction<DeadLetter, DeadLetter> {
    private static final long serialVersionUID = 1L;
    private transient Counter[] byReason;

    @Override
    public void open(OpenContext openContext) {
        RejectReason[] reasons = RejectReason.values();
        byReason = new Counter[reasons.length];
        for (RejectReason r : reasons) {
            byReason[r.ordinal()] = getRuntimeContext()
                    .getMetricGroup()
                    .addGroup("reason", r.name())
                    .counter("slaDeadLetters");
        }
    }

    @Override
    public DeadLetter map(DeadLetter d) {
        byReason[d.reason().ordinal()].inc();
        return d;
    }
}
