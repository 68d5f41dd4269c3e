package io.slaflow.classify;

/**
 * A classification decision: the tier and the rule that made it.
 *
 * @param tier   the tier id (P1, P2, ...)
 * @param ruleId the deciding rule: a rule id from the policy, {@code explicit-priority} or {@code default}
 * @param raisedBy the id of the client-tier floor that raised the tier, or null
 */
public record Classification(String tier, String ruleId, String raisedBy) {

    /** The rule that explains the final tier: the floor that raised it if any, else the deciding rule. */
    public String finalRule() {
        return raisedBy != null ? raisedBy : ruleId;
    }
}
