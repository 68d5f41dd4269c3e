package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code slaflow import} on the command line: the summary line, the default rejects file, mapping errors. */
class ImportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = SlaflowCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void importsAndPrintsAOneLineSummary() throws Exception {
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, """
                columns: {ticketId: id, occurredAt: time, client: org}
                events:
                  rules:
                    - {when: {state: closed}, emit: CLOSED}
                """);
        Path csv = dir.resolve("in.csv");
        Files.writeString(
                csv,
                "id,time,org,state\n"
                        + "T1,2024-01-01T10:00:00Z,acme,new\n"
                        + "T1,not a time,acme,closed\n"
                        + "T1,2024-01-01T12:00:00Z,acme,closed\n");
        Path events = dir.resolve("events.jsonl");

        int code =
                run("import", "--mapping", mapping.toString(), "--input", csv.toString(), "--out", events.toString());

        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("3 rows -> 2 events of 1 tickets")
                .contains("1 rejected {BAD_TIME=1}")
                .contains("rows/s")
                .contains("events.rejects.jsonl");
        assertThat(Files.readAllLines(events)).hasSize(2);
        assertThat(Files.readString(dir.resolve("events.rejects.jsonl")))
                .contains("\"line\":3")
                .contains("BAD_TIME");
    }

    @Test
    void aBadMappingExitsWithItsProblemsAndWritesNothing() throws Exception {
        Path mapping = dir.resolve("bad.yaml");
        Files.writeString(mapping, "columns: {ticketId: id}\n");
        Path events = dir.resolve("events.jsonl");
        Path csv = Files.writeString(dir.resolve("in.csv"), "id,time,org\n");

        int code =
                run("import", "--mapping", mapping.toString(), "--input", csv.toString(), "--out", events.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(mapping + ":1:10: columns.occurredAt: missing required field 'occurredAt'");
        assertThat(events).doesNotExist();
        assertThat(dir.resolve("events.rejects.jsonl")).doesNotExist();
    }

    @Test
    void aMissingInputIsNamed() throws Exception {
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, "columns: {ticketId: id, occurredAt: time, client: org}\n");
        int code = run(
                "import",
                "--mapping",
                mapping.toString(),
                "--input",
                dir.resolve("none.csv").toString(),
                "--out",
                dir.resolve("e.jsonl").toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("--input " + dir.resolve("none.csv") + ": no such file");
    }
}
