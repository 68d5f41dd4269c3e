package io.slaflow.jobs.simulate;

import io.slaflow.simulate.SimulatedTarget;
import io.slaflow.simulate.TargetRuns;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by ticket target: gathers what every policy's enforcer said about it ({@link TargetRuns}) and emits the target
 * once the input has ended (the end of a bounded input moves the watermark to its maximum), so each target leaves the
 * job once, with its standing under every policy side by side.
 */
final class GatherTargets extends KeyedProcessFunction<String, EngineRecord, SimulatedTarget> {
    private static final long serialVersionUID = 1L;

    private final int policies;
    private transient ValueState<TargetRuns> runs;

    GatherTargets(int policies) {
        this.policies = policies;
    }

    @Override
    public void open(OpenContext openContext) {
        runs = getRuntimeContext().getState(new ValueStateDescriptor<>("target-runs", TypeInformation.of(TargetRuns.class)));
    }

    @Override
    public void processElement(EngineRecord r, Context ctx, Collector<SimulatedTarget> out) throws Exception {
        TargetRuns target = runs.value();
        if (target == null) {
            target = new TargetRuns(policies);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE); // the end of the input
        }
        if (r.outcome != null) {
            target.outcome(r.policy, r.outcome);
        } else {
            target.escalation(r.policy);
        }
        runs.update(target);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SimulatedTarget> out) throws Exception {
        TargetRuns target = runs.value();
        if (target != null) {
            SimulatedTarget t = target.target();
            if (t != null) out.collect(t);
            runs.clear();
        }
    }
}
