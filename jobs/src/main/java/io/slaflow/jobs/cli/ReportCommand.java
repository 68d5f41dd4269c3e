package io.slaflow.jobs.cli;

import io.slaflow.jobs.policy.BasePolicy;
import io.slaflow.jobs.report.DeliveryConfig;
import io.slaflow.jobs.report.ReportDelivery;
import io.slaflow.jobs.report.ReportFiles;
import io.slaflow.jobs.report.ReportRecord;
import io.slaflow.jobs.report.ReportRegeneration;
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
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        subcommands = ReportVerifyCommand.class,
        description = {
            "Regenerates a client's weekly or monthly report (HTML, PDF, JSON, CSV) from the output of 'slaflow replay'. "
                    + "Reads outcomes.jsonl, breaches.jsonl, escalations.jsonl, chains.jsonl and tickets.jsonl (subjects) in --from and writes "
                    + "--out/<client>/<period>.{html,pdf,json,targets.csv} with the same code the streaming job runs.",
            "'slaflow report verify REPORT.json --from DIR' checks a report against its evidence."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  slaflow replay --events infra/samples/msp-week.jsonl --out target/replay",
            "  slaflow report --client acme --week 2026-W47 --from target/replay",
            "  slaflow report verify target/replay/reports/acme/2026-W47.json --from target/replay"
        })
final class ReportCommand implements Callable<Integer> {
    // --client, the period and --from are required, but checked in call(): picocli would demand them of 'report verify'
    @Option(names = "--client", paramLabel = "ID", description = "The client id, as in the events' clientId. Required.")
    String client;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PeriodChoice period;

    static final class PeriodChoice {
        @Option(
                names = "--week",
                paramLabel = "YYYY-Www",
                converter = PeriodLabelConverters.Week.class,
                description = "An ISO week in the client's time zone, e.g. 2026-W47. Required: this or --month.")
        String week;

        @Option(
                names = "--month",
                paramLabel = "YYYY-MM",
                converter = PeriodLabelConverters.Month.class,
                description = "A calendar month in the client's time zone, e.g. 2026-11. Required: this or --week.")
        String month;
    }

    @Option(names = "--from", paramLabel = "DIR", description = "The --out folder of a 'slaflow replay'. Required.")
    Path from;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Where to write the report (created if needed). Default: the reports folder in --from.")
    Path out;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description =
                    "The SLA policy the replay used: client names, time zones, contacts, targets. Default: the built-in default policy.")
    Path policy;

    @Option(
            names = "--goal",
            defaultValue = "95",
            paramLabel = "PERCENT",
            description = "Adherence goal, 0 to 100, of a tier whose client's contract sets none.")
    double goal;

    @Option(
            names = "--allowed-lateness",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5m",
            description = "As in the job: the report's generation time is the period end plus this.")
    Duration allowedLateness;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkArguments();
        ReportDirectory directory = ReportDirectory.of(BasePolicy.load(policy).policy());
        String label = period.week != null ? period.week : period.month;
        ClientReport report;
        try {
            report = ReportRegeneration.fromReplay(from, directory, client, label, allowedLateness.toMillis(), goal);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (ReportRegeneration.NothingToReport e) {
            // the command line names a client or a period the data does not have: fix the command line
            spec.commandLine().getErr().println("no report written: " + e.getMessage());
            return ExitCode.USAGE;
        }
        Path target = out != null ? out : from.resolve("reports");
        ReportDelivery delivery = DeliveryConfig.folderOnly(target).open();
        ReportRecord record = delivery.deliver(report);
        ReportFiles files = delivery.files();
        spec.commandLine()
                .getOut()
                .printf(
                        "report %s: %s%n%s%n",
                        report.id(),
                        report.summary(),
                        String.join(
                                "\n",
                                record.files().stream()
                                        .map(f -> files.root().resolve(f).toString())
                                        .toList()));
        return ExitCode.OK;
    }

    /** The arguments' form, before anything is read; whether the client and the period have data is the data's to say. */
    private void checkArguments() {
        ArgumentChecks check = new ArgumentChecks(spec);
        if (client == null) throw check.usage("Missing required option: '--client=ID'");
        if (period == null) {
            throw check.usage(
                    "Missing required argument: give the period, --week=YYYY-Www (e.g. 2026-W47) or --month=YYYY-MM (e.g. 2026-11)");
        }
        if (from == null) throw check.usage("Missing required option: '--from=DIR'");
        check.notBlank("--client", client, "a client id, e.g. --client acme");
        if (!(goal >= 0 && goal <= 100)) {
            throw check.usage("--goal is a percentage from 0 to 100, not " + goal);
        }
        check.existingFolder("--from", from, "the --out folder of a 'slaflow replay'");
        if (!java.nio.file.Files.isRegularFile(from.resolve("outcomes.jsonl"))) {
            throw CommandFailure.inputRefused(
                    "--from " + from + " is not the output of 'slaflow replay' (it has no outcomes.jsonl):"
                            + " run 'slaflow replay --events FILE --out " + from
                            + "' first, or point --from at a replay's --out folder");
        }
        if (policy != null) {
            check.readableFile(
                    "--policy", policy, "a policy YAML file, or leave --policy out for the built-in default");
        }
        check.outputFolder("--out", out != null ? out : from.resolve("reports"));
    }
}
