package io.slaflow.jobs.cli;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.jobs.replay.ReplayJob;
import io.slaflow.jobs.replay.ReplayOptions;
import io.slaflow.jobs.replay.ReportSelection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow replay}: audit a ticket history file against a policy. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "Audits a ticket history: runs the enforcement job on a JSON Lines file of ticket events in a local "
                    + "Flink MiniCluster. Time moves only with the data; targets still open at --as-of are PENDING.",
            "",
            "Writes to --out (sorted, byte-identical for the same input and policy):",
            "  outcomes.jsonl      final outcome per ticket x target: MET, BREACHED, PENDING",
            "  warnings.jsonl      at-risk warnings",
            "  breaches.jsonl      breaches",
            "  escalations.jsonl   escalations, with the reassignment command",
            "  chains.jsonl        breach chains (CEP alerts)",
            "  dead-letters.jsonl  refused input lines, with reason and original bytes",
            "  adherence.jsonl     adherence per client x tier x target, hourly and rolling",
            "  tickets.jsonl       each ticket's subject (what 'slaflow report' names breach rows by)",
            "  summary.json        counts and adherence over the whole replay",
            "  reports/CLIENT/PERIOD.{html,pdf,json,targets.csv}  client reports complete by --as-of (--reports)"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slaflow replay --events infra/samples/msp-week.jsonl --out target/replay",
            "  slaflow replay --events bpi.jsonl --policy my-policy.yaml \\",
            "      --as-of 2012-05-01T00:00:00Z --out audit"
        })
final class ReplayCommand implements Callable<Integer> {
    @Option(
            names = "--events",
            required = true,
            paramLabel = "FILE",
            description =
                    "Ticket events, one JSON object per line (e.g. infra/samples/msp-week.jsonl, or what 'slaflow import' wrote).")
    Path events;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description =
                    "The SLA policy (YAML). Default: the default policy built into slaflow (infra/policies/default.yaml).")
    Path policy;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Where to write the result files (created if needed).")
    Path out;

    @Option(
            names = "--as-of",
            paramLabel = "TIME",
            converter = InstantConverter.class,
            description =
                    "Evaluate as of this instant (ISO-8601 with offset, e.g. 2026-11-20T17:00:00Z). Default: the last event time.")
    Instant asOf;

    @Option(
            names = "--out-of-orderness",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5m",
            description =
                    "How long event time waits for a late event. A file out of order is sorted by event time first (in bounded memory), so this need not cover its disorder.")
    Duration outOfOrderness;

    @Option(
            names = "--allowed-lateness",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5m",
            description = "Events later than this behind the watermark are dead letters (LATE).")
    Duration allowedLateness;

    @Option(
            names = "--closed-grace",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "State kept after CLOSED. Default: 1h, as in 'slaflow run'.")
    Duration closedGrace;

    @Option(
            names = "--resolved-retention",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "State kept for a resolved ticket never closed. Default: the whole file, so an audit forgets no ticket.")
    Duration resolvedRetention;

    @Option(
            names = "--outlier-margin",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "366d",
            description =
                    "An event dated further than this (and than three times the middle half of the file's event times)"
                            + " outside that middle half is a TIME_OUTLIER dead letter and never sets the as-of.")
    Duration outlierMargin;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Parallelism of the local MiniCluster (1 or more).")
    int parallelism;

    @Option(
            names = "--max-event-bytes",
            paramLabel = "N",
            defaultValue = "" + TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES,
            description = "Larger records are dead letters (OVERSIZED).")
    int maxEventBytes;

    @Option(
            names = "--reports",
            paramLabel = "KIND",
            defaultValue = "all",
            description = "Client reports to write into --out/reports: none, weekly, monthly or all.")
    ReportSelection reports;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkArguments();
        EnforcerSettings settings = EnforcerSettings.live().withAllowedLateness(allowedLateness);
        new ReplayJob(System.err)
                .run(new ReplayOptions(
                                events,
                                policy,
                                out,
                                asOf,
                                outOfOrderness,
                                settings,
                                parallelism,
                                maxEventBytes,
                                reports)
                        .withRetention(closedGrace, resolvedRetention)
                        .withOutlierMargin(outlierMargin));
        return ExitCode.OK;
    }

    /** Everything that can be known wrong before the MiniCluster starts (a policy problem is found by the job's load). */
    private void checkArguments() {
        ArgumentChecks check = new ArgumentChecks(spec);
        check.readableFile("--events", events, "a JSON Lines file of ticket events, e.g. infra/samples/msp-week.jsonl");
        if (policy != null) {
            check.readableFile(
                    "--policy", policy, "a policy YAML file, or leave --policy out for the built-in default");
        }
        check.outputFolder("--out", out);
        check.atLeast("--parallelism", parallelism, 1, "the number of parallel subtasks of the local job");
        check.atLeast("--max-event-bytes", maxEventBytes, 1, "the largest record accepted, in bytes");
    }
}
