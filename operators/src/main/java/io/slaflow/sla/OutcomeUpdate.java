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
 * @param countedMs   the time counted on the target's clock (business time on the tier's calendar, outside pauses) in
 *                    its closed running intervals: its whole counted time when the clock is paused or stopped (at
 *                    satisfaction: what "met" is judged on), the time counted before {@code countingSince} while it
 *                    runs; -1 when unknown (an update read back from a file written without it)
 * @param countingSince while the clock runs, the instant its current running interval started; -1 when it is paused
 *                    or stopped. At any instant t at or after it, the counted time is {@code countedMs} plus the
 *                    business time from {@code countingSince} to t ({@link ContractClock#counted}), with no pause in
 *                    between (a pause is an update of its own)
 * @param budgetMs    the target as counted time, the amount the clock is judged against (the tier's target; for
 *                    business days, the business time from the start to the same working moment that many business
 *                    days later): "late by" is the counted time beyond it, pauses excluded wherever they fall. Not
 *                    known when 0 or less: -1 from files and stream records written before it, 0 in report state
 *                    restored from such a version (Flink's POJO migration gives a new field its Java default)
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
        int revision,
        long countedMs,
        long countingSince,
        long budgetMs) {

    /** An update without the clock's count (read back from a file, built by a test): {@code countedMs} unknown. */
    public OutcomeUpdate(
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
        this(
                ticketId,
                clientId,
                tier,
                metric,
                startedAt,
                deadline,
                outcome,
                completedAt,
                breachedAt,
                rule,
                policyVersion,
                unlistedClient,
                revision,
                -1,
                -1,
                -1);
    }

    /** An update with the clock's count but not its budget (read back from a file written before it, built by a test). */
    public OutcomeUpdate(
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
            int revision,
            long countedMs,
            long countingSince) {
        this(
                ticketId,
                clientId,
                tier,
                metric,
                startedAt,
                deadline,
                outcome,
                completedAt,
                breachedAt,
                rule,
                policyVersion,
                unlistedClient,
                revision,
                countedMs,
                countingSince,
                -1);
    }

    /** Whether {@link #budgetMs} is known (see there). */
    public boolean knowsBudget() {
        return budgetMs > 0;
    }

    public String key() {
        return ticketId + ":" + metric;
    }
}
