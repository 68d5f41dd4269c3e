package io.slaflow.jobs.report;

import static io.slaflow.report.ReportFixtures.breachAlert;
import static io.slaflow.report.ReportFixtures.breached;
import static io.slaflow.report.ReportFixtures.escalation;
import static io.slaflow.report.ReportFixtures.met;
import static io.slaflow.report.ReportFixtures.ms;

import io.slaflow.policy.Metric;
import io.slaflow.policy.MspBranding;
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
    /** The default policy's MSP with a logo, as a policy naming {@code logo: northwind-logo.png} would have it. */
    static final MspBranding MSP = new MspBranding(DIR.msp().name(), logo());

    private static String logo() {
        try {
            return "data:image/png;base64,"
                    + java.util.Base64.getEncoder()
                            .encodeToString(java.nio.file.Files.readAllBytes(
                                    java.nio.file.Path.of("../operators/src/test/resources/northwind-logo.png")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SampleReports() {}

    static ClientReport week47(String clientId) {
        return week47(DIR.client(clientId), 40, 2);
    }

    static final String SUBJECT = "Production down at the Leeds plant: MES and label printers offline";

    static ClientReport week47(ReportClient client, int tickets, int p1Breaches) {
        return week47(client, tickets, p1Breaches, SUBJECT);
    }

    /** @param subject the subject of the breached tickets (outside text: tests give hostile ones) */
    static ClientReport week47(ReportClient client, int tickets, int p1Breaches, String subject) {
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
            outcomes.add(met(
                    c,
                    c + "-T" + i,
                    tiers[t],
                    Metric.RESOLUTION,
                    day,
                    30 + (i * 53) % (budgets[t] * 8),
                    budgets[t] * 16));
        }
        for (int i = 0; i < p1Breaches; i++) {
            OutcomeUpdate b =
                    breached(c, c + "-B" + i, "P1", Metric.RESPONSE, "2026-11-1" + (8 + i) + "T15:00:00Z", 15, 50);
            outcomes.add(b);
            events.add(ReportInput.of(breachAlert(b)));
            events.add(ReportInput.of(escalation(b, 1, 30)));
            events.add(ReportInput.of(new ReportInput.TicketNote(b.ticketId(), c, subject + " #" + i)));
        }
        List<OutcomeUpdate> before = new ArrayList<>();
        for (int i = 0; i < tickets; i++) {
            before.add(met(c, c + "-P" + i, tiers[i % 3], Metric.RESPONSE, "2026-11-11T10:00:00Z", 5, budgets[i % 3]));
        }
        before.add(breached(c, c + "-PB", "P2", Metric.RESPONSE, "2026-11-12T10:00:00Z", 60, 90));
        // a breach still open at the week's end, not escalated yet, and a chain alert
        // paused 10:00-11:30 (waiting on the customer): the 8 h deadline moved to 18:30, the clock counted 1 h before
        // the
        // pause and runs again since 11:30
        long s0 = ms("2026-11-21T09:00:00Z");
        OutcomeUpdate open = new OutcomeUpdate(
                c + "-OPEN",
                c,
                "P2",
                Metric.RESOLUTION,
                s0,
                s0 + 570 * 60_000L,
                io.slaflow.sla.Outcome.BREACHED,
                -1,
                s0 + 570 * 60_000L,
                "default",
                "v1",
                false,
                5,
                60 * 60_000L,
                s0 + 150 * 60_000L);
        outcomes.add(open);
        events.add(ReportInput.of(new ReportInput.TicketNote(open.ticketId(), c, "VPN down for the finance team")));
        events.add(ReportInput.of(breachAlert(open)));
        events.add(ReportInput.of(new ReportInput.ChainNote(
                "breach-storm:" + c, c, ms("2026-11-19T16:00:00Z"), "3 breaches within 24 h for " + client.name())));
        PeriodFigures previous = ReportAccumulator.figures(client, DIR.clocks(c), w46, 95.0, before, List.of());
        PeriodFigures figures = ReportAccumulator.figures(client, DIR.clocks(c), w47, 95.0, outcomes, events);
        return ClientReport.of(
                client,
                w47,
                w47.endMs() + 300_000,
                95.0,
                figures,
                previous.summary(),
                List.of(previous.summary(), figures.summary()),
                List.of(),
                w46.startMs(),
                MSP);
    }

    /** acme's November: its contract's goals, a missed P1 goal, the credit owed. */
    static ClientReport november(String clientId) {
        ReportClient client = DIR.client(clientId);
        String c = client.id();
        ReportPeriod nov = ReportPeriod.parse("2026-11", client.zone());
        List<OutcomeUpdate> outcomes = new ArrayList<>();
        List<ReportInput> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String day = String.format("2026-11-%02dT14:00:00Z", 2 + i % 27);
            outcomes.add(
                    met(c, c + "-M" + i, i % 2 == 0 ? "P2" : "P3", Metric.RESPONSE, day, 20, i % 2 == 0 ? 60 : 240));
        }
        for (int i = 0; i < 9; i++)
            outcomes.add(met(c, c + "-P1-" + i, "P1", Metric.RESPONSE, "2026-11-10T15:00:00Z", 5, 15));
        OutcomeUpdate b = breached(c, c + "-P1-B", "P1", Metric.RESPONSE, "2026-11-12T15:00:00Z", 15, 50);
        outcomes.add(b);
        events.add(ReportInput.of(breachAlert(b)));
        events.add(ReportInput.of(escalation(b, 1, 30)));
        PeriodFigures figures = ReportAccumulator.figures(client, DIR.clocks(c), nov, 95.0, outcomes, events);
        return ClientReport.of(
                client,
                nov,
                nov.endMs() + 300_000,
                95.0,
                figures,
                null,
                List.of(figures.summary()),
                List.of(),
                nov.startMs() - 1,
                MSP);
    }
}
