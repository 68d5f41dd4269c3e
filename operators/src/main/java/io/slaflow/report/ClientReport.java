package io.slaflow.report;

import io.slaflow.contract.CreditAssessment;
import io.slaflow.contract.ServiceCredit;
import io.slaflow.contract.TierMonth;
import io.slaflow.names.SafeName;
import io.slaflow.policy.Metric;
import io.slaflow.policy.MspBranding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client's report for one period. Everything in it is derived from event time, so a replay of the same history
 * yields the same report, byte for byte in every format.
 *
 * @param generatedAt the period's close in event time (its end plus the allowed lateness): the report's date
 * @param goalPercent the default adherence goal (a client's contract may set its own per tier)
 * @param previous    the previous period's figures as issued and corrected since, or null when there were none
 * @param trend       up to the last 12 periods of this kind, oldest first, this one last
 * @param corrections changes to issued reports of this kind that became known since the last one
 * @param dataFrom    the earliest fact of this client ever seen; after the period's start the period is partial
 * @param credit      the month's service credit under the client's contract; null for a week or without contract terms
 */
public record ClientReport(
        ReportClient client,
        ReportPeriod period,
        long generatedAt,
        double goalPercent,
        PeriodFigures figures,
        PeriodSummary previous,
        List<PeriodSummary> trend,
        List<ReportCorrection> corrections,
        long dataFrom,
        CreditAssessment credit,
        MspBranding msp,
        String summary) {

    public static ClientReport of(
            ReportClient client,
            ReportPeriod period,
            long generatedAt,
            double goalPercent,
            PeriodFigures figures,
            PeriodSummary previous,
            List<PeriodSummary> trend,
            List<ReportCorrection> corrections,
            long dataFrom,
            MspBranding msp) {
        CreditAssessment credit = period.kind() == ReportPeriod.Kind.MONTH
                        && !client.contract().tiers().isEmpty()
                ? ServiceCredit.assess(client.contract(), tierMonths(client, figures), goalPercent)
                : null;
        return new ClientReport(
                client,
                period,
                generatedAt,
                goalPercent,
                figures,
                previous,
                new ArrayList<>(trend),
                new ArrayList<>(corrections),
                dataFrom,
                credit,
                msp == null ? MspBranding.NONE : msp,
                ReportSummary.of(period, figures, previous, credit, corrections));
    }

    /** Both targets of each tier added up, in tier order, for the contract's monthly goal. */
    static List<TierMonth> tierMonths(ReportClient client, PeriodFigures f) {
        Map<String, long[]> byTier = new LinkedHashMap<>();
        for (String tier : client.tierOrder()) byTier.put(tier, new long[2]);
        for (PeriodFigures.TierMetricFigures r : f.rows()) {
            long[] md = byTier.computeIfAbsent(r.tier(), k -> new long[2]);
            md[0] += r.met();
            md[1] += r.decided();
        }
        List<TierMonth> out = new ArrayList<>();
        byTier.forEach((tier, md) -> out.add(new TierMonth(tier, md[0], md[1])));
        return out;
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

    /** The period starts before the client's first data: its figures cover only part of it. */
    public boolean partial() {
        return dataFrom > period.startMs();
    }

    /** The previous period's adherence for a row, NaN when unknown. */
    public double previousPercent(String tier, Metric metric) {
        if (previous == null) return Double.NaN;
        PeriodSummary.Row r = previous.row(tier, metric);
        return r == null ? Double.NaN : r.adherencePercent();
    }
}
