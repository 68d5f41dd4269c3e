package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code slaflow replay} without {@code --policy}, from a folder that is not the repository's root (the tests run in
 * {@code jobs/}, where {@code infra/policies/default.yaml} does not resolve): the built-in default policy is used.
 */
class ReplayCommandTest {
    @TempDir
    Path dir;

    @Test
    void withoutAPolicyTheBuiltInDefaultIsUsedFromAnyFolder() throws Exception {
        assertThat(Path.of("infra/policies/default.yaml"))
                .as("not run from the repository root")
                .doesNotExist();
        Path events = Files.writeString(dir.resolve("events.jsonl"), """
                {"eventId":"e1","ticketId":"T1","clientId":"acme","type":"CREATED","occurredAt":"2026-11-16T09:00:00Z","subject":"production down"}
                {"eventId":"e2","ticketId":"T1","clientId":"acme","type":"RESPONDED","occurredAt":"2026-11-16T09:10:00Z"}
                """);
        StringWriter err = new StringWriter();
        CommandLine cli = SlaflowCli.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(
                "replay",
                "--events",
                events.toString(),
                "--out",
                dir.resolve("out").toString(),
                "--parallelism",
                "1");

        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("out/summary.json")))
                .contains("\"policyVersion\" : \"default-2026.11\"");
        assertThat(Files.readString(dir.resolve("out/outcomes.jsonl"))).contains("\"tier\":\"P1\"");
    }
}
