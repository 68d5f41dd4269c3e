package io.slaflow.jobs.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code slaflow} command line: {@code java -jar jobs/target/slaflow.jar <command>}, and the entry point
 * {@code flink run jobs/target/slaflow.jar run ...} submits.
 */
@Command(
        name = "slaflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "SLAflow: define, enforce and prove IT service commitments on Apache Flink.",
        footerHeading = "%nFirst steps:%n",
        footer = {
            "  slaflow replay --events infra/samples/msp-week.jsonl --out target/replay",
            "  slaflow demo",
            "  slaflow <command> --help"
        },
        subcommands = {
            DemoCommand.class,
            PolicyCommand.class,
            ReplayCommand.class,
            RunCommand.class,
            GenerateCommand.class,
            ReportCommand.class,
            ImportCommand.class,
            SimulateCommand.class,
            EsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class SlaflowCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrivateTempDir.install(args);
        System.exit(execute(args));
    }

    /** Runs one command line to its exit code; a mistake is reported, never thrown ({@link ErrorReporting}). */
    static int execute(String[] args) {
        return execute(args, new PrintWriter(System.err, true));
    }

    /** The same, reporting on {@code err} (tests). */
    static int execute(String[] args, PrintWriter err) {
        CommandLine cli;
        try {
            cli = commandLine(args);
        } catch (UncheckedIOException e) {
            err.println("slaflow: " + e.getCause().getMessage());
            err.flush();
            return ExitCode.INPUT_REFUSED;
        }
        cli.setErr(err);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // not a trace: nothing in it would help; the cure is a bigger heap or a smaller input
            err.println("slaflow: out of memory (" + e.getMessage() + "); give Java more heap, e.g. "
                    + "SLAFLOW_JAVA_OPTS=-Xmx4g infra/bin/slaflow ... or java -Xmx4g -jar slaflow.jar ...");
            err.flush();
            return ExitCode.FAILED;
        }
    }

    /** The command line with defaults from {@code --config FILE} when the arguments name one. */
    public static CommandLine commandLine(String[] args) {
        CommandLine cli = commandLine();
        java.nio.file.Path config = ConfigFileDefaults.configArgument(args);
        if (config != null) {
            cli.setDefaultValueProvider(new ConfigFileDefaults(config));
        }
        return cli;
    }

    /** The configured command line; tests execute it in-process. */
    public static CommandLine commandLine() {
        ErrorReporting errors = new ErrorReporting();
        CommandLine cli = new CommandLine(new SlaflowCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true)
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        ChoiceConverter.registerAll(cli);
        documentExitCodes(cli);
        OptionSections.install(cli.getSubcommands().get("run"), RunCommand.HELP_SECTIONS);
        return cli;
    }

    /** Every command's help ends with the same exit codes ({@link ExitCode}): documented once, shown everywhere. */
    private static void documentExitCodes(CommandLine cli) {
        cli.getCommandSpec()
                .usageMessage()
                .optionListHeading("%nOptions:%n")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.descriptions());
        for (CommandLine sub : cli.getSubcommands().values()) {
            documentExitCodes(sub);
        }
    }

    @Override
    public void run() {
        // no subcommand: say what exists instead of doing nothing
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: choose one of the commands above.");
    }
}
