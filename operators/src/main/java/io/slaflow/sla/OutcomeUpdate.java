package io.slaflow.sla;

import io.slaflow.policy.Metric;

/**
 * The current standing of one ticket × metric, emitted whenever it changes (start, deadline recomputed, met,
 * breached, reopened). The latest update per (ticketId, metric), by {@code revision}, is the truth: replay writes
 * it to {@code outcomes.jsonl}, adherence aggregates it, {@code sla-tickets} upserts it.
 *
 * @param completedAt when the target was satisfied (response sent / resolved), -1 if not
 * @param deadline    the last instant at which satisfying the target still meets it (its breach instant), the one
 *                    it was judged against once decided; -1 while paused. See {@link SlaClock#deadline}
 * @param breachedAt  when counted time exceeded the target unsatisfied (the deadline), -1 if not
 * @param rule        the classification rule that decided the ticket's tier
 * @param revision    increases with every update of this ticket × metric
 */
public record OutcomeUpdate(
        String ticketId,
        String clientId,
        String tier,
        Metric metric,
        long startedAt,
        long deadline,
        Outcome outcome,
        long completedAt,
        long breachedAt,
        String rule,
        String policyVersion,
        boolean unlistedClient,
        int revision) {

    public String key() {
        return ticketId + ":" + metric;
    }
}
