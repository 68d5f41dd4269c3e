package io.slaflow.simulate;

import io.slaflow.policy.Metric;
import java.io.Serializable;

/**
 * One policy's word on one ticket target, as it leaves the simulation job: its standing ({@link PolicyRun}), or (from
 * the escalation counter, {@code outcome} null) how many escalations it had. {@link TargetJoin} puts the policies'
 * words on a target side by side.
 *
 * @param policy 0 = the current policy, then the candidates
 */
public record PolicyTarget(
        int policy,
        String ticketId,
        String clientId,
        Metric metric,
        long startedAt,
        boolean unlistedClient,
        PolicyOutcome outcome,
        int escalations)
        implements Serializable {

    /** An escalation count for a target. */
    public static PolicyTarget escalations(int policy, String ticketId, Metric metric, int count) {
        return new PolicyTarget(policy, ticketId, null, metric, -1, false, null, count);
    }

    public String key() {
        return ticketId + ":" + metric;
    }
}
