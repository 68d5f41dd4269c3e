package io.slaflow.simulate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts every policy's word on each ticket target side by side: the standings and escalation counts that come out of
 * the simulation job, in any order, become one {@link SimulatedTarget} per target.
 */
public final class TargetJoin {
    private final int policies;
    private final Map<String, PolicyTarget[]> standings = new HashMap<>();
    private final Map<String, int[]> escalations = new HashMap<>();

    public TargetJoin(int policies) {
        this.policies = policies;
    }

    public void add(PolicyTarget t) {
        if (t.outcome() == null) {
            escalations.computeIfAbsent(t.key(), k -> new int[policies])[t.policy()] += t.escalations();
        } else {
            standings.computeIfAbsent(t.key(), k -> new PolicyTarget[policies])[t.policy()] = t;
        }
    }

    /** One target per ticket target any policy produced an outcome for (in no particular order). */
    public List<SimulatedTarget> targets() {
        List<SimulatedTarget> out = new ArrayList<>(standings.size());
        for (Map.Entry<String, PolicyTarget[]> e : standings.entrySet()) {
            PolicyTarget any = null;
            List<PolicyOutcome> byPolicy = new ArrayList<>(policies);
            int[] counts = escalations.get(e.getKey());
            for (int p = 0; p < policies; p++) {
                PolicyTarget t = e.getValue()[p];
                if (t == null) {
                    byPolicy.add(null);
                    continue;
                }
                if (any == null) any = t;
                PolicyOutcome o = t.outcome();
                byPolicy.add(counts == null || counts[p] == 0 ? o : withEscalations(o, counts[p]));
            }
            out.add(new SimulatedTarget(
                    any.ticketId(), any.clientId(), any.metric(), any.startedAt(), any.unlistedClient(), byPolicy));
        }
        return out;
    }

    private static PolicyOutcome withEscalations(PolicyOutcome o, int n) {
        return new PolicyOutcome(
                o.tier(),
                o.outcome(),
                o.deadline(),
                o.completedAt(),
                o.breachedAt(),
                o.countedMs(),
                o.countingSince(),
                o.rule(),
                n,
                o.beforeTier(),
                o.returnedToTier());
    }
}
