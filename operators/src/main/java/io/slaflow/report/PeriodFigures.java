package io.slaflow.report;

import io.slaflow.policy.Metric;
import java.util.List;

/**
 * What one client's period adds up to. Definitions are the live dashboards' ({@code adherence.TargetContribution}):
 * a target counts MET or BREACHED in the period holding the instant it was decided; its duration counts in the
 * period it was satisfied.
 */
public record PeriodFigures(String periodLabel, long ticketsCreated, long met, long breached,
                            List<TierMetricFigures> rows, List<BreachedTarget> breaches,
                            List<EscalationLine> escalations, List<ReportInput.ChainNote> chains) {

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

    /**
     * @param target    the contracted target as written in the policy (e.g. "15m")
     * @param meanMs    mean time to satisfy, -1 when nothing was satisfied
     * @param p90Ms     90th percentile (nearest rank, exact), -1 when nothing was satisfied
     */
    public record TierMetricFigures(String tier, Metric metric, String target, long met, long breached,
                                    long satisfied, long meanMs, long p90Ms) {
        public long decided() {
            return met + breached;
        }

        public double adherencePercent() {
            return decided() == 0 ? Double.NaN : 100.0 * met / decided();
        }
    }

    /**
     * A target breached in the period, with its evidence: the ids of the breach record and escalations on
     * {@code sla-breaches} / {@code sla-escalations}, which lead to the ticket's events.
     *
     * @param completedAt when it was finally satisfied, -1 if still open at report time
     * @param firstEscalatedAt first escalation after the breach, -1 if none
     */
    public record BreachedTarget(String ticketId, String tier, Metric metric, long startedAt, long deadline,
                                 long breachedAt, long completedAt, long firstEscalatedAt, List<String> evidence) {}

    public record EscalationLine(String id, String ticketId, String tier, Metric metric, int level, String role,
                                 String to, long breachedAt, long firedAt) {}
}
