package io.slaflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command with the mistakes a newcomer makes in the first hour: each is one clear line on stderr (what is
 * wrong, what to do; a usage error adds where to read more), the documented exit code, no stack trace, and
 * nothing left behind in the folder the command was pointed at. No job starts for any of them.
 */
class NewcomerMistakesTest {
    private static final String POLICY = "../infra/policies/default.yaml";

    @TempDir
    Path dir;

    private Path events;
    private List<Path> before;

    private record Outcome(int code, String out, String err) {}

    @BeforeEach
    void someInputs() throws IOException {
        events = dir.resolve("events.jsonl");
        Files.writeString(
                events,
                "{\"eventId\":\"e1\",\"ticketId\":\"T1\",\"clientId\":\"acme\",\"type\":\"CREATED\","
                        + "\"occurredAt\":\"2026-11-16T09:00:00Z\"}\n");
        Files.writeString(dir.resolve("a-file"), "not a folder\n");
        Files.createDirectories(dir.resolve("not-a-replay"));
        before = listing();
    }

    private Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SlaflowCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    /** The exit code, the message on the first line, no trace, at most the "Try --help" line after it, no files left. */
    private void assertRefused(Outcome o, int code, String... message) throws IOException {
        assertThat(o.code()).as(o.err()).isEqualTo(code);
        List<String> lines = o.err().lines().toList();
        assertThat(lines).as(o.err()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
        assertThat(lines.get(0)).startsWith("slaflow ").contains(message);
        if (lines.size() == 2)
            assertThat(lines.get(1)).startsWith("Try 'slaflow ").endsWith("--help' for its options.");
        assertThat(o.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Error:");
        assertThat(listing()).as("nothing created or left behind").isEqualTo(before);
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void replayOfAFolderInsteadOfAFile() throws IOException {
        assertRefused(
                run("replay", "--events", dir.toString(), "--out", p("out")),
                ExitCode.INPUT_REFUSED,
                "replay: --events " + dir + " is a folder: give a JSON Lines file of ticket events");
    }

    @Test
    void replayWithAPolicyThatIsNotThere() throws IOException {
        assertRefused(
                run("replay", "--events", events.toString(), "--policy", p("missing.yaml"), "--out", p("out")),
                ExitCode.INPUT_REFUSED,
                "--policy " + p("missing.yaml") + ": no such file (looked at ",
                "leave --policy out for the built-in default");
    }

    @Test
    void replayWithSizesThatCannotWork() throws IOException {
        assertRefused(
                run("replay", "--events", events.toString(), "--out", p("out"), "--max-event-bytes", "0"),
                ExitCode.USAGE,
                "replay: --max-event-bytes must be at least 1 (the largest record accepted, in bytes), not 0");
        assertRefused(
                run("replay", "--events", events.toString(), "--out", p("out"), "--parallelism", "0"),
                ExitCode.USAGE,
                "--parallelism must be at least 1");
        assertRefused(
                run("replay", "--events", events.toString(), "--out", p("out"), "--parallelism", "two"),
                ExitCode.USAGE,
                "'two' is not an int");
    }

    @Test
    void replayIntoAFile() throws IOException {
        assertRefused(
                run("replay", "--events", events.toString(), "--out", p("a-file")),
                ExitCode.USAGE,
                "--out " + p("a-file") + " is a file: give a folder (it is created if needed)");
        assertRefused(
                run("replay", "--events", events.toString(), "--out", p("a-file/out")),
                ExitCode.USAGE,
                "cannot be created: " + p("a-file") + " is a file");
    }

    @Test
    void aMisspelledOrMissingOptionIsNamed() throws IOException {
        assertRefused(
                run("replay", "--event", events.toString(), "--out", p("out")),
                ExitCode.USAGE,
                "Missing required option: '--events=FILE'");
        assertRefused(
                run("replay", "--events", events.toString()), ExitCode.USAGE, "Missing required option: '--out=DIR'");
        Outcome o = run("replay", "--events", events.toString(), "--out", p("out"), "--as-off", "2026-11-20T00:00:00Z");
        assertThat(o.code()).isEqualTo(ExitCode.USAGE);
        assertThat(o.err()).contains("Unknown options: '--as-off'").contains("Possible solutions: --as-of");
    }

    private Path mapping() throws IOException {
        Path m = Files.writeString(dir.resolve("m.yaml"), "columns: {ticketId: id, occurredAt: time, client: org}\n");
        before = listing();
        return m;
    }

    private byte[] gzip(String text) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void importOfATruncatedOrANonGzipGz() throws IOException {
        StringBuilder csv = new StringBuilder("id,time,org\n");
        for (int i = 0; i < 5_000; i++)
            csv.append("T")
                    .append(i)
                    .append(",2026-11-16T09:00:00Z,client-")
                    .append(i % 13)
                    .append('\n');
        byte[] gz = gzip(csv.toString());
        Path truncated = Files.write(dir.resolve("cut.csv.gz"), java.util.Arrays.copyOf(gz, gz.length / 2));
        Path plain = Files.writeString(dir.resolve("plain.csv.gz"), csv);
        Path m = mapping();
        assertRefused(
                run("import", "--mapping", m.toString(), "--input", truncated.toString(), "--out", p("e.jsonl")),
                ExitCode.INPUT_REFUSED,
                "import: " + truncated + ": the gzip data ends early after line ",
                "(a truncated download or copy?): nothing was written");
        assertRefused(
                run("import", "--mapping", m.toString(), "--input", plain.toString(), "--out", p("e.jsonl")),
                ExitCode.INPUT_REFUSED,
                plain + " is named .gz but is not gzip-compressed: rename it to .csv");
        assertRefused(
                run("import", "--mapping", m.toString(), "--input", dir.toString(), "--out", p("e.jsonl")),
                ExitCode.INPUT_REFUSED,
                "--input " + dir + " is a folder: give a CSV export");
        assertRefused(
                run("import", "--mapping", m.toString(), "--input", plain.toString(), "--out", plain.toString()),
                ExitCode.USAGE,
                "--out " + plain + " is the --input file");
    }

    @Test
    void importWhereEveryRowIsRejectedFailsLoudly() throws IOException {
        Path csv = Files.writeString(
                dir.resolve("local-times.csv"), "id,time,org\nT1,2026-11-16 09:00,a\nT2,2026-11-16 10:00,a\n");
        Path m = mapping();
        Outcome o = run("import", "--mapping", m.toString(), "--input", csv.toString(), "--out", p("e.jsonl"));
        assertThat(o.code()).isEqualTo(ExitCode.TOO_MANY_REJECTS);
        assertThat(o.err().lines().toList()).hasSize(1);
        assertThat(o.err())
                .startsWith("slaflow import: import refused: every row (2) was rejected {BAD_TIME=2}; first, line 2: "
                        + "column 'time': cannot read '2026-11-16 09:00' as an ISO-8601 date-time with offset")
                .contains("Nothing written to " + p("e.jsonl") + "; every reason is in " + p("e.rejects.jsonl"));
        assertThat(dir.resolve("e.jsonl")).doesNotExist();
        assertThat(dir.resolve("e.rejects.jsonl")).as("the reasons stay").exists();
    }

    @Test
    void importWithAMappingThatCannotWork() throws IOException {
        Path csv = Files.writeString(dir.resolve("x.csv"), "id,time,org\n");
        Path m = Files.writeString(
                dir.resolve("local.yaml"),
                "columns: {ticketId: id, occurredAt: time, client: org}\n" + "time: {format: \"dd/MM/yyyy HH:mm\"}\n");
        before = listing();
        Outcome o = run("import", "--mapping", m.toString(), "--input", csv.toString(), "--out", p("e.jsonl"));
        assertThat(o.code()).isEqualTo(ExitCode.INPUT_REFUSED);
        assertThat(o.err())
                .contains(m + ":2:16: time.format: the pattern 'dd/MM/yyyy HH:mm' has no offset or zone")
                .doesNotContain("\tat ");
        assertThat(listing()).isEqualTo(before);
        assertRefused(
                run("import", "--mapping", "/dev/zero", "--input", csv.toString(), "--out", p("e.jsonl")),
                ExitCode.INPUT_REFUSED,
                "--mapping /dev/zero is not a regular file");
    }

    @Test
    void policyValidateOfADeviceDoesNotRunOutOfMemory() throws IOException {
        Outcome o = run("policy", "validate", "/dev/zero");
        assertThat(o.code()).isEqualTo(ExitCode.INPUT_REFUSED);
        assertThat(o.err())
                .contains("/dev/zero: not a regular file (a device or a pipe): expected a YAML file")
                .doesNotContain("\tat ");
    }

    @Test
    void reportFromAFolderThatIsNoReplay() throws IOException {
        assertRefused(
                run("report", "--client", "acme", "--week", "2026-W47", "--from", p("not-a-replay")),
                ExitCode.INPUT_REFUSED,
                "report: --from " + p("not-a-replay") + " is not the output of 'slaflow replay'",
                "run 'slaflow replay --events FILE --out");
        assertRefused(
                run("report", "--client", "acme", "--week", "2026-W47", "--from", p("nowhere")),
                ExitCode.INPUT_REFUSED,
                "--from " + p("nowhere") + ": no such folder");
    }

    @Test
    void reportIntoAFile() throws IOException {
        Path replay = Files.createDirectories(dir.resolve("replay"));
        Files.writeString(replay.resolve("outcomes.jsonl"), "");
        before = listing();
        assertRefused(
                run(
                        "report",
                        "--client",
                        "acme",
                        "--week",
                        "2026-W47",
                        "--from",
                        replay.toString(),
                        "--out",
                        p("a-file")),
                ExitCode.USAGE,
                "--out " + p("a-file") + " is a file: give a folder");
    }

    @Test
    void reportArgumentsOfTheWrongForm() throws IOException {
        Path replay = Files.createDirectories(dir.resolve("replay"));
        Files.writeString(replay.resolve("outcomes.jsonl"), "");
        before = listing();
        String from = replay.toString();
        Outcome almostAWeek = run("report", "--client", "acme", "--week", "2026-47", "--from", from);
        assertRefused(almostAWeek, ExitCode.USAGE, "'2026-47' is not an ISO week (2026-W47)");
        assertThat(almostAWeek.err()).as("47 is no month").doesNotContain("--month");
        assertRefused(
                run("report", "--client", "acme", "--week", "2025-3", "--from", from),
                ExitCode.USAGE,
                "'2025-3' is not an ISO week (2025-W03)");
        assertRefused(
                run("report", "--client", "acme", "--week", "2026-11", "--from", from),
                ExitCode.USAGE,
                "'2026-11' is not an ISO week (2026-W11); for a month use --month 2026-11");
        assertRefused(
                run("report", "--client", "acme", "--week", "2026-W54", "--from", from),
                ExitCode.USAGE,
                "week 2026-W54 does not exist: 2026 has 53 ISO weeks");
        assertRefused(
                run("report", "--client", "acme", "--month", "2026-W47", "--from", from),
                ExitCode.USAGE,
                "'2026-W47' is not a month (2026-11); for an ISO week use --week 2026-W47");
        assertRefused(
                run("report", "--client", "acme", "--month", "2026-13", "--from", from), ExitCode.USAGE, "not a month");
        assertRefused(
                run("report", "--client", "acme", "--week", "2026-W47", "--goal", "150", "--from", from),
                ExitCode.USAGE,
                "--goal is a percentage from 0 to 100, not 150.0");
        assertRefused(
                run("report", "--client", "", "--week", "2026-W47", "--from", from),
                ExitCode.USAGE,
                "--client must not be empty: give a client id");
        assertRefused(
                run("report", "--client", "acme", "--week", "2026-W47", "--month", "2026-11", "--from", from),
                ExitCode.USAGE,
                "mutually exclusive");
    }

    @Test
    void runRefusesTyposInClosedSetsAndFilesThatCannotBeRead() throws IOException {
        assertRefused(
                run("run", "--bootstrap-servers", "127.0.0.1:1", "--state-backend", "rocksdbx"),
                ExitCode.USAGE,
                "Invalid value for option '--state-backend': expected one of [rocksdb, hashmap] but was 'rocksdbx'");
        assertRefused(
                run("run", "--bootstrap-servers", "127.0.0.1:1", "--delivery", "exactly_once"),
                ExitCode.USAGE,
                "expected one of [exactly-once, at-least-once] but was 'exactly_once' (did you mean exactly-once?)");
        assertRefused(
                run("run", "--bootstrap-servers", "127.0.0.1:1", "--kafka-properties", "/dev/zero"),
                ExitCode.INPUT_REFUSED,
                "--kafka-properties /dev/zero is not a regular file");
        assertRefused(
                run("run", "--bootstrap-servers", "127.0.0.1:1", "--policy", p("missing.yaml")),
                ExitCode.INPUT_REFUSED,
                "run: --policy " + p("missing.yaml") + ": no such file");
        assertRefused(
                run("run", "--bootstrap-servers", "127.0.0.1:1", "--reports-dir", p("a-file")),
                ExitCode.USAGE,
                "--reports-dir " + p("a-file") + " is a file");
    }

    @Test
    void demoAndGenerateCheckTheirNumbers() throws IOException {
        assertRefused(run("demo", "--clients", "0"), ExitCode.USAGE, "demo: --clients must be at least 1");
        assertRefused(
                run("demo", "--policy", "/dev/zero"),
                ExitCode.INPUT_REFUSED,
                "--policy /dev/zero is not a regular file");
        assertRefused(
                run("generate", "--out", dir.toString()),
                ExitCode.USAGE,
                "generate: --out " + dir + " is a folder: give a file name");
        assertRefused(
                run("generate", "--out", p("g.jsonl"), "--malformed-share", "2"),
                ExitCode.USAGE,
                "--malformed-share is a share from 0 to 1, not 2.0");
    }

    @Test
    void aConfigFileThatIsNotThereOrNoFileIsOneLine() throws IOException {
        StringWriter err = new StringWriter();
        assertThat(SlaflowCli.execute(new String[] {"run", "--config", p("nope.properties")}, new PrintWriter(err)))
                .isEqualTo(ExitCode.INPUT_REFUSED);
        assertThat(err.toString())
                .isEqualTo("slaflow: --config " + p("nope.properties") + ": no such file (looked at "
                        + p("nope.properties") + ")\n");
        err.getBuffer().setLength(0);
        assertThat(SlaflowCli.execute(new String[] {"run", "--config", "/dev/zero"}, new PrintWriter(err)))
                .isEqualTo(ExitCode.INPUT_REFUSED);
        assertThat(err.toString())
                .isEqualTo("slaflow: --config /dev/zero is not a regular file: give a Java properties file\n");
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void simulateWithNothingToCompareOrAGoalWithoutASweep() throws IOException {
        assertRefused(
                run("simulate", "--events", events.toString(), "--out", p("out")),
                ExitCode.USAGE,
                "simulate: nothing to compare: give --candidate PROPOSED.yaml (repeatable) and/or --sweep TIER.TARGET --goal PERCENT");
        assertRefused(
                run(
                        "simulate",
                        "--events",
                        events.toString(),
                        "--candidate",
                        POLICY,
                        "--goal",
                        "98%",
                        "--out",
                        p("out")),
                ExitCode.USAGE,
                "simulate: --goal 98% is the goal of a sweep: add --sweep TIER.TARGET, e.g. --sweep P2.response");
    }

    @Test
    void simulateASweepTheCurrentPolicyCannotAnswer() throws IOException {
        assertRefused(
                run("simulate", "--events", events.toString(), "--sweep", "P9.response", "--out", p("out")),
                ExitCode.USAGE,
                "simulate: --sweep P9.response: 'P9' is not a tier of the current policy default-2026.11 (its tiers: P1, P2, P3)");
        assertRefused(
                run("simulate", "--events", events.toString(), "--sweep", "P2.respnse", "--out", p("out")),
                ExitCode.USAGE,
                "'respnse' is not a target: write P2.response or P2.resolution");
        assertRefused(
                run("simulate", "--events", events.toString(), "--sweep", "P2", "--out", p("out")),
                ExitCode.USAGE,
                "'P2' is not TIER.TARGET: write e.g. P2.response or P3.resolution");
        assertRefused(
                run(
                        "simulate",
                        "--events",
                        events.toString(),
                        "--sweep",
                        "p2.response",
                        "--goal",
                        "0.98",
                        "--out",
                        p("out")),
                ExitCode.USAGE,
                "--goal '0.98' is ambiguous: write 98% for that share, or 0.98% if you mean it");
        assertRefused(
                run(
                        "simulate",
                        "--events",
                        events.toString(),
                        "--sweep",
                        "P2.response",
                        "--goal",
                        "120%",
                        "--out",
                        p("out")),
                ExitCode.USAGE,
                "'120%' is out of range: a goal is above 0% and at most 100%");
    }

    @Test
    void simulateWithAMissingOrInvalidCandidate() throws IOException {
        assertRefused(
                run("simulate", "--events", events.toString(), "--candidate", p("proposed.yaml"), "--out", p("out")),
                ExitCode.INPUT_REFUSED,
                "simulate: --candidate " + p("proposed.yaml") + ": no such file");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "version: x\ntiers: []\n");
        before = listing();
        Outcome o = run("simulate", "--events", events.toString(), "--candidate", broken.toString(), "--out", p("out"));
        assertThat(o.code()).as(o.err()).isEqualTo(ExitCode.INPUT_REFUSED);
        assertThat(o.err())
                .contains(broken + ":")
                .contains("Nothing was started")
                .doesNotContain("\tat ");
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void simulateIntoSomeoneElsesFolderOrWithABackwardsWindow() throws IOException {
        Files.writeString(dir.resolve("not-a-replay/notes.txt"), "mine\n");
        before = listing();
        assertRefused(
                run("simulate", "--events", events.toString(), "--candidate", POLICY, "--out", p("not-a-replay")),
                ExitCode.USAGE,
                "simulate: --out " + p("not-a-replay") + " holds files that 'slaflow simulate' did not write");
        assertRefused(
                run(
                        "simulate",
                        "--events",
                        events.toString(),
                        "--candidate",
                        POLICY,
                        "--from",
                        "2026-10-01",
                        "--to",
                        "2026-07-01",
                        "--out",
                        p("out")),
                ExitCode.USAGE,
                "simulate: --to 2026-07-01T00:00:00Z is not after --from");
        assertRefused(
                run(
                        "simulate",
                        "--events",
                        events.toString(),
                        "--candidate",
                        POLICY,
                        "--from",
                        "2026-13-01",
                        "--out",
                        p("out")),
                ExitCode.USAGE,
                "'2026-13-01' is neither a date (2026-07-01, midnight UTC) nor an ISO-8601 time");
    }

    @Test
    void noCommandAndAnUnknownCommandAreUsageErrors() {
        Outcome o = run("replai");
        assertThat(o.code()).isEqualTo(ExitCode.USAGE);
        assertThat(o.err())
                .contains("Unmatched argument at index 0: 'replai'")
                .contains("Did you mean: slaflow replay or slaflow report or slaflow simulate?");
    }
}
