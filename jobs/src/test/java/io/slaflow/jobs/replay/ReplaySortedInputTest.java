package io.slaflow.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay sorts a file out of order by event time before the job (issue 25: the watermark no longer waits as far as
 * the file's disorder, which held every event within it in memory): the same history, in order or shuffled, replays
 * to the same bytes, dead letters' line numbers included, and the sort leaves nothing in the output folder.
 */
class ReplaySortedInputTest {
    private static final Path POLICY = Path.of("../infra/policies/default.yaml");

    @TempDir
    Path dir;

    // small.jsonl's history; the lines that become dead letters (8: unknown ticket, 9: malformed) and the blank line 5
    // keep their places in both files, so the dead letters name the same lines
    private static final String E1 =
            "{\"eventId\":\"e1\",\"ticketId\":\"T1\",\"clientId\":\"acme\",\"type\":\"CREATED\",\"occurredAt\":\"2026-11-16T10:00:00Z\",\"source\":\"phone\",\"subject\":\"Production database down\",\"assignee\":\"first.line\"}";
    private static final String E2 =
            "{\"eventId\":\"e2\",\"ticketId\":\"T2\",\"clientId\":\"acme\",\"type\":\"CREATED\",\"occurredAt\":\"2026-11-16T10:00:00Z\",\"source\":\"portal\",\"subject\":\"Site outage for the web shop\",\"assignee\":\"first.line\"}";
    private static final String E3 =
            "{\"eventId\":\"e3\",\"ticketId\":\"T1\",\"clientId\":\"acme\",\"type\":\"RESPONDED\",\"occurredAt\":\"2026-11-16T10:05:00Z\",\"actor\":\"first.line\"}";
    private static final String E4 =
            "{\"eventId\":\"e4\",\"ticketId\":\"T3\",\"clientId\":\"globex\",\"type\":\"CREATED\",\"occurredAt\":\"2026-11-16T01:00:00Z\",\"source\":\"email\",\"subject\":\"Printer out of toner\"}";
    private static final String E5 =
            "{\"eventId\":\"e5\",\"ticketId\":\"T3\",\"clientId\":\"globex\",\"type\":\"RESPONDED\",\"occurredAt\":\"2026-11-16T02:00:00Z\"}";
    private static final String E6 =
            "{\"eventId\":\"e6\",\"ticketId\":\"T1\",\"clientId\":\"acme\",\"type\":\"RESOLVED\",\"occurredAt\":\"2026-11-16T11:00:00Z\"}";
    private static final String GHOST =
            "{\"eventId\":\"e7\",\"ticketId\":\"GHOST\",\"clientId\":\"acme\",\"type\":\"RESOLVED\",\"occurredAt\":\"2026-11-16T11:00:00Z\"}";
    private static final String MALFORMED = "{\"eventId\": ";
    private static final String E8 =
            "{\"eventId\":\"e8\",\"ticketId\":\"T1\",\"clientId\":\"acme\",\"type\":\"CLOSED\",\"occurredAt\":\"2026-11-16T11:30:00Z\"}";
    private static final String E9 =
            "{\"eventId\":\"e9\",\"ticketId\":\"T2\",\"clientId\":\"acme\",\"type\":\"RESOLVED\",\"occurredAt\":\"2026-11-16T13:00:00Z\"}";
    private static final String E10 =
            "{\"eventId\":\"e10\",\"ticketId\":\"T4\",\"clientId\":\"initech\",\"type\":\"CREATED\",\"occurredAt\":\"2026-11-16T16:00:00Z\",\"source\":\"email\",\"subject\":\"VPN down since this morning\"}";

    private static final List<String> IN_ORDER = List.of(E4, E5, E1, E2, "", E3, E6, GHOST, MALFORMED, E8, E9, E10);
    /** Fifteen hours out of order, far beyond the five minutes of out-of-orderness the replay is given. */
    private static final List<String> SHUFFLED = List.of(E10, E9, E8, E6, "", E3, E2, GHOST, MALFORMED, E1, E5, E4);

    private String replay(Path events, List<String> lines, Path out, long sortBudget) throws Exception {
        Files.writeString(events, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        new ReplayJob(new PrintStream(progress, true), sortBudget)
                .run(new ReplayOptions(
                        events,
                        POLICY,
                        out,
                        null,
                        Duration.ofMinutes(5),
                        EnforcerSettings.live(),
                        2,
                        TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES));
        return progress.toString();
    }

    @Test
    void aShuffledFileReplaysToTheSameFilesAsTheOrderedOne() throws Exception {
        Path events = dir.resolve("events.jsonl"); // one path for both: the dead letters and summary name the file
        Path ordered = dir.resolve("ordered"), shuffled = dir.resolve("shuffled");

        String orderedProgress = replay(events, IN_ORDER, ordered, EventTimeSorter.defaultBudget());
        // a budget of two lines: the sort writes and merges several runs
        String shuffledProgress = replay(events, SHUFFLED, shuffled, 500);

        assertThat(orderedProgress).as("a file in order is not sorted").doesNotContain("sorted by event time");
        assertThat(shuffledProgress)
                .containsPattern("up to PT15H out of order: sorted by event time first \\(11 lines, [2-9] runs");
        List<String> written = ReplayJobTest.filesUnder(ordered);
        assertThat(written)
                .contains("dead-letters.jsonl", "outcomes.jsonl", "adherence.jsonl", "summary.json")
                .noneMatch(f -> f.startsWith(".sort"));
        assertThat(ReplayJobTest.filesUnder(shuffled)).isEqualTo(written);
        for (String f : written) {
            assertThat(Files.readString(shuffled.resolve(f))).as(f).isEqualTo(Files.readString(ordered.resolve(f)));
        }
        assertThat(Files.readString(ordered.resolve("dead-letters.jsonl")))
                .contains("\"line\":\"8\"", "\"line\":\"9\"");
    }
}
