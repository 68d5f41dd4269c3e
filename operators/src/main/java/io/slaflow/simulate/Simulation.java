package io.slaflow.simulate;

import io.slaflow.policy.TierPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One history under the current policy and its candidates, compared: what the simulator writes. Built from the targets
 * the engine produced under every policy; the scope chooses which are counted.
 *
 * @param targets the targets in scope, sorted by ticket and metric
 * @param sweep   null when no sweep was asked for
 */
public record Simulation(
        History history,
        SimulationScope scope,
        List<SimulatedPolicy> policies,
        List<SimulatedTarget> targets,
        SideBySide sideBySide,
        Flips flips,
        SweepResult sweep,
        Credits credits) {

    public static Simulation of(
            History history,
            SimulationScope scope,
            List<SimulatedPolicy> policies,
            List<SimulatedTarget> all,
            SweepSpec sweepSpec,
            ServiceCredits terms) {
        List<SimulatedTarget> inScope = new ArrayList<>();
        for (SimulatedTarget t : all) {
            if (scope.includes(t)) inScope.add(t);
        }
        inScope.sort(Comparator.comparing(SimulatedTarget::ticketId).thenComparing(SimulatedTarget::metric));
        SideBySide sideBySide = SideBySide.of(inScope, policies.size(), tierOrder(policies));
        SweepResult sweep = sweepSpec == null
                ? null
                : TargetSweep.run(sweepSpec, policies.get(0).policy(), inScope, history.asOfMs());
        Credits credits = Credits.of(inScope, policies, terms, history.firstEventMs(), history.asOfMs());
        return new Simulation(
                history,
                scope,
                List.copyOf(policies),
                List.copyOf(inScope),
                sideBySide,
                Flips.of(inScope, policies.size()),
                sweep,
                credits);
    }

    /** The current policy's tiers in severity order, then any tier only a candidate has. */
    public static List<String> tierOrder(List<SimulatedPolicy> policies) {
        Set<String> order = new LinkedHashSet<>();
        for (SimulatedPolicy p : policies) {
            for (TierPolicy t : p.policy().tiers()) order.add(t.id());
        }
        return List.copyOf(order);
    }

    /** Distinct tickets in scope. */
    public long tickets() {
        return targets.stream().map(SimulatedTarget::ticketId).distinct().count();
    }

    /** Distinct clients in scope. */
    public long clients() {
        return targets.stream().map(SimulatedTarget::clientId).distinct().count();
    }
}
