package io.slaflow.report;

import io.slaflow.policy.Metric;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.util.List;
import java.util.Map;

/**
 * What one client's period adds up to. Definitions are the live dashboards' ({@code adherence.TargetContribution}):
 * a target counts MET or BREACHED in the period holding the instant it was decided; its duration counts in the
 * period it was satisfied; a ticket is opened in the period its response clock started.
 *
 * @param counted        every target version the figures count (created, decided or satisfied in the period, or open at
 *                       its end), by key:
 *                       the evidence of the report, with {@code breachRecords}, {@code escalations} and {@code chains}
 * @param breachRecords  the breach alerts ({@code sla-breaches}) fired in the period
 * @param subjects       ticketId → subject of the counted tickets whose subject is known (descriptive, not evidence)
 */
public record PeriodFigures(
        String periodLabel,
        long ticketsCreated,
        long met,
        long breached,
        List<TierMetricFigures> rows,
        List<BreachedTarget> breaches,
        List<EscalationLine> escalations,
        List<ReportInput.ChainNote> chains,
        Backlog backlog,
        List<OutcomeUpdate> counted,
        List<SlaAlert> breachRecords,
        Map<String, String> subjects) {

    /** The ticket's subject, or null when it is not known (a report rebuilt from files that hold none). */
    public String subject(String ticketId) {
        return subjects == null ? null : subjects.get(ticketId);
    }

    public long decided() {
        return met + breached;
    }

    /** Percent MET of decided, or NaN when nothing was decided. */
    public double adherencePercent() {
        return decided() == 0 ? Double.NaN : 100.0 * met / decided();
    }

    public TierMetricFigures row(String tier, Metric metric) {
        for (TierMetricFigures r : rows) {
            if (r.tier().equals(tier) && r.metric() == metric) return r;
        }
        return null;
    }

    /** Nothing happened for the client: no ticket opened, no target decided or satisfied, no escalation or chain. */
    public boolean quiet() {
        return ticketsCreated == 0 && rows.isEmpty() && escalations.isEmpty() && chains.isEmpty();
    }

    /** The figures in brief, for the trend and the comparison with the previous period. */
    public PeriodSummary summary() {
        List<PeriodSummary.Row> r = new java.util.ArrayList<>();
        for (TierMetricFigures x : rows) r.add(new PeriodSummary.Row(x.tier(), x.metric(), x.met(), x.breached()));
        return new PeriodSummary(periodLabel, met, breached, r);
    }

    /**
     * @param target     the contracted target as written in the policy (e.g. "15m")
     * @param clock      what the target and the durations count on: "24×7" or "business hours"
     * @param meanMs     mean time to satisfy on the contract's clock, -1 when nothing was satisfied
     * @param p90Ms      90th percentile (nearest rank, exact) on the contract's clock, -1 when nothing was satisfied
     * @param meanWallMs the same in elapsed wall-clock time
     */
    public record TierMetricFigures(
            String tier,
            Metric metric,
            String target,
            String clock,
            double goalPercent,
            long met,
            long breached,
            long satisfied,
            long meanMs,
            long p90Ms,
            long meanWallMs,
            long p90WallMs) {
        public long decided() {
            return met + breached;
        }

        public double adherencePercent() {
            return decided() == 0 ? Double.NaN : 100.0 * met / decided();
        }

        /** Below its goal: decided something and fell short. */
        public boolean belowGoal() {
            return decided() > 0 && adherencePercent() < goalPercent;
        }
    }

    /**
     * A target breached in the period, with what a person needs to check it.
     *
     * @param satisfiedAt when it was met late, -1 when still open at the period's end
     * @param lateByMs    on the contract's clock: the time counted from the start to satisfaction (or to the period's
     *                    end if still open) beyond the target, pauses excluded wherever they fall, before or after the
     *                    deadline ({@link ReportAccumulator#lateByMs}; records without their clock's budget: from the
     *                    deadline to then)
     * @param pausedMs    time the target's clock stood paused from its start to satisfaction (or the period's end), on
     *                    the contract's clock; -1 when the clock's count is not known (records written without it)
     * @param subject     the ticket's subject, or null when not known
     * @param escalations the escalations of this target fired by the period's end
     * @param evidence    the ids of the breach and escalation records ({@code sla-breaches} / {@code sla-escalations})
     * @param link        the ticket in the client's ticketing system, or null
     */
    public record BreachedTarget(
            String ticketId,
            String tier,
            Metric metric,
            long startedAt,
            long deadline,
            long breachedAt,
            long satisfiedAt,
            long lateByMs,
            long pausedMs,
            List<EscalationLine> escalations,
            List<String> evidence,
            String link,
            String subject) {
        public long firstEscalatedAt() {
            return escalations.isEmpty() ? -1 : escalations.get(0).firedAt();
        }
    }

    public record EscalationLine(
            String id,
            String ticketId,
            String tier,
            Metric metric,
            int level,
            String role,
            String to,
            long breachedAt,
            long firedAt) {}

    /**
     * Tickets still open at the period's end (resolution not satisfied): of them, paused (in a pause status, their
     * clock stopped) and already breached.
     */
    public record Backlog(long open, long paused, long breached) {}
}
