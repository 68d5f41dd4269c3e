package io.slaflow.report;

import io.slaflow.names.SafeName;
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

    /**
     * The report's identity where an outside id must not go raw: the client's {@link SafeName}, then kind and label
     * ({@code acme:WEEK:2026-W47}; the same as {@link #id()} for an ordinary id). It names the delivery in headers
     * ({@code X-SLAflow-Report}, {@code Idempotency-Key}), in logs and as the {@code sla-reports} document id.
     */
    public String deliveryKey() {
        return SafeName.of(client.id()) + ":" + period.kind() + ":" + period.label();
    }

    /** The previous period's adherence for a row, NaN when unknown. */
    public double previousPercent(String tier, Metric metric) {
        if (previous == null) return Double.NaN;
        PeriodFigures.TierMetricFigures r = previous.row(tier, metric);
        return r == null ? Double.NaN : r.adherencePercent();
    }
}
