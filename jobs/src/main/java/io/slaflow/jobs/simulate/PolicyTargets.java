package io.slaflow.jobs.simulate;

import io.slaflow.policy.Metric;
import io.slaflow.simulate.PolicyRun;
import io.slaflow.simulate.PolicyTarget;
import io.slaflow.sla.OutcomeUpdate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One policy's outcome updates, per ticket, reduced to each target's final standing ({@link PolicyRun}) and emitted
 * once the input has ended (the end of a bounded input moves the watermark to its maximum). Keyed by ticket on the
 * enforcer's own partitioning and chained to it, so the updates never leave the enforcer's thread: a few hundred
 * thousand standings leave the job instead of millions of updates.
 */
final class PolicyTargets extends KeyedProcessFunction<String, OutcomeUpdate, PolicyTarget> {
    private static final long serialVersionUID = 1L;

    private final int policy;
    private transient ValueState<PolicyRun[]> runs;

    PolicyTargets(int policy) {
        this.policy = policy;
    }

    @Override
    public void open(OpenContext openContext) {
        runs = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("policy-runs", TypeInformation.of(PolicyRun[].class)));
    }

    @Override
    public void processElement(OutcomeUpdate u, Context ctx, Collector<PolicyTarget> out) throws Exception {
        PolicyRun[] byMetric = runs.value();
        if (byMetric == null) {
            byMetric = new PolicyRun[Metric.values().length];
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); // the end of the input
        }
        int m = u.metric().ordinal();
        if (byMetric[m] == null) byMetric[m] = new PolicyRun();
        byMetric[m].outcome(u);
        runs.update(byMetric);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PolicyTarget> out) throws Exception {
        PolicyRun[] byMetric = runs.value();
        if (byMetric == null) return;
        for (PolicyRun r : byMetric) {
            PolicyTarget t = r == null ? null : r.target(policy);
            if (t != null) out.collect(t);
        }
        runs.clear();
    }
}
