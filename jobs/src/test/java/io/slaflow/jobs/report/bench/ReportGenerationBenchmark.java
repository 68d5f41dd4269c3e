package io.slaflow.jobs.report.bench;

import io.slaflow.jobs.report.DeliveryConfig;
import io.slaflow.jobs.report.ReportDelivery;
import io.slaflow.policy.InvalidPolicyException;
import io.slaflow.policy.Metric;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.report.ClientReport;
import io.slaflow.report.PeriodFigures;
import io.slaflow.report.ReportAccumulator;
import io.slaflow.report.ReportClient;
import io.slaflow.report.ReportDirectory;
import io.slaflow.report.ReportInput;
import io.slaflow.report.ReportPeriod;
import io.slaflow.sla.Escalation;
import io.slaflow.sla.Outcome;
import io.slaflow.sla.OutcomeUpdate;
import io.slaflow.sla.SlaAlert;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Weekly reports for N clients (default 1,000), each with a realistic week (default 140 tickets: 280 targets,
 * about 3 % breached, with breach records and escalations): figures + HTML + PDF + JSON written to a folder, on
 * {@code threads} threads (default: the available processors). Prints the wall-clock time.
 *
 * <pre>java -cp ... io.slaflow.jobs.report.bench.ReportGenerationBenchmark [clients] [ticketsPerWeek] [threads] [outDir]</pre>
 */
public final class ReportGenerationBenchmark {
    private static final String[] ZONES = {"America/New_York", "Asia/Manila", "Europe/London", "UTC", "Australia/Sydney"
    };
    private static final String[] TIERS = {"P1", "P2", "P3"};
    private static final long[] BUDGET_MIN = {15, 60, 240};

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 140;
        int threads = args.length > 2
                ? Integer.parseInt(args[2])
                : Runtime.getRuntime().availableProcessors();
        Path out = Path.of(args.length > 3 ? args[3] : "target/report-bench");
        ReportDirectory dir = directory();
        // inputs first (not timed): what the builder holds when the week closes
        List<Week> weeks = weeks(dir, clients, tickets);
        List<ReportClient> cs = weeks.stream().map(Week::client).toList();
        List<List<OutcomeUpdate>> outcomes = weeks.stream().map(Week::outcomes).toList();
        List<List<ReportInput>> events = weeks.stream().map(Week::events).toList();

        ReportDelivery delivery = DeliveryConfig.folderOnly(out).open();
        render(dir, delivery, cs.subList(0, Math.min(20, clients)), outcomes, events, threads); // warm-up (JIT, fonts)
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long started = System.nanoTime();
        long bytes = render(dir, delivery, cs, outcomes, events, threads);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        // the CPU time tells what the machine's other load hides: wall time on idle cores is about cpu / threads
        System.out.printf(
                "reports: %,d clients × (figures + HTML + PDF + JSON + CSV), %d tickets/week each, %d threads: %.1f s wall, "
                        + "%.1f s CPU (%.1f ms CPU per report; load average %.1f), %,d KB written to %s%n",
                clients,
                tickets,
                threads,
                seconds,
                cpu,
                cpu * 1000 / clients,
                os.getSystemLoadAverage(),
                bytes / 1024,
                out);
    }

    /** The default policy's report directory, from the repository's root or a module's folder. */
    public static ReportDirectory directory() throws InvalidPolicyException {
        return ReportDirectory.of(PolicyLoader.load(
                Path.of("infra/policies/default.yaml").toFile().exists()
                        ? Path.of("infra/policies/default.yaml")
                        : Path.of("../infra/policies/default.yaml")));
    }

    /** One client's week as the report builder holds it when the week closes. */
    public record Week(ReportClient client, List<OutcomeUpdate> outcomes, List<ReportInput> events) {}

    /**
     * Realistic weeks of 2026-W47 for {@code clients} clients (seeded, so always the same): {@code tickets} tickets each,
     * ~3 % of targets breached with their breach records and escalations, clients in five time zones.
     */
    public static List<Week> weeks(ReportDirectory dir, int clients, int tickets) {
        ReportClient template = dir.client("acme");
        List<Week> weeks = new ArrayList<>();
        Random rnd = new Random(7);
        for (int c = 0; c < clients; c++) {
            String id = String.format("client-%04d", c);
            ReportClient client = new ReportClient(
                    id,
                    "Client " + c,
                    ZoneId.of(ZONES[c % ZONES.length]),
                    List.of("it@" + id + ".example"),
                    false,
                    template.targets(),
                    template.clocks(),
                    template.ticketUrl(),
                    template.contract());
            ReportPeriod week = ReportPeriod.parse("2026-W47", client.zone());
            List<OutcomeUpdate> os = new ArrayList<>();
            List<ReportInput> es = new ArrayList<>();
            for (int t = 0; t < tickets; t++) {
                int tier = rnd.nextInt(10) < 1 ? 0 : rnd.nextInt(10) < 4 ? 1 : 2;
                long start = week.startMs() + (long) (rnd.nextDouble() * (week.endMs() - week.startMs() - 86_400_000L));
                for (Metric m : Metric.values()) {
                    long budget = BUDGET_MIN[tier] * 60_000L * (m == Metric.RESOLUTION ? 16 : 1);
                    boolean breach = rnd.nextInt(100) < 3;
                    long took =
                            breach ? budget + (long) (rnd.nextDouble() * budget) : (long) (rnd.nextDouble() * budget);
                    String ticket = id + "-T" + t;
                    OutcomeUpdate u = new OutcomeUpdate(
                            ticket,
                            id,
                            TIERS[tier],
                            m,
                            start,
                            start + budget,
                            breach ? Outcome.BREACHED : Outcome.MET,
                            start + took,
                            breach ? start + budget : -1,
                            "default",
                            "v1",
                            false,
                            2);
                    os.add(u);
                    if (breach) {
                        es.add(ReportInput.of(new SlaAlert(
                                ticket + ":" + m + ":BREACH",
                                SlaAlert.Kind.BREACH,
                                ticket,
                                id,
                                TIERS[tier],
                                m,
                                100,
                                start,
                                start + budget,
                                start + budget,
                                "agent",
                                "v1",
                                false)));
                        es.add(ReportInput.of(new Escalation(
                                ticket + ":" + m + ":ESCALATION:1",
                                ticket,
                                id,
                                TIERS[tier],
                                m,
                                1,
                                "account-director",
                                "agent",
                                "dana.lee",
                                start + budget,
                                start + budget + 1_800_000,
                                "breached",
                                "v1",
                                "1h",
                                start + budget,
                                ticket + ":" + m + ":BREACH")));
                    }
                }
            }
            weeks.add(new Week(client, os, es));
        }
        return weeks;
    }

    /** The week's report, as the builder makes it at the week's close. */
    public static ClientReport report(ReportDirectory dir, Week w) {
        ReportPeriod week = ReportPeriod.parse("2026-W47", w.client().zone());
        PeriodFigures f =
                ReportAccumulator.figures(w.client(), dir.clocks("acme"), week, 95.0, w.outcomes(), w.events());
        return ClientReport.of(
                w.client(),
                week,
                week.endMs(),
                95.0,
                f,
                null,
                List.of(f.summary()),
                List.of(),
                week.startMs(),
                dir.msp());
    }

    private static long render(
            ReportDirectory dir,
            ReportDelivery delivery,
            List<ReportClient> cs,
            List<List<OutcomeUpdate>> outcomes,
            List<List<ReportInput>> events,
            int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int i = 0; i < cs.size(); i++) {
                final int c = i;
                done.add(pool.submit(() -> {
                    ClientReport r = report(dir, new Week(cs.get(c), outcomes.get(c), events.get(c)));
                    delivery.deliver(r);
                    Path pdf = delivery.files().file(r, ".pdf");
                    return Files.size(pdf)
                            + Files.size(delivery.files().file(r, ".html"))
                            + Files.size(delivery.files().file(r, ".json"));
                }));
            }
            long bytes = 0;
            for (Future<Long> f : done) bytes += f.get();
            return bytes;
        } finally {
            pool.shutdown();
        }
    }
}
