package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PolicyCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SlaflowCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void theShippedDefaultPolicyIsValidAndSummarisesTheSeedTable() {
        int code = run("policy", "validate", "../infra/policies/default.yaml");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("valid policy version default-2026.11")
                .containsPattern(
                        "P1\\s+Critical\\s+response 15m\\s+resolution 4h\\s+calendar 24x7\\s+escalation 30m after breach -> account-director")
                .containsPattern(
                        "P2\\s+High\\s+response 1h\\s+resolution 8h\\s+calendar 24x7\\s+escalation 2h after breach -> senior-engineer")
                .containsPattern(
                        "P3\\s+Standard\\s+response 4h\\s+resolution 3 business days\\s+calendar client\\s+escalation next business day after breach -> team-lead");
    }

    @Test
    void aBadPolicyIsRefusedWithFileLineAndFieldAndExitStatusOne(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                Files.readString(Path.of("../infra/policies/default.yaml"))
                        .replace("role: senior-engineer", "role: night-shift"));
        int line = lineOf(bad, "role: night-shift");

        int code = run("policy", "validate", bad.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("INVALID policy, 1 problem(s)")
                .contains(bad + ":" + line + ":")
                .contains("tiers[P2].escalation[0].role")
                .contains("unknown role 'night-shift'")
                .contains("nothing was started");
    }

    @Test
    void aMissingFileNamesTheFile() {
        int code = run("policy", "validate", "no/such/policy.yaml");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no/such/policy.yaml").contains("not found");
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("policy");
        assertThat(run("policy", "--help")).isZero();
        assertThat(run("policy", "validate", "--help")).isZero();
        assertThat(out.toString()).contains("FILE");
        for (String command : new String[] {"replay", "run", "generate"}) {
            assertThat(run(command, "--help")).as(command).isZero();
        }
        assertThat(out.toString())
                .contains("--as-of")
                .contains("--bootstrap-servers")
                .contains("--seed");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command");
    }

    private static int lineOf(Path file, String text) throws IOException {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) return i + 1;
        }
        throw new AssertionError(text + " not in " + file);
    }
}
