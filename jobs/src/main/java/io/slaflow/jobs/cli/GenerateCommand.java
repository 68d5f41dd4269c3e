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
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {"Writes a realistic, deterministic MSP ticket history as JSON Lines.",
                "A generated MSP workload (clients across tiers and time zones, daily and weekly rhythm, keyword-rich",
                "subjects, pauses, priority changes, reopens, a share of malformed records) as JSON Lines. Same seed, same bytes.",
                "Replay it with: slaflow replay --events FILE --out DIR"})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "FILE.jsonl")
    Path out;
    @Option(names = "--clients", defaultValue = "" + WorkloadSpec.DEFAULT_CLIENTS, description = "(default: ${DEFAULT-VALUE})")
    int clients;
    @Option(names = "--days", defaultValue = "28", description = "(default: ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--seed", defaultValue = "7", description = "(default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--start", converter = InstantConverter.class, description = "First instant (default: 2026-11-16T00:00:00Z).")
    Instant start;
    @Option(names = "--tickets-per-client-per-day", defaultValue = "" + WorkloadSpec.DEFAULT_TICKETS_PER_CLIENT_PER_DAY,
            description = "(default: ${DEFAULT-VALUE})")
    double ticketsPerClientPerDay;
    @Option(names = "--malformed-share", defaultValue = "" + WorkloadSpec.DEFAULT_MALFORMED_SHARE, description = "(default: ${DEFAULT-VALUE})")
    double malformedShare;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WorkloadSpec s = WorkloadSpec.defaults(seed).withClients(clients).withDuration(Duration.ofDays(days))
                .withTicketsPerClientPerDay(ticketsPerClientPerDay).withMalformedShare(malformedShare);
        if (start != null) {
            s = s.withStart(start);
        }
        long t0 = System.nanoTime();
        WorkloadStats stats = new WorkloadGenerator(s).writeJsonLines(out);
        spec.commandLine().getOut().printf("%s: %s (%.1f s)%n", out, stats, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
