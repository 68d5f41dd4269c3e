package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The help a person reads: descriptions, defaults, the same placeholders everywhere, sections, examples, exit codes. */
class UsageHelpTest {
    private static final Set<String> PLACEHOLDERS = Set.of(
            "FILE",
            "DIR",
            "DURATION",
            "N",
            "TIME",
            "URL",
            "URI",
            "HOST",
            "HOST:PORT[,...]",
            "PORT",
            "KEY=VALUE",
            "TOPIC",
            "ID",
            "USER",
            "ADDRESS",
            "MODE",
            "KIND",
            "BACKEND",
            "OFFSET",
            "PERCENT",
            "SHARE",
            "YYYY-Www",
            "YYYY-MM",
            "TIER.TARGET");

    private static List<CommandLine> allCommands() {
        List<CommandLine> out = new ArrayList<>();
        collect(SlaflowCli.commandLine(), out);
        return out;
    }

    private static void collect(CommandLine c, List<CommandLine> out) {
        if (c.getCommandName().equals("help")) return;
        out.add(c);
        c.getSubcommands().values().forEach(s -> collect(s, out));
    }

    private static String help(String... command) {
        StringWriter out = new StringWriter();
        CommandLine cli = SlaflowCli.commandLine();
        cli.setOut(new PrintWriter(out));
        String[] args = new String[command.length + 1];
        System.arraycopy(command, 0, args, 0, command.length);
        args[command.length] = "--help";
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void everyOptionIsDescribedAndSaysWhatHappensWithoutIt() {
        for (CommandLine c : allCommands()) {
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (o.hidden() || o.usageHelp() || o.versionHelp()) continue;
                String name = c.getCommandSpec().qualifiedName() + " " + o.longestName();
                String description = String.join(" ", o.description());
                assertThat(description).as(name).isNotBlank().doesNotContain("(default: ");
                boolean defaultShown = o.defaultValue() != null
                        && c.getCommandSpec().usageMessage().showDefaultValues();
                assertThat(defaultShown
                                || o.required()
                                || description.contains("Default: ")
                                || description.contains("Required")
                                || o.type() == boolean.class)
                        .as(name + " shows its default (or says there is none)")
                        .isTrue();
                if (o.arity().max() > 0) {
                    assertThat(o.paramLabel()).as(name + " placeholder").isIn(PLACEHOLDERS);
                }
            }
        }
    }

    @Test
    void everyCommandListsTheExitCodes() {
        for (CommandLine c : allCommands()) {
            assertThat(c.getUsageMessage())
                    .as(c.getCommandSpec().qualifiedName())
                    .contains("Exit codes:")
                    .contains("  2   the command line is wrong")
                    .contains("  3   import:");
        }
    }

    @Test
    void runGroupsItsOptionsAndEndsWithExamples() {
        String help = help("run");
        assertThat(help).startsWith("Usage: slaflow run --bootstrap-servers HOST:PORT [OPTIONS]");
        List<String> headings = List.of(
                "Kafka and policy:",
                "Time:",
                "State and delivery guarantees:",
                "Elasticsearch:",
                "Reports and their delivery:",
                "Tuning:",
                "General:",
                "Exit codes:",
                "Examples:");
        int at = -1;
        for (String h : headings) {
            int next = help.indexOf("\n" + h + "\n");
            assertThat(next).as(h + " after the previous heading").isGreaterThan(at);
            at = next;
        }
        assertThat(help).doesNotContain("Other options:");
        assertThat(help.substring(help.indexOf("\nTime:"), help.indexOf("\nState and")))
                .contains("--allowed-lateness=DURATION")
                .doesNotContain("--es-host");
        assertThat(help.substring(help.indexOf("\nExamples:"))).contains("slaflow run --bootstrap-servers kafka:9092");
    }

    @Test
    void replayListsEveryFileItWrites() {
        assertThat(help("replay").replaceAll("\\s+", " "))
                .contains(
                        "outcomes.jsonl",
                        "warnings.jsonl",
                        "breaches.jsonl",
                        "escalations.jsonl",
                        "chains.jsonl",
                        "dead-letters.jsonl",
                        "adherence.jsonl",
                        "tickets.jsonl",
                        "summary.json",
                        "reports/CLIENT/PERIOD.{html,pdf,json,targets.csv}",
                        "Default: the default policy built into slaflow",
                        "Examples:");
    }

    @Test
    void theVersionNamesTheBuildAndItsCommit() {
        String[] version = new VersionProvider().getVersion();
        // filled in by the build from git (a tree without .git would say "commit unknown")
        assertThat(version[0]).matches("slaflow \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?, commit [0-9a-f]{7,} of \\S+.*");
        assertThat(version[1]).startsWith("Java 17");
    }
}
