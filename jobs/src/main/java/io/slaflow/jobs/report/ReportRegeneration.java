package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import io.slaflow.report.PeriodFigures;
import io.slaflow.report.PeriodSummary;
import io.slaflow.report.ReportAccumulator;
import io.slaflow.report.ReportClient;
import io.slaflow.report.ReportDirectory;
import io.slaflow.report.ReportPeriod;
import io.slaflow.report.TrendHistory;
import io.slaflow.sla.OutcomeUpdate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A report rebuilt on demand from a replay's output, with the same accumulator as the stream. The replay's files hold
 * each target's final version, so the figures are the period as known now: they equal the streaming report's except
 * where a target changed after the period closed, which the stream states as a correction in a later report.
 */
public final class ReportRegeneration {
    private ReportRegeneration() {}

    /** Why a report cannot be made: the message says what to do next. */
    public static final class NothingToReport extends Exception {
        public NothingToReport(String message) {
            super(message);
        }
    }

    public static ClientReport fromReplay(
            Path replayDir,
            ReportDirectory directory,
            String clientId,
            String label,
            long allowedLatenessMs,
            double goalPercent)
            throws IOException, NothingToReport {
        if (clientId == null || clientId.isBlank()) {
            throw new NothingToReport("--client is empty: give the id of a client, e.g. --client acme");
        }
        ReportClient client = directory.client(clientId);
        ReportPeriod period = ReportPeriod.parse(label, client.zone());
        ReplayRecords records = ReplayRecords.read(replayDir, clientId);
        if (records.isEmpty()) {
            throw new NothingToReport("no record of client '" + clientId + "' in " + replayDir
                    + (directory.isListed(clientId) ? "" : " (and the policy does not list it)")
                    + ": check the client id; the policy lists " + String.join(", ", directory.listedClientIds()));
        }
        PeriodFigures figures = figures(directory, client, period, goalPercent, records);
        if (figures.quiet()) {
            throw new NothingToReport("client '" + clientId + "' has no data in " + period.label() + " ("
                    + period.dayRange() + ", " + client.zone().getId() + ")" + dataRange(records, client));
        }
        List<PeriodSummary> trend = new ArrayList<>();
        ReportPeriod p = period;
        for (int i = 0; i < TrendHistory.PERIODS - 1; i++) {
            p = p.previous();
            PeriodFigures f = figures(directory, client, p, goalPercent, records);
            if (!f.quiet()) trend.add(0, f.summary());
        }
        PeriodSummary previous = trend.stream()
                .filter(s -> s.label().equals(period.previous().label()))
                .findFirst()
                .orElse(null);
        trend.add(figures.summary());
        long dataFrom = records.outcomes.stream()
                .mapToLong(OutcomeUpdate::startedAt)
                .filter(t -> t >= 0)
                .min()
                .orElse(-1);
        return ClientReport.of(
                client,
                period,
                period.endMs() + allowedLatenessMs,
                goalPercent,
                figures,
                previous,
                trend,
                List.of(),
                dataFrom,
                directory.msp());
    }

    private static PeriodFigures figures(
            ReportDirectory directory, ReportClient client, ReportPeriod p, double goal, ReplayRecords records) {
        return ReportAccumulator.figures(
                client, directory.clocks(client.id()), p, goal, records.outcomes, records.events);
    }

    private static String dataRange(ReplayRecords records, ReportClient client) {
        long first = Long.MAX_VALUE, last = Long.MIN_VALUE;
        for (OutcomeUpdate u : records.outcomes) {
            if (u.startedAt() < 0) continue;
            first = Math.min(first, u.startedAt());
            last = Math.max(last, u.startedAt());
        }
        if (first == Long.MAX_VALUE) return "";
        return ": its tickets were opened from "
                + ReportPeriod.containing(ReportPeriod.Kind.WEEK, client.zone(), first)
                        .label()
                + " to "
                + ReportPeriod.containing(ReportPeriod.Kind.WEEK, client.zone(), last)
                        .label()
                + " (months "
                + ReportPeriod.containing(ReportPeriod.Kind.MONTH, client.zone(), first)
                        .label() + " to "
                + ReportPeriod.containing(ReportPeriod.Kind.MONTH, client.zone(), last)
                        .label() + ")";
    }
}
