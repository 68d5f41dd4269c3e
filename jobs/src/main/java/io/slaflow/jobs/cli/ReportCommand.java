package io.slaflow.jobs.cli;

import io.slaflow.jobs.report.DeliveryConfig;
import io.slaflow.jobs.report.ReportDelivery;
import io.slaflow.jobs.report.ReportFiles;
import io.slaflow.jobs.report.ReportRecord;
import io.slaflow.jobs.report.ReportRegeneration;
import io.slaflow.jobs.policy.BasePolicy;
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
        showDefaultValues = true,
        description = {"Regenerates a client's weekly or monthly report (HTML, PDF, JSON) from the output of 'slaflow replay'. "
                + "Reads outcomes.jsonl, breaches.jsonl and escalations.jsonl in --from and writes "
                + "--out/<client>/<period>.{html,pdf,json} with the same figures the streaming job computes."},
        footerHeading = "%nExamples:%n",
        footer = {"  slaflow replay --events infra/samples/msp-week.jsonl --out target/replay",
                "  slaflow report --client acme --week 2026-W47 --from target/replay"})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--client", required = true, paramLabel = "ID", description = "The client id, as in the events' clientId.")
    String client;

    @ArgGroup(exclusive = true, multiplicity = "1")
    PeriodChoice period;

    static final class PeriodChoice {
        @Option(names = "--week", paramLabel = "YYYY-Www", converter = PeriodLabelConverters.Week.class,
                description = "An ISO week in the client's time zone, e.g. 2026-W47.")
        String week;
        @Option(names = "--month", paramLabel = "YYYY-MM", converter = PeriodLabelConverters.Month.class,
                description = "A calendar month in the client's time zone, e.g. 2026-11.")
        String month;
    }

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The --out folder of a 'slaflow replay'.")
    Path from;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the report (created if needed). Default: the reports folder in --from.")
    Path out;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "The SLA policy the replay used: client names, time zones, contacts, targets. Default: the built-in default policy.")
    Path policy;

    @Option(names = "--goal", defaultValue = "95", paramLabel = "PERCENT",
            description = "Adherence goal drawn on the charts, 0 to 100.")
    double goal;

    @Option(names = "--allowed-lateness", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
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
        }
        Path target = out != null ? out : from.resolve("reports");
        ReportDelivery delivery = DeliveryConfig.folderOnly(target).open();
        ReportRecord record = delivery.deliver(report);
        ReportFiles files = delivery.files();
        spec.commandLine().getOut().printf("report %s: %s%n%s%n", report.id(), report.summary(),
                String.join("\n", record.files().stream().map(f -> files.root().resolve(f).toString()).toList()));
        return ExitCode.OK;
    }

    /** The arguments' form, before anything is read; whether the client and the period have data is the data's to say. */
    private void checkArguments() {
        ArgumentChecks check = new ArgumentChecks(spec);
        check.notBlank("--client", client, "a client id, e.g. --client acme");
        if (!(goal >= 0 && goal <= 100)) {
            throw check.usage("--goal is a percentage from 0 to 100, not " + goal);
        }
        check.existingFolder("--from", from, "the --out folder of a 'slaflow replay'");
        if (!java.nio.file.Files.isRegularFile(from.resolve("outcomes.jsonl"))) {
            throw CommandFailure.inputRefused("--from " + from + " is not the output of 'slaflow replay' (it has no outcomes.jsonl):"
                    + " run 'slaflow replay --events FILE --out " + from + "' first, or point --from at a replay's --out folder");
        }
        if (policy != null) {
            check.readableFile("--policy", policy, "a policy YAML file, or leave --policy out for the built-in default");
        }
        check.outputFolder("--out", out != null ? out : from.resolve("reports"));
    }
}
