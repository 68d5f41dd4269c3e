package io.slaflow.jobs.cli;

import io.slaflow.policy.InvalidPolicyException;
import io.slaflow.policy.PolicyLoader;
import io.slaflow.policy.PolicyProblem;
import io.slaflow.policy.SlaPolicy;
import io.slaflow.policy.TierPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code slaflow policy ...}: work with SLA policy files. */
@Command(
        name = "policy",
        mixinStandardHelpOptions = true,
        description = "Work with SLA policy files (format: README.md, \"SLA policy format\").",
        subcommands = {PolicyCommand.Validate.class})
final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: try 'slaflow policy validate FILE'.");
    }

    @Command(
            name = "validate",
            mixinStandardHelpOptions = true,
            description = {
                "Checks a policy file and prints a summary, or every problem as FILE:LINE:COLUMN: FIELD: message.",
                "Format: README.md, \"SLA policy format\"; the shipped one is infra/policies/default.yaml."
            },
            footerHeading = "%nExamples:%n",
            footer = {"  slaflow policy validate infra/policies/default.yaml"})
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The policy YAML file, e.g. infra/policies/default.yaml")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                SlaPolicy policy = PolicyLoader.load(file);
                out.printf("%s: valid policy version %s%n", file, policy.version());
                for (TierPolicy t : policy.tiers()) {
                    out.printf(
                            "  tier %-4s %-10s response %-16s resolution %-16s calendar %-15s escalation %s%n",
                            t.id(),
                            t.name(),
                            t.response().text(),
                            t.resolution().text(),
                            t.calendarId(),
                            t.ladder().isEmpty()
                                    ? "none"
                                    : String.join(
                                            ", ",
                                            t.ladder().stream()
                                                    .map(s -> s.trigger().text() + " -> " + s.role())
                                                    .toList()));
                }
                out.printf(
                        "  %d calendars, %d clients (+ default profile for unlisted clients), %d pause statuses%n",
                        policy.calendars().size(),
                        policy.clients().size(),
                        policy.pauses().size());
                out.flush();
                return ExitCode.OK;
            } catch (InvalidPolicyException e) {
                err.printf(
                        "%s: INVALID policy, %d problem(s); nothing was started:%n",
                        file, e.problems().size());
                for (PolicyProblem p : e.problems()) {
                    err.println("  " + p);
                }
                err.println("Fix the lines above and run 'slaflow policy validate " + file + "' again.");
                err.flush();
                return ExitCode.INPUT_REFUSED;
            }
        }
    }
}
