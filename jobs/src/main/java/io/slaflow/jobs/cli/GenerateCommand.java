package io.slaflow.jobs.cli;

import io.slaflow.infra.workload.WorkloadGenerator;
import io.slaflow.infra.workload.WorkloadSpec;
import io.slaflow.infra.workload.WorkloadStats;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow generate}: a deterministic, realistic MSP ticket history as JSON Lines. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "Writes a realistic, deterministic MSP ticket history as JSON Lines: clients across tiers and time zones, "
                    + "daily and weekly rhythm, keyword-rich subjects, pauses, priority changes, reopens, and a share of malformed "
                    + "records. Same options, same bytes."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slaflow generate --out history.jsonl --clients 20 --days 7",
            "  slaflow replay --events history.jsonl --out target/replay"
        })
final class GenerateCommand implements Callable<Integer> {
    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "The JSON Lines file to write (replaced if it exists).")
    Path out;

    @Option(
            names = "--clients",
            paramLabel = "N",
            defaultValue = "" + WorkloadSpec.DEFAULT_CLIENTS,
            description = "Clients (1 or more).")
    int clients;

    @Option(names = "--days", paramLabel = "N", defaultValue = "28", description = "Days of history (1 or more).")
    int days;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "7", description = "Same seed, same history.")
    long seed;

    @Option(
            names = "--start",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description = "First instant, ISO-8601 with offset. Default: 2026-11-16T00:00:00Z.")
    Instant start;

    @Option(
            names = "--tickets-per-client-per-day",
            paramLabel = "N",
            defaultValue = "" + WorkloadSpec.DEFAULT_TICKETS_PER_CLIENT_PER_DAY,
            description = "Mean new tickets per client and day (more than 0).")
    double ticketsPerClientPerDay;

    @Option(
            names = "--malformed-share",
            paramLabel = "SHARE",
            defaultValue = "" + WorkloadSpec.DEFAULT_MALFORMED_SHARE,
            description = "Share of deliberately malformed records, 0 to 1 (they become dead letters in a replay).")
    double malformedShare;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ArgumentChecks check = new ArgumentChecks(spec);
        check.outputFile("--out", out);
        check.atLeast("--clients", clients, 1, "the number of generated clients");
        check.atLeast("--days", days, 1, "the days of history");
        if (!(ticketsPerClientPerDay > 0))
            throw check.usage("--tickets-per-client-per-day must be more than 0, not " + ticketsPerClientPerDay);
        if (!(malformedShare >= 0 && malformedShare <= 1))
            throw check.usage("--malformed-share is a share from 0 to 1, not " + malformedShare);
        WorkloadSpec s = WorkloadSpec.defaults(seed)
                .withClients(clients)
                .withDuration(Duration.ofDays(days))
                .withTicketsPerClientPerDay(ticketsPerClientPerDay)
                .withMalformedShare(malformedShare);
        if (start != null) {
            s = s.withStart(start);
        }
        long t0 = System.nanoTime();
        WorkloadStats stats = new WorkloadGenerator(s).writeJsonLines(out);
        spec.commandLine().getOut().printf("%s: %s (%.1f s)%n", out, stats, (System.nanoTime() - t0) / 1e9);
        return ExitCode.OK;
    }
}
