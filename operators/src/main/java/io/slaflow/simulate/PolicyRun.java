package io.slaflow.simulate;

import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What one policy's engine said about one ticket target, gathered while it runs: the latest outcome update (by
 * revision, later arrival on a tie, exactly as {@code slaflow replay} picks the one it writes) and the tiers the target
 * went through (the sweep must know whether its outcome depended on its final tier's target alone). Updates must
 * arrive in the order the engine emitted them.
 */
public final class PolicyRun implements Serializable {
    private static final long serialVersionUID = 1L;

    private OutcomeUpdate latest;
    /** The tiers in the order the target was in them, a repeat only after another tier. */
    private final List<String> stints = new ArrayList<>(1);
    /** The outcome of the last update before the current stint (null in the first). */
    private Outcome beforeStint;

    private Outcome lastOutcome;

    public void outcome(OutcomeUpdate u) {
        if (latest == null || u.revision() >= latest.revision()) latest = u;
        if (stints.isEmpty() || !stints.get(stints.size() - 1).equals(u.tier())) {
            stints.add(u.tier());
            beforeStint = lastOutcome;
        }
        lastOutcome = u.outcome();
    }

    /** The target's standing under this policy (escalations counted elsewhere), or null when nothing arrived. */
    public PolicyTarget target(int policy) {
        OutcomeUpdate u = latest;
        if (u == null) return null;
        boolean changed = stints.size() > 1;
        boolean returned = stints.subList(0, stints.size() - 1).contains(u.tier());
        PolicyOutcome o = new PolicyOutcome(
                u.tier(),
                u.outcome(),
                u.deadline(),
                u.completedAt(),
                u.breachedAt(),
                u.countedMs(),
                u.countingSince(),
                u.rule(),
                0,
                changed ? beforeStint : null,
                returned);
        return new PolicyTarget(
                policy, u.ticketId(), u.clientId(), u.metric(), u.startedAt(), u.unlistedClient(), o, 0);
    }
}
