package io.slaflow.simulate;

import io.slaflow.sla.ContractClock;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import java.io.Serializable;
import java.time.Instant;

/**
 * One ticket target's final standing under one policy, as the enforcement engine left it: its latest outcome update
 * (the one {@code slaflow replay} writes to {@code outcomes.jsonl}) and the escalations it had.
 *
 * @param tier           the tier the target ended in
 * @param deadline       its deadline (the breach instant); -1 while paused
 * @param completedAt    when it was satisfied, -1 if not
 * @param breachedAt     when it breached, -1 if not
 * @param countedMs      what its clock counted ({@link OutcomeUpdate#countedMs()})
 * @param countingSince  when its clock last started counting, -1 when not running ({@link OutcomeUpdate#countingSince()})
 * @param rule           the classification rule that decided its tier ({@code priority-change} after a re-tier)
 * @param escalations    escalation levels fired for it
 * @param beforeTier     null when the target stayed in one tier; else its outcome just before it came into the tier it
 *                       ended in (BREACHED there is final: the final tier's target cannot change it)
 * @param returnedToTier it had been in its final tier before, left it and came back
 */
public record PolicyOutcome(
        String tier,
        Outcome outcome,
        long deadline,
        long completedAt,
        long breachedAt,
        long countedMs,
        long countingSince,
        String rule,
        int escalations,
        Outcome beforeTier,
        boolean returnedToTier)
        implements Serializable {

    public boolean satisfied() {
        return completedAt >= 0;
    }

    public boolean running() {
        return countingSince >= 0;
    }

    /**
     * The time counted on the target's clock up to {@code t} (at or after its last update): the closed intervals, plus
     * the running one when the clock runs. {@code clock} is the target's clock under this policy.
     */
    public long countedAt(long t, ContractClock clock) {
        if (countingSince < 0 || t <= countingSince) return countedMs;
        return countedMs
                + clock.counted(Instant.ofEpochMilli(countingSince), Instant.ofEpochMilli(t))
                        .toMillis();
    }
}
