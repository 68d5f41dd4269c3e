package io.slaflow.jobs.cli;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.jobs.simulate.ProposalReport;
import io.slaflow.jobs.simulate.SimulationFiles;
import io.slaflow.jobs.simulate.SimulationJob;
import io.slaflow.jobs.simulate.SimulationOptions;
import io.slaflow.jobs.simulate.SimulationSummary;
import io.slaflow.simulate.ContractCredits;
import io.slaflow.simulate.SimulationScope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow simulate}: what adherence (and credits) proposed contracts would have had on a ticket history. */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = {
            "Runs one ticket history under the current policy and each candidate, with the engine of "
                    + "'replay' (one enforcer per policy, one pass over the file), and compares them: adherence, met, "
                    + "breached, escalations and service credits per client x tier x target, and every ticket target "
                    + "whose outcome differs. --sweep finds the tightest value of one target that would have reached "
                    + "--goal on the history, from the time each ticket's clock counted.",
            "",
            "Writes to --out (byte-identical for the same input and policies):",
            "  proposal.html, .pdf     the contract proposal, current vs proposed",
            "  proposal.json           everything, for tools",
            "  flips.jsonl             each target whose outcome differs",
            "  sweep-TIER.TARGET.yaml  with --sweep: the current policy at the answer"
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slaflow simulate --events q3.jsonl --policy current.yaml \\",
            "      --candidate proposed.yaml --out target/q3-proposal",
            "  slaflow simulate --events q3.jsonl --policy current.yaml \\",
            "      --sweep P2.response --goal 98%% --clients acme --out target/acme-p2"
        })
final class SimulateCommand implements Callable<Integer> {
    @Option(
            names = "--events",
            required = true,
            paramLabel = "FILE",
            description =
                    "Ticket events, one JSON object per line (what 'slaflow generate' or 'slaflow import' writes).")
    Path events;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "The current SLA policy (YAML). Default: the default policy built into slaflow.")
    Path policy;

    @Option(
            names = "--candidate",
            paramLabel = "FILE",
            showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description =
                    "A proposed policy to compare with the current one; repeat for several. Default: none (then --sweep is needed).")
    List<Path> candidates = new ArrayList<>();

    @Option(
            names = "--sweep",
            paramLabel = "TIER.TARGET",
            description =
                    "The target of the current policy to sweep (e.g. P2.response): its tightest value that reaches --goal. Default: no sweep.")
    String sweep;

    @Option(
            names = "--goal",
            paramLabel = "PERCENT",
            description = "The adherence goal of --sweep, e.g. 98%%. Default: 95%%.")
    String goal;

    @Option(
            names = "--clients",
            paramLabel = "ID",
            split = ",",
            showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Compare only these clients (comma separated or repeated). Default: every client.")
    List<String> clients = new ArrayList<>();

    @Option(
            names = "--from",
            paramLabel = "TIME",
            converter = WindowBound.class,
            description =
                    "Compare only tickets created at or after this instant or date (2026-07-01 = midnight UTC). Default: from the first.")
    Instant from;

    @Option(
            names = "--to",
            paramLabel = "TIME",
            converter = WindowBound.class,
            description = "Compare only tickets created before this instant or date. Default: up to the last.")
    Instant to;

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
            description = "Evaluate as of this instant (ISO-8601 with offset). Default: the last event time.")
    Instant asOf;

    @Option(
            names = "--out-of-orderness",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5m",
            description =
                    "How far out of event-time order the file may be; widened to the disorder the file actually has.")
    Duration outOfOrderness;

    @Option(
            names = "--allowed-lateness",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5m",
            description = "As in replay: events later than this behind the watermark are dead letters (LATE).")
    Duration allowedLateness;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "Parallelism of each policy's enforcer in the local MiniCluster (1 or more).")
    int parallelism;

    @Option(
            names = "--max-event-bytes",
            paramLabel = "N",
            defaultValue = "" + TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES,
            description = "Larger records are dead letters (OVERSIZED).")
    int maxEventBytes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkArguments();
        SimulationScope scope = new SimulationScope(
                new TreeSet<>(clients.stream().map(String::strip).toList()),
                from == null ? Long.MIN_VALUE : from.toEpochMilli(),
                to == null ? Long.MAX_VALUE : to.toEpochMilli());
        EnforcerSettings settings = EnforcerSettings.live().withAllowedLateness(allowedLateness);
        SimulationOptions o = new SimulationOptions(
                events,
                policy,
                candidates,
                scope,
                asOf,
                outOfOrderness,
                settings,
                parallelism,
                maxEventBytes,
                sweep,
                sweep == null ? null : goal == null ? "95%" : goal,
                out);
        SimulationJob.Result r;
        try {
            r = new SimulationJob(
                            System.err,
                            new ContractCredits(ContractCredits.REPORT_DEFAULT_GOAL_PERCENT),
                            new ProposalReport())
                    .run(o);
        } catch (SimulationJob.BadSweep e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sweep " + sweep + ": " + e.getMessage());
        }
        var console = spec.commandLine().getOut();
        console.print(SimulationSummary.of(r.simulation()));
        for (Path f : r.files()) console.println("  " + f);
        return ExitCode.OK;
    }

    /** Everything that can be known wrong before the MiniCluster starts (a policy problem is found by its load). */
    private void checkArguments() throws Exception {
        ArgumentChecks check = new ArgumentChecks(spec);
        check.readableFile("--events", events, "a JSON Lines file of ticket events, e.g. infra/samples/msp-week.jsonl");
        if (policy != null) {
            check.readableFile(
                    "--policy",
                    policy,
                    "the current policy's YAML file, or leave --policy out for the built-in default");
        }
        for (Path c : candidates) {
            check.readableFile("--candidate", c, "a proposed policy's YAML file");
        }
        if (candidates.isEmpty() && sweep == null) {
            throw check.usage(
                    "nothing to compare: give --candidate PROPOSED.yaml (repeatable) and/or --sweep TIER.TARGET --goal PERCENT");
        }
        if (goal != null && sweep == null) {
            throw check.usage(
                    "--goal " + goal + " is the goal of a sweep: add --sweep TIER.TARGET, e.g. --sweep P2.response");
        }
        if (goal != null) {
            try {
                io.slaflow.simulate.SweepSpec.parseGoal(goal);
            } catch (IllegalArgumentException e) {
                throw check.usage("--goal " + e.getMessage()); // the goal's own mistake, not the sweep's
            }
        }
        for (String c : clients)
            check.notBlank("--clients", c, "client ids as the events write them, e.g. --clients acme,globex");
        if (from != null && to != null && !to.isAfter(from)) {
            throw check.usage("--to " + to + " is not after --from " + from
                    + ": the window holds tickets created from --from up to --to");
        }
        check.outputFolder("--out", out);
        String refusal = SimulationFiles.refusal(out);
        if (refusal != null) throw check.usage("--out " + refusal);
        check.atLeast("--parallelism", parallelism, 1, "the number of parallel subtasks of each enforcer");
        check.atLeast("--max-event-bytes", maxEventBytes, 1, "the largest record accepted, in bytes");
    }

    /** An instant with offset, or a date (midnight UTC): {@code 2026-07-01}, {@code 2026-07-01T00:00:00-04:00}. */
    static final class WindowBound implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return value.contains("T")
                        ? OffsetDateTime.parse(value).toInstant()
                        : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value
                                + "' is neither a date (2026-07-01, midnight UTC) nor an ISO-8601 time with offset (2026-07-01T00:00:00-04:00)");
            }
        }
    }
}
