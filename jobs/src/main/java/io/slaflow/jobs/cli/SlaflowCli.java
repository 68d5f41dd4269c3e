package io.slaflow.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code slaflow} command line: {@code java -jar jobs/target/slaflow.jar <command>}, and the entry point
 * {@code flink run jobs/target/slaflow.jar run ...} submits.
 */
@Command(name = "slaflow",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "SLAflow: define, enforce and prove IT service commitments on Apache Flink.",
        subcommands = {DemoCommand.class, PolicyCommand.class, ReplayCommand.class, RunCommand.class, GenerateCommand.class,
                ReportCommand.class, ImportCommand.class, EsCommand.class,
                CommandLine.HelpCommand.class})
public final class SlaflowCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrivateTempDir.install(args);
        System.exit(commandLine(args).execute(args));
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
        return new CommandLine(new SlaflowCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(true);
    }

    @Override
    public void run() {
        // no subcommand: say what exists instead of doing nothing
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of the commands above.");
    }
}
