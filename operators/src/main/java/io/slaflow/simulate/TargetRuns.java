package io.slaflow.simulate;

import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engines said about one ticket target, gathered while they run: per policy, the latest outcome update (by
 * revision, later arrival on a tie, exactly as {@code slaflow replay} picks the one it writes), the escalations, and the
 * tiers it went through (for the sweep, which must know whether a target's outcome depended on its final tier's target
 * alone). Updates of one policy must arrive in the order the engine emitted them.
 */
public final class TargetRuns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final OutcomeUpdate[] latest;
    private final int[] escalations;
    /** Per policy: the tiers in the order the target was in them, a repeat only after another tier. */
    private final List<List<String>> stints;
    /** Per policy: the outcome of the last update before the current stint (null in the first). */
    private final Outcome[] beforeStint;
    /** Per policy: the outcome of the latest update. */
    private final Outcome[] lastOutcome;

    public TargetRuns(int policies) {
        latest = new OutcomeUpdate[policies];
        escalations = new int[policies];
        stints = new ArrayList<>(policies);
        for (int i = 0; i < policies; i++) stints.add(new ArrayList<>(1));
        beforeStint = new Outcome[policies];
        lastOutcome = new Outcome[policies];
    }

    public void outcome(int policy, OutcomeUpdate u) {
        OutcomeUpdate l = latest[policy];
        if (l == null || u.revision() >= l.revision()) latest[policy] = u;
        List<String> tiers = stints.get(policy);
        if (tiers.isEmpty() || !tiers.get(tiers.size() - 1).equals(u.tier())) {
            tiers.add(u.tier());
            beforeStint[policy] = lastOutcome[policy];
        }
        lastOutcome[policy] = u.outcome();
    }

    public void escalation(int policy) {
        escalations[policy]++;
    }

    /** The target as simulated, or null when no policy produced an outcome for it (escalations alone cannot happen). */
    public SimulatedTarget target() {
        OutcomeUpdate any = null;
        for (OutcomeUpdate u : latest) {
            if (u != null) {
                any = u;
                break;
            }
        }
        if (any == null) return null;
        List<PolicyOutcome> byPolicy = new ArrayList<>(latest.length);
        for (int i = 0; i < latest.length; i++) {
            OutcomeUpdate u = latest[i];
            if (u == null) {
                byPolicy.add(null);
                continue;
            }
            List<String> tiers = stints.get(i);
            boolean changed = tiers.size() > 1;
            boolean returned = tiers.subList(0, tiers.size() - 1).contains(u.tier());
            byPolicy.add(new PolicyOutcome(u.tier(), u.outcome(), u.deadline(), u.completedAt(), u.breachedAt(),
                    u.countedMs(), u.countingSince(), u.rule(), escalations[i], changed ? beforeStint[i] : null, returned));
        }
        return new SimulatedTarget(any.ticketId(), any.clientId(), any.metric(), any.startedAt(), any.unlistedClient(),
                byPolicy);
    }
}
