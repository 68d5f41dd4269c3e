package io.slaflow.jobs.cli;

import io.slaflow.jobs.report.DeliveryConfig;
import io.slaflow.jobs.report.ReportDelivery;
import io.slaflow.jobs.report.ReportFiles;
import io.slaflow.jobs.report.ReportRecord;
import io.slaflow.jobs.report.ReportRegeneration;
import io.slaflow.policy.InvalidPolicyException;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.report.ClientReport;
import io.slaflow.report.ReportDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slaflow report}: regenerate one client's weekly or monthly report from a replay's output. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        subcommands = ReportVerifyCommand.class,
        description = {"Regenerates a client's weekly or monthly report (HTML, PDF, JSON) from the output of 'slaflow replay'.",
                "Reads outcomes.jsonl, breaches.jsonl and escalations.jsonl in --from and writes",
                "--out/<client>/<period>.{html,pdf,json,targets.csv} with the same figures the streaming job computes.",
                "'slaflow report verify REPORT.json --from DIR' checks a report against its evidence."})
final class ReportCommand implements Callable<Integer> {
    // required, but checked in call(): picocli would demand them of 'report verify' too
    @Option(names = "--client", paramLabel = "ID", description = "The client id (required).")
    String client;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PeriodChoice period;

    static final class PeriodChoice {
        @Option(names = "--week", paramLabel = "YYYY-Www", description = "An ISO week in the client's time zone, e.g. 2026-W47.")
        String week;
        @Option(names = "--month", paramLabel = "YYYY-MM", description = "A calendar month in the client's time zone, e.g. 2026-11.")
        String month;
    }

    @Option(names = "--from", paramLabel = "DIR", description = "The --out folder of a replay (required).")
    Path from;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (default: FROM/reports).")
    Path out;

    @Option(names = "--policy", paramLabel = "FILE.yaml", defaultValue = "infra/policies/default.yaml",
            description = "The SLA policy: client names, time zones, contacts, targets (default: ${DEFAULT-VALUE}).")
    Path policy;

    @Option(names = "--goal", defaultValue = "95", paramLabel = "PERCENT",
            description = "Adherence goal of a tier whose client's contract sets none (default: ${DEFAULT-VALUE}).")
    double goal;

    @Option(names = "--allowed-lateness", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "As in the job: the report's generation time is the period end plus this (default: ${DEFAULT-VALUE}).")
    Duration allowedLateness;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (client == null) throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--client=ID'");
        if (period == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required argument: give the period, --week=YYYY-Www (e.g. 2026-W47) or --month=YYYY-MM (e.g. 2026-11)");
        }
        if (from == null) throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--from=DIR'");
        ReportDirectory directory;
        try {
            directory = ReportDirectory.of(PolicyLoader.load(policy));
        } catch (InvalidPolicyException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 1;
        }
        String label = period.week != null ? period.week : period.month;
        ClientReport report;
        try {
            report = ReportRegeneration.fromReplay(from, directory, client, label, allowedLateness.toMillis(), goal);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (ReportRegeneration.NothingToReport e) {
            spec.commandLine().getErr().println("no report written: " + e.getMessage());
            return 2;
        }
        Path target = out != null ? out : from.resolve("reports");
        ReportDelivery delivery = DeliveryConfig.folderOnly(target).open();
        ReportRecord record = delivery.deliver(report);
        ReportFiles files = delivery.files();
        spec.commandLine().getOut().printf("report %s: %s%n%s%n", report.id(), report.summary(),
                String.join("\n", record.files().stream().map(f -> files.root().resolve(f).toString()).toList()));
        return 0;
    }
}
