package io.slaflow.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code slaflow replay} end to end on a MiniCluster: the audit files for a small, hand-checked history. */
class ReplayJobTest {
    private static final Path EVENTS = Path.of("src/test/resources/replay/small.jsonl");
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ReplayResult replay(Path out, Instant asOf, int parallelism) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ReplayResult r = new ReplayJob(new PrintStream(progress, true))
                .run(new ReplayOptions(
                        EVENTS,
                        POLICY,
                        out,
                        asOf,
                        Duration.ofMinutes(5),
                        EnforcerSettings.live(),
                        parallelism,
                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES));
        assertThat(progress.toString()).contains("replay: done");
        return r;
    }

    @Test
    void writesTheAuditFilesOfAHandCheckedHistory() throws Exception {
        Path out = dir.resolve("out");
        ReplayResult r = replay(out, null, 2);

        assertThat(r.asOf()).isEqualTo(Instant.parse("2026-11-16T16:00:00Z"));
        assertThat(r.lines()).isEqualTo(12);
        assertThat(r.events()).isEqualTo(10);
        List<JsonNode> breaches = lines(out.resolve("breaches.jsonl"));
        assertThat(breaches).extracting(b -> b.get("id").asText()).containsExactly("T2:RESPONSE:BREACH");
        assertThat(breaches.get(0).get("firedAt").asText()).isEqualTo("2026-11-16T10:15:00Z");

        List<JsonNode> escalations = lines(out.resolve("escalations.jsonl"));
        assertThat(escalations).singleElement().satisfies(x -> {
            assertThat(x.get("ticketId").asText()).isEqualTo("T2");
            assertThat(x.get("level").asInt()).isEqualTo(1);
            assertThat(x.get("role").asText()).isEqualTo("account-director");
            assertThat(x.get("assignee").asText()).isEqualTo("dana.lee");
            assertThat(x.get("firedAt").asText()).isEqualTo("2026-11-16T10:45:00Z");
        });
        // nobody acted on T2 within 30 min of the escalation (it was resolved at 13:00): the chain raises it; P1's
        // ladder has no rung above account-director, so the fallback role (the same) gets it again
        assertThat(lines(out.resolve("chains.jsonl"))).singleElement().satisfies(c -> {
            assertThat(c.get("pattern").asText()).isEqualTo("escalation-ignored");
            assertThat(c.get("clientId").asText()).isEqualTo("acme");
            assertThat(c.get("tickets").toString()).isEqualTo("[\"T2\"]");
            assertThat(c.get("evidence").toString()).isEqualTo("[\"T2:RESPONSE:ESCALATION:1\"]");
            assertThat(c.get("detectedAt").asText()).isEqualTo("2026-11-16T11:15:00Z");
            assertThat(c.get("targetRole").asText()).isEqualTo("account-director");
            assertThat(c.get("target").asText()).isEqualTo("dana.lee");
        });
        assertThat(lines(out.resolve("warnings.jsonl")))
                .extracting(w -> w.get("id").asText())
                .containsExactly(
                        "T2:RESPONSE:WARNING:50:P1",
                        "T2:RESPONSE:WARNING:75:P1",
                        "T2:RESPONSE:WARNING:90:P1",
                        "T2:RESOLUTION:WARNING:50:P1");
        assertThat(lines(out.resolve("dead-letters.jsonl")))
                .extracting(d -> d.get("reason").asText() + "@"
                        + d.path("source").path("line").asText())
                .containsExactly(
                        "UNKNOWN_TICKET@8", "MALFORMED_JSON@9"); // the enforcer's dead letters name the line too

        List<JsonNode> outcomes = lines(out.resolve("outcomes.jsonl"));
        assertThat(outcomes).hasSize(8);
        assertThat(outcomes)
                .extracting(o -> o.get("ticketId").asText() + ":"
                        + o.get("metric").asText() + "=" + o.get("outcome").asText())
                .containsExactly(
                        "T1:RESOLUTION=MET",
                        "T1:RESPONSE=MET",
                        "T2:RESOLUTION=MET",
                        "T2:RESPONSE=BREACHED",
                        "T3:RESOLUTION=PENDING",
                        "T3:RESPONSE=MET",
                        "T4:RESOLUTION=PENDING",
                        "T4:RESPONSE=PENDING");
        assertThat(outcomes.get(4).get("rule").asText()).isEqualTo("default");
        assertThat(outcomes.get(7).get("rule").asText()).isEqualTo("p2-degraded");

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.at("/overall/met").asInt()).isEqualTo(4);
        assertThat(summary.at("/overall/breached").asInt()).isEqualTo(1);
        assertThat(summary.at("/overall/adherencePercent").asDouble()).isEqualTo(80.0);
        assertThat(summary.at("/deadLettersByReason/MALFORMED_JSON").asInt()).isEqualTo(1);
        // every line accounted for (issue 18, item 9): 12 = 1 blank + 1 refused + 10 valid; 10 = 9 applied + 1 unknown
        // ticket
        assertThat(summary.at("/blankLines").asInt()).isEqualTo(1);
        assertThat(summary.at("/rejectedLines").asInt()).isEqualTo(1);
        assertThat(summary.at("/eventsApplied").asInt()).isEqualTo(9);
        assertThat(summary.at("/duplicateEvents").asInt()).isZero();
        assertThat(summary.at("/enforcerDeadLetters").asInt()).isEqualTo(1);
        assertThat(summary.at("/eventsAfterAsOf").asInt()).isZero();

        // the streaming adherence agrees with the audit: hourly buckets and the 30-day window add up to the outcomes
        List<JsonNode> adherence = lines(out.resolve("adherence.jsonl"));
        List<JsonNode> hourly = adherence.stream()
                .filter(a -> a.get("window").asText().equals("1h"))
                .toList();
        assertThat(hourly.stream().mapToLong(a -> a.get("met").asLong()).sum()).isEqualTo(4);
        assertThat(hourly.stream().mapToLong(a -> a.get("breached").asLong()).sum())
                .isEqualTo(1);
        assertThat(hourly)
                .filteredOn(a -> a.get("breached").asLong() > 0)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.get("metric").asText()).isEqualTo("RESPONSE");
                    assertThat(a.get("bucketStart").asText()).isEqualTo("2026-11-16T10:00:00Z");
                });
        List<JsonNode> month = adherence.stream()
                .filter(a -> a.get("window").asText().equals("30d"))
                .toList();
        assertThat(month)
                .allSatisfy(a -> assertThat(a.get("updatedAt").asText()).isEqualTo("2026-11-16T16:00:00Z"));
        assertThat(month.stream().mapToLong(a -> a.get("decided").asLong()).sum())
                .isEqualTo(5);
    }

    @Test
    void asOfDecidesWhatIsStillPending() throws Exception {
        Path out = dir.resolve("early");
        ReplayResult r = replay(out, Instant.parse("2026-11-16T10:10:00Z"), 1);

        assertThat(r.breaches()).isZero();
        assertThat(lines(out.resolve("chains.jsonl"))).isEmpty();
        assertThat(r.eventsAfterAsOf()).isEqualTo(5);
        assertThat(lines(out.resolve("outcomes.jsonl")))
                .filteredOn(o -> o.get("ticketId").asText().equals("T2"))
                .allSatisfy(o -> assertThat(o.get("outcome").asText()).isEqualTo("PENDING"));
    }

    /**
     * Every file a replay writes, dead letters, summary, reports and the manifest included (issue 18, item 11: the
     * dead letters' rejectedAt was the wall clock), is the same bytes on another run and at another parallelism.
     */
    @Test
    void theSameInputGivesByteIdenticalFilesWhateverTheParallelism() throws Exception {
        Path one = dir.resolve("p1"), two = dir.resolve("p2");
        replay(one, null, 1);
        replay(two, null, 2);
        List<String> written = filesUnder(one);
        assertThat(written)
                .contains(
                        "dead-letters.jsonl",
                        "summary.json",
                        "outcomes.jsonl",
                        "adherence.jsonl",
                        "tickets.jsonl",
                        ReplayOutput
                                .MANIFEST); // (no report: the history's week is not over; ReplayReportsTest compares
        // reports)
        assertThat(filesUnder(two)).isEqualTo(written);
        for (String f : written) {
            assertThat(Files.readAllBytes(two.resolve(f))).as(f).isEqualTo(Files.readAllBytes(one.resolve(f)));
        }
        assertThat(lines(one.resolve("dead-letters.jsonl")))
                .extracting(d -> d.get("rejectedAt").asText())
                .as("event time: the parser's at the as-of, the enforcer's at the event's time")
                .containsExactly("2026-11-16T11:00:00Z", "2026-11-16T16:00:00Z");
    }

    static List<String> filesUnder(Path root) throws IOException {
        try (var s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void anEscalationSomeoneActsOnWithinHalfAnHourRaisesNoChainAndOneNobodyActsOnDoes() throws Exception {
        // both P1 tickets breach their response at 10:15 and escalate to the account director at 10:45; the
        // escalation-ignored chain gets only escalated tickets' events (OutputTags.ESCALATED_TICKET_EVENTS), so
        // A's response at 10:50 must reach it through that path, and B's assignment at 10:40 (before) must not count
        Path events = dir.resolve("escalations.jsonl");
        Files.writeString(
                events,
                String.join(
                                "\n",
                                "{\"eventId\":\"a1\",\"ticketId\":\"A\",\"clientId\":\"acme\",\"type\":\"CREATED\",\"occurredAt\":\"2026-11-16T10:00:00Z\",\"source\":\"phone\",\"subject\":\"Production database down\",\"assignee\":\"first.line\"}",
                                "{\"eventId\":\"b1\",\"ticketId\":\"B\",\"clientId\":\"acme\",\"type\":\"CREATED\",\"occurredAt\":\"2026-11-16T10:00:00Z\",\"source\":\"phone\",\"subject\":\"Production database down\",\"assignee\":\"first.line\"}",
                                "{\"eventId\":\"b2\",\"ticketId\":\"B\",\"clientId\":\"acme\",\"type\":\"ASSIGNED\",\"occurredAt\":\"2026-11-16T10:40:00Z\",\"assignee\":\"second.line\",\"actor\":\"dispatcher\"}",
                                "{\"eventId\":\"a2\",\"ticketId\":\"A\",\"clientId\":\"acme\",\"type\":\"RESPONDED\",\"occurredAt\":\"2026-11-16T10:50:00Z\",\"actor\":\"first.line\"}",
                                "{\"eventId\":\"a3\",\"ticketId\":\"A\",\"clientId\":\"acme\",\"type\":\"RESOLVED\",\"occurredAt\":\"2026-11-16T12:00:00Z\",\"actor\":\"first.line\"}",
                                "{\"eventId\":\"b3\",\"ticketId\":\"B\",\"clientId\":\"acme\",\"type\":\"RESOLVED\",\"occurredAt\":\"2026-11-16T12:00:00Z\",\"actor\":\"second.line\"}")
                        + "\n");
        Path out = dir.resolve("out");
        new ReplayJob(new PrintStream(new ByteArrayOutputStream(), true))
                .run(new ReplayOptions(
                        events,
                        POLICY,
                        out,
                        null,
                        Duration.ofMinutes(5),
                        EnforcerSettings.live(),
                        2,
                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES));

        assertThat(lines(out.resolve("escalations.jsonl")))
                .extracting(
                        x -> x.get("ticketId").asText() + "@" + x.get("firedAt").asText())
                .containsExactlyInAnyOrder("A@2026-11-16T10:45:00Z", "B@2026-11-16T10:45:00Z");
        assertThat(lines(out.resolve("chains.jsonl")))
                .filteredOn(c -> c.get("pattern").asText().equals("escalation-ignored"))
                .extracting(c -> c.get("tickets").toString())
                .containsExactly("[\"B\"]");
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        return Files.readAllLines(file).stream()
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }
}
