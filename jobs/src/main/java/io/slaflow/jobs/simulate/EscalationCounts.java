package io.slaflow.jobs.simulate;

import io.slaflow.simulate.PolicyTarget;
import io.slaflow.sla.Escalation;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One policy's escalations, counted per ticket target and emitted once the input has ended; chained to the enforcer
 * like {@link PolicyTargets}.
 */
final class EscalationCounts extends KeyedProcessFunction<String, Escalation, PolicyTarget> {
    private static final long serialVersionUID = 1L;

    private final int policy;
    private transient MapState<String, Integer> counts; // metric -> escalations

    EscalationCounts(int policy) {
        this.policy = policy;
    }

    @Override
    public void open(OpenContext openContext) {
        counts = getRuntimeContext().getMapState(new MapStateDescriptor<>("escalations", String.class, Integer.class));
    }

    @Override
    public void processElement(Escalation x, Context ctx, Collector<PolicyTarget> out) throws Exception {
        Integer n = counts.get(x.metric().name());
        if (counts.isEmpty()) ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        counts.put(x.metric().name(), n == null ? 1 : n + 1);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PolicyTarget> out) throws Exception {
        for (var e : counts.entries()) {
            out.collect(PolicyTarget.escalations(
                    policy, ctx.getCurrentKey(), io.slaflow.policy.Metric.valueOf(e.getKey()), e.getValue()));
        }
        counts.clear();
    }
}
