package io.slaflow.simulate;

import io.slaflow.policy.Metric;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One ticket target (ticket × metric) of the history with its standing under every simulated policy, in the order the
 * policies were given (0 = the current policy, then the candidates).
 *
 * @param startedAt when its clock started (the ticket's creation): the same under every policy
 * @param byPolicy  its standing under each policy; null where a policy never saw the ticket created
 */
public record SimulatedTarget(
        String ticketId,
        String clientId,
        Metric metric,
        long startedAt,
        boolean unlistedClient,
        List<PolicyOutcome> byPolicy)
        implements Serializable {

    public SimulatedTarget {
        byPolicy = new ArrayList<>(byPolicy); // nulls allowed; Flink's Kryo fallback cannot rebuild List.of
    }

    public PolicyOutcome under(int policy) {
        return byPolicy.get(policy);
    }

    /** Whether its outcome under policy {@code candidate} differs from the current policy's. */
    public boolean flipsUnder(int candidate) {
        PolicyOutcome current = byPolicy.get(0);
        PolicyOutcome other = byPolicy.get(candidate);
        if (current == null || other == null) return current != other;
        return current.outcome() != other.outcome();
    }

    /** Whether its outcome differs between the current policy and any candidate. */
    public boolean flips() {
        for (int i = 1; i < byPolicy.size(); i++) {
            if (flipsUnder(i)) return true;
        }
        return false;
    }

    /** {@code ticketId:METRIC}, as outcome and alert ids write it. */
    public String key() {
        return ticketId + ":" + metric;
    }
}
