package io.slaflow.simulate;

import io.slaflow.simulate.ThresholdSweep.Tally;
import java.util.List;

/**
 * What {@link TargetSweep} found.
 *
 * @param currentTarget      the target as the current policy states it
 * @param businessDays       swept in whole business days (else in counted time, proposed in whole minutes)
 * @param engine             met / decided the engine found under the current policy, over the same targets
 * @param predictedAtCurrent met / decided the sweep predicts at the current value: equal to {@code engine} (a check
 *                           that the counts and the engine agree)
 * @param exact              the least value reaching the goal: counted milliseconds, or business days; null when none
 *                           within the longest target a policy may state does
 * @param proposedTarget     that value as a contract writes it (rounded up to the minute), or null
 * @param atProposed         met / decided with the proposed target
 * @param tighterTarget      one minute (one business day) tighter, which misses the goal; null when there is none
 * @param atTighter          met / decided with it
 * @param loosest            the best any value can do (everything satisfied met): what an unreachable goal comes to
 */
public record SweepResult(
        SweepSpec spec,
        String currentTarget,
        boolean businessDays,
        Population population,
        Tally engine,
        Tally predictedAtCurrent,
        Long exact,
        String proposedTarget,
        Tally atProposed,
        String tighterTarget,
        Tally atTighter,
        Tally loosest) {

    /**
     * The targets swept.
     *
     * @param counted           decided by the value, from their counts (satisfied, or open at the as-of time)
     * @param fixedBreached     breached under another tier before they came into this one: the value cannot change them
     * @param approximate       among {@code counted}: left the tier and came back (a breach during the earlier stay would
     *                          have been final, which a count cannot tell)
     * @param overriddenClients clients whose own override of this target replaces the tier's (left out)
     */
    public record Population(long counted, long fixedBreached, long approximate, List<String> overriddenClients) {
        public long total() {
            return counted + fixedBreached;
        }
    }

    public boolean reachable() {
        return proposedTarget != null;
    }

    public boolean agreesWithEngine() {
        return engine.equals(predictedAtCurrent);
    }
}
