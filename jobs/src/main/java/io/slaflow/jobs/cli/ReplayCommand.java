package io.slaflow.jobs.cli;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.jobs.replay.ReplayJob;
import io.slaflow.jobs.replay.ReplayOptions;
import io.slaflow.jobs.replay.ReplayOutput;
import io.slaflow.policy.InvalidPolicyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow replay}: audit a ticket history file against a policy. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        description = {"Audits a ticket history: the enforcement job on a JSON Lines file, in a local MiniCluster.",
                "Runs the enforcement job on a JSON Lines file of ticket events in a local Flink MiniCluster and writes",
                "outcomes.jsonl, warnings.jsonl, breaches.jsonl, escalations.jsonl, dead-letters.jsonl and summary.json to --out.",
                "Time moves only with the data; targets still open at --as-of are PENDING."})
final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--events", required = true, paramLabel = "FILE.jsonl", description = "Ticket events, one JSON object per line.")
    Path events;

    @Option(names = "--policy", paramLabel = "FILE.yaml", defaultValue = "infra/policies/default.yaml",
            description = "The SLA policy (default: ${DEFAULT-VALUE}).")
    Path policy;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the result files (created if needed).")
    Path out;

    @Option(names = "--as-of", paramLabel = "TIME", converter = InstantConverter.class,
            description = "Evaluate as of this instant (ISO-8601, e.g. 2026-11-20T17:00:00Z). Default: the last event time.")
    Instant asOf;

    @Option(names = "--out-of-orderness", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "How far out of event-time order the file may be; widened to the disorder the file actually has (default: ${DEFAULT-VALUE}).")
    Duration outOfOrderness;

    @Option(names = "--allowed-lateness", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "Events later than this behind the watermark are dead letters (default: ${DEFAULT-VALUE}).")
    Duration allowedLateness;

    @Option(names = "--closed-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "State kept after CLOSED (default: 1h, as in 'slaflow run').")
    Duration closedGrace;

    @Option(names = "--resolved-retention", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "State kept for a resolved ticket never closed (default: the whole file, so an audit forgets no ticket).")
    Duration resolvedRetention;

    @Option(names = "--outlier-margin", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "366d",
            description = "Events dated further than this (or three times the middle half of the file's span) outside the"
                    + " middle half of the file's event times are TIME_OUTLIER dead letters and never set the as-of (default: ${DEFAULT-VALUE}).")
    Duration outlierMargin;

    @Option(names = "--parallelism", defaultValue = "2", description = "MiniCluster parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--max-event-bytes", defaultValue = "" + TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES,
            description = "Larger records are refused as OVERSIZED (default: ${DEFAULT-VALUE}).")
    int maxEventBytes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(events)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --events " + events + ": check the path");
        }
        EnforcerSettings settings = EnforcerSettings.live().withAllowedLateness(allowedLateness);
        try {
            new ReplayJob(System.err).run(new ReplayOptions(events, policy, out, asOf, outOfOrderness, settings,
                    parallelism, maxEventBytes).withRetention(closedGrace, resolvedRetention).withOutlierMargin(outlierMargin));
            return 0;
        } catch (ReplayOutput.RefusedException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        } catch (InvalidPolicyException e) {
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().println("Nothing was replayed. Check the policy with 'slaflow policy validate " + policy + "'.");
            return 1;
        }
    }
}
