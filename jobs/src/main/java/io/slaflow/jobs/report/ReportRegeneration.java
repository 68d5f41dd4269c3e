package io.slaflow.jobs.report;

import io.slaflow.report.ClientReport;
import io.slaflow.report.PeriodFigures;
import io.slaflow.report.ReportAccumulator;
import io.slaflow.report.ReportClient;
import io.slaflow.report.ReportDirectory;
import io.slaflow.report.ReportPeriod;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A report rebuilt on demand from a replay's output, with the same accumulator as the stream. The figures are
 * those of the final outcomes in the files; the stream's report was taken when the period closed, so the two differ
 * only where an outcome changed after that (a reopened ticket, a priority change).
 */
public final class ReportRegeneration {
    private ReportRegeneration() {}

    public static ClientReport fromReplay(Path replayDir, ReportDirectory directory, String clientId, String label,
                                          long allowedLatenessMs, double goalPercent) throws IOException {
        ReportClient client = directory.client(clientId);
        ReportPeriod period = ReportPeriod.parse(label, client.zone());
        ReplayRecords records = ReplayRecords.read(replayDir, clientId);
        PeriodFigures figures = ReportAccumulator.figures(client, period, records.outcomes, records.events);
        PeriodFigures previous = ReportAccumulator.figures(client, period.previous(), records.outcomes, records.events);
        boolean quietBefore = previous.ticketsCreated() == 0 && previous.rows().isEmpty() && previous.escalations().isEmpty();
        return ClientReport.of(client, period, period.endMs() + allowedLatenessMs, goalPercent, figures,
                quietBefore ? null : previous);
    }
}
