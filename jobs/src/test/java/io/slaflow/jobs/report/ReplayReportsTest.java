package io.slaflow.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import io.slaflow.jobs.cli.SlaflowCli;
import io.slaflow.jobs.replay.ReplayJob;
import io.slaflow.jobs.replay.ReplayOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The reports of a replayed history (three weeks, four clients in three time zones) come out of the stream, one
 * per client and completed period, and {@code slaflow report} regenerates the same report from the replay files.
 */
class ReplayReportsTest {
    static final Path POLICY = Path.of("../infra/policies/default.yaml");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path out;
    static Path events;

    static ReplayOptions options(Path to, int parallelism) {
        return new ReplayOptions(
                events,
                POLICY,
                to,
                null,
                Duration.ofMinutes(5),
                EnforcerSettings.live(),
                parallelism,
                TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES);
    }

    @BeforeAll
    static void replay() throws Exception {
        events = dir.resolve("history.jsonl");
        int generated = new CommandLine(new SlaflowCli())
                .execute(
                        "generate",
                        "--out",
                        events.toString(),
                        "--clients",
                        "4",
                        "--days",
                        "17",
                        "--tickets-per-client-per-day",
                        "6",
                        "--seed",
                        "11");
        assertThat(generated).isZero();
        out = dir.resolve("replay");
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        new ReplayJob(new PrintStream(progress, true)).run(options(out, 2));
    }

    static String run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        CommandLine cli = SlaflowCli.commandLine();
        cli.setOut(new java.io.PrintWriter(stdout, true));
        cli.setErr(new java.io.PrintWriter(stderr, true));
        int code = cli.execute(args);
        return code + "\n" + stdout + stderr;
    }

    @Test
    void theSameHistoryGivesByteIdenticalReportsOnEveryRunAndAtEveryParallelism() throws Exception {
        List<String> names = files(out.resolve("reports"));
        assertThat(names).anyMatch(n -> n.endsWith(".pdf")).anyMatch(n -> n.endsWith(".targets.csv"));
        for (int[] run : new int[][] {{1, 1}, {2, 2}}) {
            Path again = dir.resolve("again-" + run[1]);
            new ReplayJob(new PrintStream(new ByteArrayOutputStream(), true)).run(options(again, run[0]));
            assertThat(files(again.resolve("reports")))
                    .as("parallelism " + run[0])
                    .isEqualTo(names);
            for (String n : names) {
                assertThat(Files.readAllBytes(again.resolve("reports").resolve(n)))
                        .as(n + " at parallelism " + run[0] + ", run " + run[1])
                        .isEqualTo(Files.readAllBytes(out.resolve("reports").resolve(n)));
            }
        }
    }

    @Test
    void everyReportVerifiesAgainstTheReplayFolderAndItsPdfAlone() throws Exception {
        List<String> jsons = files(out.resolve("reports")).stream()
                .filter(n -> n.matches(".*/\\d{4}-(W\\d{2}|\\d{2})\\.json"))
                .toList();
        assertThat(jsons).hasSizeGreaterThan(10);
        for (String n : jsons) {
            String result = run(
                    "report",
                    "verify",
                    out.resolve("reports").resolve(n).toString(),
                    "--from",
                    out.toString(),
                    "--policy",
                    POLICY.toString());
            assertThat(result).as(n).startsWith("0\nMATCH: report ");
        }
        String pdf = out.resolve("reports/acme/2026-W47.pdf").toString();
        assertThat(run("report", "verify", pdf, "--from", out.toString(), "--policy", POLICY.toString()))
                .startsWith("0\nMATCH: report acme:WEEK:2026-W47");
    }

    @Test
    void aChangedFigureIsCaughtAndExplainedByItsRecords() throws Exception {
        Path report = out.resolve("reports/globex/2026-W48.json");
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(report.toFile());
        JsonNode row = json.path("figures").path("targets").get(0);
        long met = row.path("met").asLong();
        ((com.fasterxml.jackson.databind.node.ObjectNode) row).put("met", met + 1);
        Path edited = dir.resolve("edited-figure.json");
        JSON.writeValue(edited.toFile(), json);
        String result =
                run("report", "verify", edited.toString(), "--from", out.toString(), "--policy", POLICY.toString());
        assertThat(result)
                .startsWith("1\nDIFFERS: report globex:WEEK:2026-W48")
                .contains("figures.targets[0].met: the report says " + (met + 1) + ", its evidence gives " + met)
                .contains(row.path("tier").asText() + " "
                        + row.path("metric").asText().toLowerCase() + " records: ");
    }

    @Test
    void aRecordRemovedFromTheReportOrFromTheSourceIsCaught() throws Exception {
        // a week with a breach, so that a breach record can go missing from the replay folder below
        Path report = null;
        for (String n : files(out.resolve("reports"))) {
            if (n.matches(".*/2026-W\\d{2}\\.json")
                    && JSON.readTree(out.resolve("reports").resolve(n).toFile())
                                    .path("figures")
                                    .path("breaches")
                                    .size()
                            > 0) {
                report = out.resolve("reports").resolve(n);
                break;
            }
        }
        assertThat(report).as("a weekly report with a breach").isNotNull();
        String label = report.getFileName().toString().replace(".json", "");
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(report.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode records = (com.fasterxml.jackson.databind.node.ArrayNode)
                json.path("evidence").path("records");
        JsonNode removed = null;
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).path("kind").asText().equals("OUTCOME")
                    && records.get(i).path("outcome").asText().equals("MET")) {
                removed = records.remove(i);
                break;
            }
        }
        assertThat(removed).isNotNull();
        Path edited = dir.resolve("edited-evidence.json");
        JSON.writeValue(edited.toFile(), json);
        assertThat(run("report", "verify", edited.toString(), "--from", out.toString(), "--policy", POLICY.toString()))
                .startsWith("1\nDIFFERS")
                .contains("evidence digest: the report states "
                        + json.path("evidence").path("digest").asText())
                .contains("record " + removed.path("id").asText() + " of " + out + " counts in " + label);

        // a breach record that the report counted is gone from the replay folder
        Path copy = dir.resolve("replay-without-a-breach");
        Files.createDirectories(copy);
        for (String f : List.of("outcomes.jsonl", "escalations.jsonl", "chains.jsonl"))
            Files.copy(out.resolve(f), copy.resolve(f));
        String breach = json.path("figures")
                .path("breaches")
                .get(0)
                .path("evidence")
                .get(0)
                .asText();
        List<String> kept = Files.readAllLines(out.resolve("breaches.jsonl")).stream()
                .filter(l -> !l.contains("\"id\":\"" + breach + "\""))
                .toList();
        Files.write(copy.resolve("breaches.jsonl"), kept);
        assertThat(run("report", "verify", report.toString(), "--from", copy.toString(), "--policy", POLICY.toString()))
                .startsWith("1\nDIFFERS")
                .contains("record " + breach + " is counted by the report but not in " + copy);
    }

    @Test
    void chainAlertsAreCountedAndListedAndTheTilesReconcileWithTheRows() throws Exception {
        long chains = 0;
        for (String n : files(out.resolve("reports"))) {
            if (!n.matches(".*/\\d{4}-(W\\d{2}|\\d{2})\\.json")) continue;
            JsonNode f =
                    JSON.readTree(out.resolve("reports").resolve(n).toFile()).path("figures");
            chains += f.path("chainAlerts").asLong();
            assertThat(f.path("chainAlertList").size())
                    .as(n)
                    .isEqualTo(f.path("chainAlerts").asInt());
            assertThat(f.path("breaches").size())
                    .as(n + ": the breached tile is the breach rows")
                    .isEqualTo(f.path("breached").asInt());
            assertThat(f.path("escalationList").size())
                    .as(n)
                    .isEqualTo(f.path("escalations").asInt());
            long met = 0, breached = 0;
            for (JsonNode r : f.path("targets")) {
                met += r.path("met").asLong();
                breached += r.path("breached").asLong();
            }
            assertThat(met)
                    .as(n + ": the met tile is the sum of the rows")
                    .isEqualTo(f.path("met").asLong());
            assertThat(breached).as(n).isEqualTo(f.path("breached").asLong());
        }
        assertThat(Files.readAllLines(out.resolve("chains.jsonl"))).isNotEmpty();
        assertThat(chains).as("chains.jsonl has alerts, the reports count them").isPositive();
    }

    @Test
    void thePdfShowsEveryFigureOfTheJson() throws Exception {
        JsonNode json = JSON.readTree(out.resolve("reports/acme/2026-W48.json").toFile());
        String text;
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(
                out.resolve("reports/acme/2026-W48.pdf").toFile())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        JsonNode f = json.path("figures");
        assertThat(text)
                .contains(
                        "SLA report: ACME Manufacturing 2026-W48",
                        "Northwind Managed IT Services",
                        "Page 1 of",
                        json.path("evidence").path("digest").asText().substring(0, 16));
        assertThat(text)
                .contains(
                        f.path("ticketsCreated").asText() + " Tickets opened",
                        f.path("met").asText() + " Targets met",
                        f.path("breached").asText() + " Targets breached",
                        f.path("escalations").asText() + " Escalations",
                        f.path("chainAlerts").asText() + " Chain alerts");
        for (JsonNode r : f.path("targets")) {
            assertThat(text)
                    .contains(String.format(
                            java.util.Locale.ROOT,
                            "%.1f%%",
                            r.path("adherencePercent").asDouble()));
        }
        for (JsonNode b : f.path("breaches"))
            assertThat(text).contains(b.path("ticketId").asText());
        assertThat(text).contains(json.path("summary").asText().substring(0, 40));
    }

    /**
     * A ticket whose resolution clock was paused (waiting on the customer for 2 h) and breached anyway: its breach row
     * names it by its subject (outside text, escaped in the HTML, drawn in the PDF, exact in the JSON and CSV) and shows
     * the 2 h it spent paused; the deadline moved by the pause, so it is late by 30 min, not 2 h 30 min. The report
     * still verifies against its replay folder (the subject is not evidence; the paused time is recomputed from it).
     */
    @Test
    void aPausedBreachShowsItsSubjectAndItsPausedTime() throws Exception {
        String subject = "Production down: <script>alert(1)</script> & \"Zürich\" 東京 😀";
        Path history = dir.resolve("paused.jsonl");
        Files.write(
                history,
                List.of(
                        event(
                                "PZ-1",
                                "CREATED",
                                "2026-11-16T15:00:00Z",
                                ",\"source\":\"email\",\"subject\":" + JSON.writeValueAsString(subject)
                                        + ",\"status\":\"new\""),
                        event("PZ-1", "RESPONDED", "2026-11-16T15:05:00Z", ""),
                        event("PZ-1", "STATUS_CHANGED", "2026-11-16T15:30:00Z", ",\"status\":\"waiting-on-customer\""),
                        event("PZ-1", "STATUS_CHANGED", "2026-11-16T17:30:00Z", ",\"status\":\"in-progress\""),
                        event("PZ-1", "RESOLVED", "2026-11-16T21:30:00Z", ""),
                        // a later ticket, so the replay runs past the week's close and W47 is issued
                        event(
                                "PZ-2",
                                "CREATED",
                                "2026-11-24T15:00:00Z",
                                ",\"source\":\"email\",\"subject\":\"Printer jam\",\"status\":\"new\"")));
        Path to = dir.resolve("paused-replay");
        new ReplayJob(new PrintStream(new ByteArrayOutputStream(), true))
                .run(new ReplayOptions(
                        history,
                        POLICY,
                        to,
                        null,
                        Duration.ofMinutes(5),
                        EnforcerSettings.live(),
                        1,
                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES));
        Path report = to.resolve("reports/acme/2026-W47.json");
        JsonNode json = JSON.readTree(report.toFile());
        JsonNode breaches = json.path("figures").path("breaches");
        assertThat(breaches).hasSize(1);
        JsonNode b = breaches.get(0);
        assertThat(b.path("ticketId").asText()).isEqualTo("PZ-1");
        assertThat(b.path("metric").asText()).isEqualTo("RESOLUTION");
        assertThat(b.path("subject").asText()).isEqualTo(subject);
        assertThat(b.path("deadline").asText()).isEqualTo("2026-11-16T21:00:00Z"); // 15:00 + 4 h + the 2 h pause
        assertThat(b.path("lateByMs").asLong()).isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(b.path("pausedMs").asLong()).isEqualTo(Duration.ofHours(2).toMillis());

        String html = Files.readString(to.resolve("reports/acme/2026-W47.html"));
        assertThat(html)
                .doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Zürich&quot; 東京 😀")
                .contains("paused 2 h");
        assertThat(html).contains("time in a pause status is not counted, whether before the deadline or after it");
        String pdfText;
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(
                to.resolve("reports/acme/2026-W47.pdf").toFile())) {
            pdfText = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
        }
        // (PDF text extraction splits "</" at a glyph boundary; the CJK comes from the bundled fallback font)
        assertThat(pdfText).contains("PZ-1 Production down: <script>alert(1)<", "& \"Zürich\"", "東京", "paused 2 h");
        assertThat(JSON.readTree(ReportPdf.attachedJson(Files.readAllBytes(to.resolve("reports/acme/2026-W47.pdf"))))
                        .path("figures")
                        .path("breaches")
                        .get(0)
                        .path("subject")
                        .asText())
                .isEqualTo(subject);
        try (var csv = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(Files.newBufferedReader(to.resolve("reports/acme/2026-W47.targets.csv")))) {
            assertThat(csv.getRecords())
                    .hasSize(2)
                    .allSatisfy(r -> assertThat(r.get("subject")).isEqualTo(subject));
        }

        assertThat(run("report", "verify", report.toString(), "--from", to.toString(), "--policy", POLICY.toString()))
                .startsWith("0")
                .contains("MATCH");
        // rebuilt from the folder, the hostile subject comes back exact from tickets.jsonl: the same bytes in every
        // file
        Path rebuilt = dir.resolve("paused-rebuilt");
        assertThat(run(
                        "report",
                        "--client",
                        "acme",
                        "--week",
                        "2026-W47",
                        "--from",
                        to.toString(),
                        "--out",
                        rebuilt.toString(),
                        "--policy",
                        POLICY.toString()))
                .startsWith("0");
        for (String suffix : List.of(".json", ".html", ".pdf", ".targets.csv")) {
            assertThat(Files.readAllBytes(rebuilt.resolve("acme/2026-W47" + suffix)))
                    .as(suffix)
                    .isEqualTo(Files.readAllBytes(to.resolve("reports/acme/2026-W47" + suffix)));
        }
        // the evidence carries the clock's count the paused time is computed from: a changed count is caught
        String changed = Files.readString(report).replaceFirst("\"countedMs\":\\d+", "\"countedMs\":1");
        Path edited = dir.resolve("paused-edited.json");
        Files.writeString(edited, changed);
        // (with the source named: without it the command stops at the usage error, exit 2, before reading anything)
        assertThat(run("report", "verify", edited.toString(), "--from", to.toString(), "--policy", POLICY.toString()))
                .startsWith("1")
                .contains("figures.breaches[0].pausedMs");
    }

    /**
     * Waiting on the customer after the deadline is not lateness (README, "Adherence: the definitions"): late by is what
     * the clock counted beyond the target. acme's P1 resolution (4 h, 24×7) from Tuesday 15:00, deadline 19:00, waiting
     * on the customer 20:00-23:00 and resolved at 23:30: late by 1 h 30 min (not the 4 h 30 min from the deadline),
     * paused 3 h. Another from Saturday 15:00, waiting on the customer from 19:30 to past the week's end: late by
     * 30 min so far. Both figures come from the enforcer's records alone (their count and budget), so the report
     * verifies against the replay folder and {@code slaflow report} rebuilds it identically.
     */
    @Test
    void aPauseAfterTheDeadlineIsNotLateness() throws Exception {
        Path history = dir.resolve("paused-after-deadline.jsonl");
        String created = ",\"source\":\"email\",\"subject\":\"Production down: ERP unreachable\",\"status\":\"new\"";
        Files.write(
                history,
                List.of(
                        event("PD-1", "CREATED", "2026-11-17T15:00:00Z", created),
                        event("PD-1", "RESPONDED", "2026-11-17T15:05:00Z", ""),
                        event("PD-1", "STATUS_CHANGED", "2026-11-17T20:00:00Z", ",\"status\":\"waiting-on-customer\""),
                        event("PD-1", "STATUS_CHANGED", "2026-11-17T23:00:00Z", ",\"status\":\"in-progress\""),
                        event("PD-1", "RESOLVED", "2026-11-17T23:30:00Z", ""),
                        event("PD-2", "CREATED", "2026-11-21T15:00:00Z", created),
                        event("PD-2", "RESPONDED", "2026-11-21T15:05:00Z", ""),
                        event("PD-2", "STATUS_CHANGED", "2026-11-21T19:30:00Z", ",\"status\":\"waiting-on-customer\""),
                        event(
                                "PD-3",
                                "CREATED",
                                "2026-11-24T15:00:00Z",
                                ",\"source\":\"email\",\"subject\":\"Printer jam\",\"status\":\"new\"")));
        Path to = dir.resolve("paused-after-deadline-replay");
        new ReplayJob(new PrintStream(new ByteArrayOutputStream(), true))
                .run(new ReplayOptions(
                        history,
                        POLICY,
                        to,
                        null,
                        Duration.ofMinutes(5),
                        EnforcerSettings.live(),
                        1,
                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES));
        Path report = to.resolve("reports/acme/2026-W47.json");
        java.util.Map<String, JsonNode> rows = new java.util.HashMap<>();
        for (JsonNode b : JSON.readTree(report.toFile()).path("figures").path("breaches")) {
            if (b.path("metric").asText().equals("RESOLUTION"))
                rows.put(b.path("ticketId").asText(), b);
        }
        assertThat(rows).containsOnlyKeys("PD-1", "PD-2");
        JsonNode resolved = rows.get("PD-1");
        assertThat(resolved.path("deadline").asText()).isEqualTo("2026-11-17T19:00:00Z");
        assertThat(resolved.path("satisfiedAt").asText()).isEqualTo("2026-11-17T23:30:00Z");
        assertThat(resolved.path("lateByMs").asLong())
                .isEqualTo(Duration.ofMinutes(90).toMillis());
        assertThat(resolved.path("pausedMs").asLong())
                .isEqualTo(Duration.ofHours(3).toMillis());
        JsonNode open = rows.get("PD-2");
        assertThat(open.path("openAtPeriodEnd").asBoolean()).isTrue();
        assertThat(open.path("lateByMs").asLong())
                .as("paused since 19:30, until the week's end")
                .isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(Files.readAllLines(to.resolve("outcomes.jsonl")))
                .filteredOn(l -> l.contains("\"PD-1\"") && l.contains("RESOLUTION"))
                .singleElement()
                .asString()
                .contains("\"countedMs\":19800000", "\"budgetMs\":14400000");

        String html = Files.readString(to.resolve("reports/acme/2026-W47.html"));
        assertThat(html).contains("1 h 30 min", "30 min so far", "paused 3 h");
        Files.createDirectories(ReportRenderingTest.OUT);
        Files.copy(
                to.resolve("reports/acme/2026-W47.html"),
                ReportRenderingTest.OUT.resolve("paused-after-deadline.html"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING); // to look at (headless Chromium)
        assertThat(run("report", "verify", report.toString(), "--from", to.toString(), "--policy", POLICY.toString()))
                .startsWith("0")
                .contains("MATCH");
        // the budget is evidence: a changed one is caught
        Path edited = dir.resolve("paused-after-deadline-edited.json");
        Files.writeString(
                edited, Files.readString(report).replaceFirst("\"budgetMs\":14400000", "\"budgetMs\":18000000"));
        assertThat(run("report", "verify", edited.toString(), "--from", to.toString(), "--policy", POLICY.toString()))
                .startsWith("1")
                .contains("figures.breaches[0].lateByMs", "evidence digest");
        Path again = dir.resolve("paused-after-deadline-again");
        assertThat(run(
                        "report",
                        "--client",
                        "acme",
                        "--week",
                        "2026-W47",
                        "--from",
                        to.toString(),
                        "--out",
                        again.toString(),
                        "--policy",
                        POLICY.toString()))
                .startsWith("0");
        JsonNode streamed = JSON.readTree(report.toFile()).path("figures").path("breaches");
        JsonNode rebuilt = JSON.readTree(again.resolve("acme/2026-W47.json").toFile())
                .path("figures")
                .path("breaches");
        assertThat(rebuilt).hasSameSizeAs(streamed);
        for (int i = 0; i < streamed.size(); i++) {
            assertThat(rebuilt.get(i).path("lateByMs"))
                    .as("rebuilt from the replay's files")
                    .isEqualTo(streamed.get(i).path("lateByMs"));
            assertThat(rebuilt.get(i).path("pausedMs"))
                    .isEqualTo(streamed.get(i).path("pausedMs"));
        }
    }

    private static String event(String ticket, String type, String at, String more) {
        return "{\"eventId\":\"" + ticket + "-" + type + "-" + at + "\",\"ticketId\":\"" + ticket
                + "\",\"clientId\":\"acme\",\"type\":\"" + type + "\",\"occurredAt\":\"" + at + "\"" + more
                + ",\"actor\":\"sam.ortiz\"}";
    }

    @Test
    void replayWritesOnlyTheReportsAskedFor() throws Exception {
        // the first nine days of the history: a whole week and part of another
        Path short_ = dir.resolve("nine-days.jsonl");
        long until = java.time.Instant.parse("2026-11-25T00:00:00Z").toEpochMilli();
        Files.write(
                short_,
                Files.readAllLines(events).stream()
                        .filter(l -> {
                            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"occurredAt\":\"([^\"]+)\"")
                                    .matcher(l);
                            return m.find()
                                    && java.time.OffsetDateTime.parse(m.group(1))
                                                    .toInstant()
                                                    .toEpochMilli()
                                            < until;
                        })
                        .toList());
        Path none = dir.resolve("no-reports");
        new ReplayJob(new PrintStream(new ByteArrayOutputStream(), true))
                .run(new ReplayOptions(
                        short_,
                        POLICY,
                        none,
                        null,
                        Duration.ofMinutes(5),
                        EnforcerSettings.live(),
                        1,
                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES,
                        io.slaflow.jobs.replay.ReportSelection.NONE));
        assertThat(none.resolve("outcomes.jsonl")).exists();
        assertThat(none.resolve("reports")).doesNotExist();
        Path weekly = dir.resolve("weekly-reports");
        assertThat(run(
                        "replay",
                        "--events",
                        short_.toString(),
                        "--out",
                        weekly.toString(),
                        "--policy",
                        POLICY.toString(),
                        "--parallelism",
                        "1",
                        "--reports",
                        "weekly"))
                .startsWith("0");
        assertThat(files(weekly.resolve("reports"))).isNotEmpty().allMatch(n -> n.contains("/2026-W"));
    }

    @Test
    void reportRefusesAnUnknownClientAnEmptyIdAndAPeriodWithoutData() {
        assertThat(run(
                        "report",
                        "--client",
                        "acmee",
                        "--week",
                        "2026-W47",
                        "--from",
                        out.toString(),
                        "--policy",
                        POLICY.toString()))
                .startsWith("2\n")
                .contains("no report written: no record of client 'acmee'")
                .contains("the policy lists acme, globex, initech");
        assertThat(run(
                        "report",
                        "--client",
                        "",
                        "--week",
                        "2026-W47",
                        "--from",
                        out.toString(),
                        "--policy",
                        POLICY.toString()))
                .startsWith("2\n")
                .contains("--client must not be empty");
        assertThat(run(
                        "report",
                        "--client",
                        "acme",
                        "--week",
                        "2026-W10",
                        "--from",
                        out.toString(),
                        "--policy",
                        POLICY.toString()))
                .startsWith("2\n")
                .contains("client 'acme' has no data in 2026-W10")
                .contains("its tickets were opened from 2026-W47");
        assertThat(dir.resolve("replay/reports/acmee")).doesNotExist();
    }

    static List<String> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyClientGetsItsCompletedWeeksAndMonthsInItsOwnZone() throws Exception {
        List<String> files = files(out.resolve("reports"));
        for (String client : List.of("acme", "globex", "initech", "client-004")) {
            assertThat(files)
                    .as(client)
                    .contains(
                            client + "/2026-W47.html",
                            client + "/2026-W47.pdf",
                            client + "/2026-W47.json",
                            client + "/2026-W48.json",
                            client + "/2026-W47.delivery.json");
            assertThat(files)
                    .as("the history ends on 3 December: week 49 and December are not complete")
                    .doesNotContain(client + "/2026-W49.json", client + "/2026-12.json");
        }
        // the history runs past 1 December in every zone: November is complete for all
        assertThat(files).contains("acme/2026-11.json", "globex/2026-11.json", "initech/2026-11.json");
        for (String client : List.of("acme", "globex", "initech")) {
            JsonNode w48 = JSON.readTree(
                    out.resolve("reports/" + client + "/2026-W48.json").toFile());
            assertThat(w48.path("clientId").asText()).isEqualTo(client);
            assertThat(w48.path("previous").path("label").asText()).isEqualTo("2026-W47");
            assertThat(w48.path("figures").path("decided").asLong()).isPositive();
            for (JsonNode b : w48.path("figures").path("breaches")) {
                assertThat(b.path("evidence").toString())
                        .contains(b.path("ticketId").asText());
            }
        }
        assertThat(JSON.readTree(out.resolve("reports/globex/2026-W47.json").toFile())
                        .path("periodStart")
                        .asText())
                .isEqualTo("2026-11-15T16:00:00Z");
    }

    /**
     * {@code slaflow report} rebuilds a report from the replay's folder with the same code: the same figures, and the
     * breach rows' subjects from {@code tickets.jsonl}. The folder holds each target's final version, so the one thing
     * that may differ is an evidence record of a target that changed after the period closed (the stream counted the
     * version known at its close); {@link #aPausedBreachShowsItsSubjectAndItsPausedTime} rebuilds a report none of whose
     * targets changed later and gets every file byte for byte.
     */
    @Test
    void slaflowReportRegeneratesTheSameReportFromTheReplayFiles() throws Exception {
        Path regen = dir.resolve("regen");
        int namedRows = 0;
        for (String[] c : List.of(
                new String[] {"initech", "--week", "2026-W48"},
                new String[] {"globex", "--month", "2026-11"},
                new String[] {"acme", "--week", "2026-W47"})) {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            CommandLine cli = new CommandLine(new SlaflowCli());
            cli.setOut(new java.io.PrintWriter(stdout, true));
            int code = cli.execute(
                    "report",
                    "--client",
                    c[0],
                    c[1],
                    c[2],
                    "--from",
                    out.toString(),
                    "--out",
                    regen.toString(),
                    "--policy",
                    POLICY.toString());
            assertThat(code).isZero();
            assertThat(stdout.toString())
                    .contains("report " + c[0] + ":" + (c[1].equals("--week") ? "WEEK" : "MONTH") + ":" + c[2]);
            String name = c[0] + "/" + c[2];
            JsonNode streamed =
                    JSON.readTree(out.resolve("reports/" + name + ".json").toFile());
            JsonNode regenerated = JSON.readTree(regen.resolve(name + ".json").toFile());
            for (JsonNode b : streamed.path("figures").path("breaches"))
                if (b.path("subject").isTextual()) namedRows++;
            JsonNode streamedEvidence = ((com.fasterxml.jackson.databind.node.ObjectNode) streamed).remove("evidence");
            JsonNode regeneratedEvidence =
                    ((com.fasterxml.jackson.databind.node.ObjectNode) regenerated).remove("evidence");
            // the HTML shows the digest over the evidence, and nothing else of it
            assertThat(Files.readString(regen.resolve(name + ".html"))
                            .replace(regeneratedEvidence.path("digest").asText(), "DIGEST"))
                    .as(name + ".html")
                    .isEqualTo(Files.readString(out.resolve("reports/" + name + ".html"))
                            .replace(streamedEvidence.path("digest").asText(), "DIGEST"));
            assertThat(regenerated).as(name + ".json but its evidence").isEqualTo(streamed);
            assertThat(regeneratedEvidence.path("count")).isEqualTo(streamedEvidence.path("count"));
            for (int i = 0; i < streamedEvidence.path("records").size(); i++) {
                JsonNode was = streamedEvidence.path("records").get(i),
                        now = regeneratedEvidence.path("records").get(i);
                assertThat(now.path("id")).isEqualTo(was.path("id"));
                if (!now.equals(was)) {
                    assertThat(now.path("revision").asInt())
                            .as(name + ": " + now.path("id") + " changed after the close")
                            .isGreaterThan(was.path("revision").asInt());
                }
            }
        }
        assertThat(namedRows).as("the reports name their breached tickets").isPositive();
        // one line per ticket, by id
        List<String> tickets = Files.readAllLines(out.resolve("tickets.jsonl"));
        assertThat(tickets).isNotEmpty().isSorted();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (String l : tickets)
            assertThat(ids.add(JSON.readTree(l).path("ticketId").asText()))
                    .as(l)
                    .isTrue();
    }

    @Test
    void anUnknownPeriodIsAUsageError() {
        CommandLine cli = new CommandLine(new SlaflowCli());
        cli.setErr(new java.io.PrintWriter(new ByteArrayOutputStream(), true));
        assertThat(cli.execute(
                        "report",
                        "--client",
                        "acme",
                        "--week",
                        "2026-W60",
                        "--from",
                        out.toString(),
                        "--policy",
                        POLICY.toString()))
                .isEqualTo(2);
    }
}
