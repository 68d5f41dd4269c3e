package io.slaflow.report;

import io.slaflow.policy.Metric;

/**
 * One client's report for one period: the figures, the previous period's (for the trend; null when the client had
 * nothing then) and the plain-language summary. Everything in it is derived from event time, so a replay of the
 * same history yields the same report.
 *
 * @param generatedAt the event time at which the period was closed (its end plus the allowed lateness)
 * @param goalPercent the adherence the MSP commits to per tier and metric (shown against each row)
 */
public record ClientReport(ReportClient client, ReportPeriod period, long generatedAt, double goalPercent,
                           PeriodFigures figures, PeriodFigures previous, String summary) {

    public static ClientReport of(ReportClient client, ReportPeriod period, long generatedAt, double goalPercent,
                                  PeriodFigures figures, PeriodFigures previous) {
        return new ClientReport(client, period, generatedAt, goalPercent, figures, previous,
                ReportSummary.of(period, figures, previous));
    }

    /** clientId:WEEK:2026-W47, the identity of the report and of its delivery (one per client and period). */
    public String id() {
        return client.id() + ":" + period.kind() + ":" + period.label();
    }

    /** The previous period's adherence for a row, NaN when unknown. */
    public double previousPercent(String tier, Metric metric) {
        if (previous == null) return Double.NaN;
        PeriodFigures.TierMetricFigures r = previous.row(tier, metric);
        return r == null ? Double.NaN : r.adherencePercent();
    }
}
