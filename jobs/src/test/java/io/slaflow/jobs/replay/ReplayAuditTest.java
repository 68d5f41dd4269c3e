package io.slaflow.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, items 8-12: what a replay must not do to an audit. An outlier date must not change the figures, a reused
 * event id must not be dropped silently, every line must be accounted for, a history must not forget its tickets, and
 * a replay must not delete what it did not write.
 */
class ReplayAuditTest {
    private static final Path SMALL = Path.of("src/test/resources/replay/small.jsonl");
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ReplayResult replay(Path events, Path out, ReplayOptions tweak) throws Exception {
        ReplayOptions o = tweak != null ? tweak : options(events, out);
        return new ReplayJob(new PrintStream(new ByteArrayOutputStream(), true)).run(o);
    }

    private static ReplayOptions options(Path events, Path out) {
        return new ReplayOptions(
                events,
                POLICY,
                out,
                null,
                Duration.ofMinutes(5),
                EnforcerSettings.live(),
                2,
                TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES);
    }

    private static String event(String id, String ticket, String type, String at, String more) {
        return "{\"eventId\":\"" + id + "\",\"ticketId\":\"" + ticket + "\",\"clientId\":\"acme\",\"type\":\"" + type
                + "\",\"occurredAt\":\"" + at + "\"" + more + "}";
    }

    /** Item 8: one CREATED dated 9999 moved the as-of to that year; a P1 dated 1969 never breached, silently. */
    @Test
    void anOutlierDateChangesNoFigureAndIsADeadLetter() throws Exception {
        Path clean = dir.resolve("clean");
        ReplayResult expected = replay(SMALL, clean, null);
        Path events = dir.resolve("outliers.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(SMALL));
        lines.add(event("X1", "X-9999", "CREATED", "9999-12-31T00:00:00Z", ",\"subject\":\"typo in the year\""));
        lines.add(event(
                "X2",
                "X-1969",
                "CREATED",
                "1969-12-31T00:00:00Z",
                ",\"subject\":\"Production database down\",\"priority\":\"P1\""));
        lines.add(event("X3", "X-0001", "CREATED", "0001-01-01T00:00:00Z", ",\"priority\":\"P1\""));
        Files.write(events, lines);
        Path out = dir.resolve("with-outliers");
        ReplayResult r = replay(events, out, null);

        assertThat(r.asOf()).isEqualTo(expected.asOf()).isEqualTo(Instant.parse("2026-11-16T16:00:00Z"));
        assertThat(Files.readString(out.resolve("breaches.jsonl")))
                .isEqualTo(Files.readString(clean.resolve("breaches.jsonl")));
        assertThat(Files.readString(out.resolve("outcomes.jsonl")))
                .isEqualTo(Files.readString(clean.resolve("outcomes.jsonl")));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/overall"))
                .isEqualTo(JSON.readTree(clean.resolve("summary.json").toFile()).at("/overall"));
        assertThat(summary.at("/eventTimeWindow/outliers").asInt()).isEqualTo(3);
        List<JsonNode> outliers = lines(out.resolve("dead-letters.jsonl")).stream()
                .filter(d -> d.get("reason").asText().equals("TIME_OUTLIER"))
                .toList();
        assertThat(outliers).extracting(d -> d.at("/source/line").asText()).containsExactly("13", "14", "15");
        assertThat(outliers.get(0).get("message").asText())
                .startsWith("occurredAt 9999-12-31T00:00:00Z lies outside the" + " time this file covers")
                .contains("--outlier-margin");
        assertThat(outliers.get(0).get("originalText").asText()).isEqualTo(lines.get(12));
        assertAccountedFor(out, 15);
    }

    /** Item 9: a RESOLVED under a RESPONDED's id was dropped as a duplicate; blank lines were in no count. */
    @Test
    void aReusedIdIsAConflictAResendADuplicateAndEveryLineIsAccountedFor() throws Exception {
        Path events = dir.resolve("reused.jsonl");
        String responded = event("r1", "T1", "RESPONDED", "2026-11-16T10:05:00Z", "");
        Files.write(
                events,
                List.of(
                        event(
                                "c1",
                                "T1",
                                "CREATED",
                                "2026-11-16T10:00:00Z",
                                ",\"subject\":\"Production database down\""),
                        responded,
                        "",
                        "   ",
                        responded, // a producer's resend
                        event("r1", "T1", "RESOLVED", "2026-11-16T11:00:00Z", ""), // another event under a used id
                        event("x1", "T9", "RESOLVED", "2026-11-16T11:00:00Z", ""),
                        "{not json",
                        event("c2", "T2", "CREATED", "2026-11-16T12:00:00Z", "")));
        Path out = dir.resolve("out");
        replay(events, out, null);

        List<JsonNode> dead = lines(out.resolve("dead-letters.jsonl"));
        assertThat(dead)
                .extracting(d ->
                        d.get("reason").asText() + "@" + d.at("/source/line").asText())
                .containsExactly("CONFLICT@6", "UNKNOWN_TICKET@7", "MALFORMED_JSON@8");
        assertThat(dead.get(0).get("message").asText())
                .startsWith("eventId 'r1' was already used by another event of ticket T1");
        JsonNode summary = assertAccountedFor(out, 9);
        assertThat(summary.get("blankLines").asInt()).isEqualTo(2);
        assertThat(summary.get("duplicateEvents").asInt()).isEqualTo(1);
        assertThat(summary.get("eventsApplied").asInt()).isEqualTo(3);
        // the ticket was not resolved by the event that reused the id: its resolution is still open
        assertThat(lines(out.resolve("outcomes.jsonl")))
                .filteredOn(o -> o.get("ticketId").asText().equals("T1")
                        && o.get("metric").asText().equals("RESOLUTION"))
                .singleElement()
                .satisfies(o -> assertThat(o.get("outcome").asText()).isEqualTo("PENDING"));
    }

    /**
     * Item 10: replay purged tickets 30 days after resolution, so a reopen 40 days later was lost and a late close an
     * UNKNOWN_TICKET. By default an audit keeps them for the whole file; with a retention given, the dead letter says
     * what happened.
     */
    @Test
    void aHistoryForgetsNoTicketAndARetentionGivenIsNamedInTheDeadLetter() throws Exception {
        Path events = dir.resolve("months.jsonl");
        Files.write(
                events,
                List.of(
                        event(
                                "c1",
                                "T1",
                                "CREATED",
                                "2026-01-05T10:00:00Z",
                                ",\"subject\":\"Production database down\""),
                        event("r1", "T1", "RESOLVED", "2026-01-05T11:00:00Z", ""),
                        event("o1", "T1", "REOPENED", "2026-02-14T10:00:00Z", ""),
                        event("s1", "T1", "RESOLVED", "2026-02-14T11:00:00Z", ""),
                        event("k1", "T1", "CLOSED", "2026-04-01T11:00:00Z", ""),
                        event("c2", "T2", "CREATED", "2026-04-20T10:00:00Z", "")));
        Path whole = dir.resolve("whole");
        replay(events, whole, null);
        assertThat(lines(whole.resolve("dead-letters.jsonl"))).isEmpty();
        assertThat(JSON.readTree(whole.resolve("summary.json").toFile())
                        .get("resolvedRetention")
                        .asText())
                .isEqualTo("PT2544H");
        assertThat(lines(whole.resolve("outcomes.jsonl")))
                .filteredOn(o -> o.get("ticketId").asText().equals("T1")
                        && o.get("metric").asText().equals("RESOLUTION"))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.get("outcome").asText())
                            .as("reopened and resolved again within its 4 h")
                            .isEqualTo("MET");
                    assertThat(o.get("completedAt").asText()).isEqualTo("2026-02-14T11:00:00Z");
                });

        Path thirty = dir.resolve("thirty");
        replay(events, thirty, options(events, thirty).withRetention(null, Duration.ofDays(30)));
        assertThat(lines(thirty.resolve("dead-letters.jsonl")))
                .extracting(d -> d.get("message").asText())
                .containsExactly(
                        "ticket 'T1' was resolved at 2026-01-05T11:00:00Z, 39 days before this event, and its SLA"
                                + " state purged after 30 days without a REOPENED or CLOSED (resolved retention): raise"
                                + " --resolved-retention to keep resolved tickets longer",
                        "ticket 'T1' was resolved at 2026-01-05T11:00:00Z, 40 days before this event, and its SLA"
                                + " state purged after 30 days without a REOPENED or CLOSED (resolved retention): raise"
                                + " --resolved-retention to keep resolved tickets longer",
                        "ticket 'T1' was resolved at 2026-01-05T11:00:00Z, 86 days before this event, and its SLA"
                                + " state purged after 30 days without a REOPENED or CLOSED (resolved retention): raise"
                                + " --resolved-retention to keep resolved tickets longer");
        assertAccountedFor(thirty, 6);
    }

    /** Item 12: an existing reports/keep/important.txt under --out was deleted. */
    @Test
    void aReplayRemovesOnlyWhatAReplayWrote() throws Exception {
        Path out = dir.resolve("audit");
        replay(SMALL, out, null);
        Path keep = Files.createDirectories(out.resolve("reports/keep")).resolve("important.txt");
        Files.writeString(keep, "mine");
        Files.writeString(out.resolve("notes.md"), "mine too");
        List<String> firstRun = ReplayJobTest.filesUnder(out);

        replay(SMALL, out, null);
        assertThat(keep).hasContent("mine");
        assertThat(out.resolve("notes.md")).hasContent("mine too");
        assertThat(ReplayJobTest.filesUnder(out)).isEqualTo(firstRun);
        assertThat(Files.readAllLines(out.resolve(ReplayOutput.MANIFEST)))
                .doesNotContain("reports/keep/important.txt", "notes.md")
                .contains("summary.json", "dead-letters.jsonl");

        Path someoneElses = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(someoneElses.resolve("thesis.tex"), "years of work");
        assertThatThrownBy(() -> replay(SMALL, someoneElses, null))
                .isInstanceOf(ReplayOutput.RefusedException.class)
                .hasMessageContaining("is not empty and was not written by 'slaflow replay'")
                .hasMessageContaining("nothing in it was changed");
        assertThat(ReplayJobTest.filesUnder(someoneElses)).containsExactly("thesis.tex");
    }

    /**
     * Item 11, with reports: every file of a replay whose history completes a week (HTML, PDF, JSON and delivery
     * records included) is the same bytes at another parallelism, and so is the manifest. PDFs too, byte for byte:
     * their dates and /ID come from the report, not the wall clock (issue 19).
     */
    @Test
    void everyFileIsTheSameBytesReportsIncluded() throws Exception {
        Path events = dir.resolve("history.jsonl");
        assertThat(new picocli.CommandLine(new io.slaflow.jobs.cli.SlaflowCli())
                        .execute(
                                "generate",
                                "--out",
                                events.toString(),
                                "--clients",
                                "2",
                                "--days",
                                "9",
                                "--tickets-per-client-per-day",
                                "4",
                                "--seed",
                                "5"))
                .isZero();
        Path one = dir.resolve("p1");
        Path two = dir.resolve("p2");
        replay(
                events,
                one,
                new ReplayOptions(
                        events,
                        POLICY,
                        one,
                        null,
                        Duration.ofMinutes(5),
                        EnforcerSettings.live(),
                        1,
                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES));
        replay(events, two, null);

        List<String> written = ReplayJobTest.filesUnder(one);
        assertThat(written)
                .anyMatch(f -> f.endsWith(".pdf"))
                .anyMatch(f -> f.endsWith(".delivery.json"))
                .contains("dead-letters.jsonl", "summary.json", ReplayOutput.MANIFEST);
        assertThat(ReplayJobTest.filesUnder(two)).isEqualTo(written);
        for (String f : written) {
            byte[] a = Files.readAllBytes(one.resolve(f));
            byte[] b = Files.readAllBytes(two.resolve(f));
            assertThat(b).as(f).isEqualTo(a);
        }
    }

    /**
     * Item 5: a client id at the contract's limit (256 bytes: here 64 four-byte characters, and 256 ASCII letters)
     * stopped a replay with 'File name too long' while writing its report. Each now has its reports in its own folder,
     * named by its safe name, holding its own id.
     */
    @Test
    void aClientIdAtTheContractsLimitGetsItsReports() throws Exception {
        Path generated = dir.resolve("generated.jsonl");
        assertThat(new picocli.CommandLine(new io.slaflow.jobs.cli.SlaflowCli())
                        .execute(
                                "generate",
                                "--out",
                                generated.toString(),
                                "--clients",
                                "2",
                                "--days",
                                "9",
                                "--tickets-per-client-per-day",
                                "3",
                                "--seed",
                                "7",
                                "--malformed-share",
                                "0"))
                .isZero();
        String fourByte = "\uD83D\uDE00".repeat(64);
        String ascii = "a".repeat(256);
        assertThat(fourByte.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(256);
        java.util.Map<String, String> renamed = new java.util.LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(generated)) {
            com.fasterxml.jackson.databind.node.ObjectNode e =
                    (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
            String client = e.get("clientId").asText();
            String to = renamed.computeIfAbsent(
                    client, c -> renamed.isEmpty() ? fourByte : renamed.size() == 1 ? ascii : c);
            e.put("clientId", to);
            lines.add(JSON.writeValueAsString(e));
        }
        assertThat(renamed.values()).contains(fourByte, ascii);
        Path events = dir.resolve("long-ids.jsonl");
        Files.write(events, lines);
        Path out = dir.resolve("long");
        replay(events, out, null);

        JsonNode s = assertAccountedFor(out, lines.size());
        assertThat(s.get("rejectedLines").asInt())
                .as("the ids are valid per the contract")
                .isZero();
        for (String id : List.of(fourByte, ascii)) {
            Path folder = out.resolve("reports").resolve(io.slaflow.names.SafeName.of(id));
            assertThat(folder.getFileName().toString()).hasSizeLessThanOrEqualTo(64);
            List<Path> json;
            try (var list = Files.list(folder)) {
                json = list.filter(f ->
                                f.toString().endsWith(".json") && !f.toString().endsWith(".delivery.json"))
                        .toList();
            }
            assertThat(json).as("reports of %s", folder.getFileName()).isNotEmpty();
            for (Path f : json)
                assertThat(JSON.readTree(f.toFile()).path("clientId").asText())
                        .as(f.toString())
                        .isEqualTo(id);
            try (var list = Files.list(folder)) {
                assertThat(list.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".pdf"));
            }
        }
    }

    /** lines = blank + refused + valid; valid = after as-of + applied + duplicates + refused by the enforcer. */
    private static JsonNode assertAccountedFor(Path out, int lines) throws IOException {
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("lines").asInt()).isEqualTo(lines);
        assertThat(s.get("blankLines").asInt()
                        + s.get("rejectedLines").asInt()
                        + s.get("validEvents").asInt())
                .as("every line is blank, refused or a valid event")
                .isEqualTo(lines);
        assertThat(s.get("eventsAfterAsOf").asInt()
                        + s.get("eventsApplied").asInt()
                        + s.get("duplicateEvents").asInt()
                        + s.get("enforcerDeadLetters").asInt())
                .as("every valid event is applied, a duplicate, refused or after the as-of")
                .isEqualTo(s.get("validEvents").asInt());
        assertThat(s.get("rejectedLines").asInt() + s.get("enforcerDeadLetters").asInt())
                .isEqualTo(s.get("deadLetters").asInt());
        assertThat(lines(out.resolve("dead-letters.jsonl")))
                .hasSize(s.get("deadLetters").asInt());
        return s;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) out.add(JSON.readTree(l));
        return out;
    }
}
