package io.slaflow.jobs.report;

import static io.slaflow.report.ReportFixtures.breachAlert;
import static io.slaflow.report.ReportFixtures.breached;
import static io.slaflow.report.ReportFixtures.escalation;
import static io.slaflow.report.ReportFixtures.met;

import io.slaflow.policy.Metric;
import io.slaflow.report.ClientReport;
import io.slaflow.report.PeriodFigures;
import io.slaflow.report.ReportAccumulator;
import io.slaflow.report.ReportClient;
import io.slaflow.report.ReportDirectory;
import io.slaflow.report.ReportFixtures;
import io.slaflow.report.ReportInput;
import io.slaflow.report.ReportPeriod;
import io.slaflow.sla.OutcomeUpdate;
import java.util.ArrayList;
import java.util.List;

/** Realistic week-47 reports for the default policy's clients, with breaches and escalations. */
final class SampleReports {
    static final ReportDirectory DIR = ReportDirectory.of(ReportFixtures.defaultPolicy());

    private SampleReports() {}

    static ClientReport week47(String clientId) {
        return week47(DIR.client(clientId), 40, 2);
    }

    static ClientReport week47(ReportClient client, int tickets, int p1Breaches) {
        String c = client.id();
        ReportPeriod w47 = ReportPeriod.parse("2026-W47", client.zone());
        ReportPeriod w46 = w47.previous();
        List<OutcomeUpdate> outcomes = new ArrayList<>();
        List<ReportInput> events = new ArrayList<>();
        String[] tiers = {"P1", "P2", "P3"};
        long[] budgets = {15, 60, 240};
        for (int i = 0; i < tickets; i++) {
            int t = i % 3;
            String day = String.format("2026-11-%02dT%02d:%02d:00Z", 17 + i % 4, 8 + i % 9, (i * 7) % 60);
            outcomes.add(met(c, c + "-T" + i, tiers[t], Metric.RESPONSE, day, 1 + (i * 37) % budgets[t], budgets[t]));
            outcomes.add(met(c, c + "-T" + i, tiers[t], Metric.RESOLUTION, day, 30 + (i * 53) % (budgets[t] * 8), budgets[t] * 16));
        }
        for (int i = 0; i < p1Breaches; i++) {
            OutcomeUpdate b = breached(c, c + "-B" + i, "P1", Metric.RESPONSE, "2026-11-1" + (8 + i) + "T15:00:00Z", 15, 50);
            outcomes.add(b);
            events.add(ReportInput.of(breachAlert(b)));
            events.add(ReportInput.of(escalation(b, 1, 30)));
        }
        List<OutcomeUpdate> before = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            before.add(met(c, c + "-P" + i, tiers[i % 3], Metric.RESPONSE, "2026-11-11T10:00:00Z", 5, budgets[i % 3]));
        }
        before.add(breached(c, c + "-PB", "P2", Metric.RESPONSE, "2026-11-12T10:00:00Z", 60, 90));
        PeriodFigures previous = ReportAccumulator.figures(client, w46, before, List.of());
        PeriodFigures figures = ReportAccumulator.figures(client, w47, outcomes, events);
        return ClientReport.of(client, w47, w47.endMs() + 300_000, 95.0, figures, previous);
    }
}
