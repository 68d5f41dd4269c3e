package io.slaflow.sla;

import io.slaflow.policy.Metric;

/**
 * A record on {@code sla-breaches}: an at-risk warning or a breach. Schema: {@code schemas/sla-alert.schema.json}.
 *
 * @param id         deterministic: the same input always yields the same id, so consumers deduplicate by it
 * @param kind       WARNING or BREACH
 * @param percent    for a warning, the share of the target consumed (50, 75, 90); 100 for a breach
 * @param firedAt    event time of the first instant the time counted on the clock exceeded the warning's share of
 *                   the target, or the target (a breach: the deadline)
 * @param deadline   the deadline in force when this fired: the last instant at which satisfying the target meets it
 */
public record SlaAlert(
        String id,
        Kind kind,
        String ticketId,
        String clientId,
        String tier,
        Metric metric,
        int percent,
        long startedAt,
        long deadline,
        long firedAt,
        String assignee,
        String policyVersion,
        boolean unlistedClient) {

    public enum Kind {
        WARNING,
        BREACH
    }
}
