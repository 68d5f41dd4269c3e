package io.slaflow.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.enforce.EnforcerSettings;
import io.slaflow.event.TicketEventDeserializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit files assembled in bounded memory (issue 25): the same bytes however many runs they took. */
class ReplayFilesTest {
    private static final List<String> JSONL = List.of(
            "warnings.jsonl",
            "breaches.jsonl",
            "escalations.jsonl",
            "dead-letters.jsonl",
            "chains.jsonl",
            "outcomes.jsonl",
            "adherence.jsonl",
            "tickets.jsonl");

    @TempDir
    Path dir;
    /** What the last {@link #write} spilled. */
    private int spilledRuns;

    private static ReplayLine line(ReplayLine.Kind kind, long time, String id, String json) {
        ReplayLine l = ReplayLine.of(kind, time, id, json.getBytes(StandardCharsets.UTF_8));
        if (kind == ReplayLine.Kind.OUTCOME) {
            l.clientId = "acme";
            l.tier = "gold";
            l.metric = "RESPONSE";
            l.outcome = "MET";
        }
        return l;
    }

    private static ReplayLine outcome(String id, int revision, String outcome, String json) {
        ReplayLine l = line(ReplayLine.Kind.OUTCOME, 0, id, json);
        l.revision = revision;
        l.outcome = outcome;
        return l;
    }

    /**
     * Lines of every kind with many ties: few ids and times, so alerts tie on time and id, and the per-id files see
     * the same id again and again, with equal revisions and times. Every JSON is distinct, so a wrong pick shows.
     */
    private static List<ReplayLine> lines(int n) {
        Random random = new Random(25);
        ReplayLine.Kind[] kinds = ReplayLine.Kind.values();
        String[] reasons = {"LATE", "UNKNOWN_TICKET", "CONFLICT", "MALFORMED_JSON", "TIME_OUTLIER"};
        String[] outcomes = {"MET", "BREACHED", "PENDING"};
        List<ReplayLine> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ReplayLine.Kind kind = kinds[random.nextInt(kinds.length)];
            String id = "id-" + random.nextInt(12);
            long time = random.nextInt(6);
            // tickets: sometimes equal JSON at the same time and id (either pick writes the same bytes)
            String json = kind == ReplayLine.Kind.TICKET
                    ? "{\"ticket\":\"" + id + "\",\"v\":" + random.nextInt(3) + "}"
                    : "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(random.nextInt(40)) + "\"}";
            ReplayLine l = line(kind, time, id, json);
            if (kind == ReplayLine.Kind.OUTCOME) {
                l.revision = random.nextInt(3);
                l.clientId = random.nextBoolean() ? "acme" : "initech";
                l.tier = random.nextBoolean() ? "gold" : "silver";
                l.metric = random.nextBoolean() ? "RESPONSE" : "RESOLUTION";
                l.outcome = outcomes[random.nextInt(outcomes.length)];
                l.unlistedClient = random.nextInt(10) == 0;
            }
            if (kind == ReplayLine.Kind.DEAD_LETTER) l.reason = reasons[random.nextInt(reasons.length)];
            lines.add(l);
        }
        return lines;
    }

    private Path write(List<ReplayLine> lines, Path out, long budget) throws IOException {
        Path empty = dir.resolve("events.jsonl");
        if (!Files.exists(empty)) Files.createFile(empty);
        InputScan scan =
                InputScan.of(empty, TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES, null, Duration.ofDays(366));
        try (ReplayFiles files = new ReplayFiles(out, budget)) {
            lines.forEach(files::accept);
            spilledRuns = files.spilledRuns();
            files.write(
                    Instant.parse("2026-11-20T00:00:00Z"),
                    scan,
                    "v1",
                    "events.jsonl",
                    Duration.ZERO,
                    0,
                    0,
                    EnforcerSettings.live());
        }
        return out;
    }

    /** The files as the former in-memory lists and maps wrote them (the code this replaced, kept as the reference). */
    private static Map<String, List<String>> formerly(List<ReplayLine> lines) {
        Comparator<ReplayLine> byTimeThenId =
                Comparator.<ReplayLine>comparingLong(l -> l.time).thenComparing(l -> l.id);
        Map<ReplayLine.Kind, List<ReplayLine>> lists = new HashMap<>();
        Map<String, ReplayLine> outcomes = new HashMap<>(), adherence = new HashMap<>(), tickets = new HashMap<>();
        for (ReplayLine l : lines) {
            switch (l.kind) {
                case OUTCOME -> outcomes.merge(l.id, l, (a, b) -> b.revision > a.revision ? b : a);
                case ADHERENCE -> adherence.merge(l.id, l, (a, b) -> b.time >= a.time ? b : a);
                case TICKET ->
                    tickets.merge(
                            l.id,
                            l,
                            (a, b) -> b.time < a.time || (b.time == a.time && b.json.compareTo(a.json) < 0) ? b : a);
                default -> lists.computeIfAbsent(l.kind, k -> new ArrayList<>()).add(l);
            }
        }
        Map<String, List<String>> files = new HashMap<>();
        String[] names = {"warnings.jsonl", "breaches.jsonl", "escalations.jsonl", "dead-letters.jsonl", "chains.jsonl"
        };
        ReplayLine.Kind[] kinds = {
            ReplayLine.Kind.WARNING,
            ReplayLine.Kind.BREACH,
            ReplayLine.Kind.ESCALATION,
            ReplayLine.Kind.DEAD_LETTER,
            ReplayLine.Kind.CHAIN
        };
        for (int i = 0; i < names.length; i++) {
            List<ReplayLine> list = new ArrayList<>(lists.getOrDefault(kinds[i], List.of()));
            list.sort(byTimeThenId);
            files.put(names[i], list.stream().map(l -> l.json).toList());
        }
        files.put(
                "outcomes.jsonl",
                outcomes.values().stream()
                        .sorted(Comparator.comparing(l -> l.id))
                        .map(l -> l.json)
                        .toList());
        files.put(
                "adherence.jsonl",
                adherence.values().stream()
                        .sorted(Comparator.comparing(l -> l.id))
                        .map(l -> l.json)
                        .toList());
        files.put(
                "tickets.jsonl",
                tickets.values().stream()
                        .sorted(Comparator.comparing(l -> l.id))
                        .map(l -> l.json)
                        .toList());
        return files;
    }

    @Test
    void manyRunsWriteTheSameBytesAsMemoryAndAsTheFormerListsAndMaps() throws Exception {
        List<ReplayLine> lines = lines(3_000);

        Path inMemory = write(lines, dir.resolve("memory"), Long.MAX_VALUE);
        Path runs = write(lines, dir.resolve("runs"), 300); // a line or two a run: hundreds of runs, merged in rounds
        assertThat(spilledRuns).isGreaterThan(8 * ExternalSort.MAX_FAN_IN);

        Map<String, List<String>> formerly = formerly(lines);
        for (String f : JSONL) {
            assertThat(Files.readAllLines(inMemory.resolve(f))).as(f).isEqualTo(formerly.get(f));
            assertThat(Files.readAllBytes(runs.resolve(f))).as(f).isEqualTo(Files.readAllBytes(inMemory.resolve(f)));
        }
        assertThat(Files.readAllBytes(runs.resolve("summary.json")))
                .isEqualTo(Files.readAllBytes(inMemory.resolve("summary.json")));
        String summary = Files.readString(inMemory.resolve("summary.json"));
        assertThat(summary)
                .contains(
                        "\"ticketTargets\" : " + formerly.get("outcomes.jsonl").size())
                .contains("\"warnings\" : " + formerly.get("warnings.jsonl").size())
                .contains("\"deadLetters\" : "
                        + formerly.get("dead-letters.jsonl").size());
        assertThat(runs.resolve(ReplayFiles.WORK_DIR)).as("the runs are gone").doesNotExist();
    }

    @Test
    void theSummaryCountsDeadLettersByReasonAndTheAdherenceOfTheFinalOutcomesOnly() throws Exception {
        ReplayLine late = line(ReplayLine.Kind.DEAD_LETTER, 3, "d1", "{\"d\":1}");
        late.reason = "LATE";
        ReplayLine malformed = line(ReplayLine.Kind.DEAD_LETTER, 1, "d2", "{\"d\":2}");
        malformed.reason = "MALFORMED_JSON";
        List<ReplayLine> lines = List.of(
                late,
                malformed,
                outcome("T1/RESPONSE", 1, "PENDING", "{\"o\":1}"),
                outcome("T1/RESPONSE", 2, "BREACHED", "{\"o\":2}"),
                outcome("T2/RESPONSE", 1, "MET", "{\"o\":3}"));

        for (long budget : new long[] {Long.MAX_VALUE, 1}) {
            JsonNode summary = new ObjectMapper()
                    .readTree(write(lines, dir.resolve("b" + budget), budget)
                            .resolve("summary.json")
                            .toFile());
            assertThat(summary.get("deadLetters").asLong())
                    .as("budget " + budget)
                    .isEqualTo(2);
            assertThat(summary.get("deadLettersByReason").toString()).isEqualTo("{\"LATE\":1,\"MALFORMED_JSON\":1}");
            assertThat(summary.get("enforcerDeadLetters").asLong()).isEqualTo(1);
            assertThat(summary.get("rejectedLines").asLong()).isEqualTo(1);
            assertThat(summary.get("ticketTargets").asLong()).isEqualTo(2);
            assertThat(summary.get("overall").get("met").asLong()).isEqualTo(1);
            assertThat(summary.get("overall").get("breached").asLong())
                    .as("revision 2, not the PENDING of revision 1")
                    .isEqualTo(1);
            assertThat(summary.get("overall").get("pending").asLong()).isZero();
        }
    }

    @Test
    void perIdTiesArePickedAsTheFormerMapsPickedThemWhateverTheRuns() throws Exception {
        List<ReplayLine> lines = List.of(
                // outcomes: the highest revision; of two at revision 3, the first to arrive
                outcome("A", 1, "PENDING", "{\"A\":\"r1\"}"), outcome("A", 3, "MET", "{\"A\":\"r3 first\"}"),
                outcome("A", 3, "BREACHED", "{\"A\":\"r3 second\"}"), outcome("A", 2, "MET", "{\"A\":\"r2\"}"),
                // adherence: the latest time; of two at time 7, the last to arrive
                line(ReplayLine.Kind.ADHERENCE, 5, "B", "{\"B\":\"t5\"}"),
                        line(ReplayLine.Kind.ADHERENCE, 7, "B", "{\"B\":\"t7 first\"}"),
                line(ReplayLine.Kind.ADHERENCE, 7, "B", "{\"B\":\"t7 second\"}"),
                        line(ReplayLine.Kind.ADHERENCE, 6, "B", "{\"B\":\"t6\"}"),
                // tickets: the earliest time, then the smallest JSON
                line(ReplayLine.Kind.TICKET, 9, "C", "{\"C\":\"a t9\"}"),
                        line(ReplayLine.Kind.TICKET, 5, "C", "{\"C\":\"b t5\"}"),
                line(ReplayLine.Kind.TICKET, 5, "C", "{\"C\":\"a t5\"}"),
                        line(ReplayLine.Kind.TICKET, 5, "C", "{\"C\":\"c t5\"}"),
                // alerts at the same time and id: as they arrived
                line(ReplayLine.Kind.BREACH, 4, "X", "{\"X\":1}"), line(ReplayLine.Kind.BREACH, 2, "Y", "{\"Y\":2}"),
                line(ReplayLine.Kind.BREACH, 4, "X", "{\"X\":3}"), line(ReplayLine.Kind.BREACH, 4, "W", "{\"W\":4}"));

        for (long budget : new long[] {Long.MAX_VALUE, 1, 400}) {
            Path out = write(lines, dir.resolve("b" + budget), budget);
            assertThat(Files.readAllLines(out.resolve("outcomes.jsonl")))
                    .as("budget " + budget)
                    .containsExactly("{\"A\":\"r3 first\"}");
            assertThat(Files.readAllLines(out.resolve("adherence.jsonl")))
                    .as("budget " + budget)
                    .containsExactly("{\"B\":\"t7 second\"}");
            assertThat(Files.readAllLines(out.resolve("tickets.jsonl")))
                    .as("budget " + budget)
                    .containsExactly("{\"C\":\"a t5\"}");
            assertThat(Files.readAllLines(out.resolve("breaches.jsonl")))
                    .as("budget " + budget)
                    .containsExactly("{\"Y\":2}", "{\"W\":4}", "{\"X\":1}", "{\"X\":3}");
        }
        assertThat(Files.readAllLines(dir.resolve("b" + Long.MAX_VALUE).resolve("outcomes.jsonl")))
                .isEqualTo(formerly(lines).get("outcomes.jsonl"));
        assertThat(formerly(lines).get("adherence.jsonl")).containsExactly("{\"B\":\"t7 second\"}");
        assertThat(formerly(lines).get("tickets.jsonl")).containsExactly("{\"C\":\"a t5\"}");
    }

    @Test
    void theRunsAreRemovedWhenWritingFails() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("outcomes.jsonl")); // a folder where a file must go: writing it fails
        Path empty = Files.createFile(dir.resolve("events.jsonl"));
        InputScan scan =
                InputScan.of(empty, TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES, null, Duration.ofDays(366));

        try (ReplayFiles files = new ReplayFiles(out, 1)) {
            lines(500).forEach(files::accept);
            assertThat(out.resolve(ReplayFiles.WORK_DIR)).isNotEmptyDirectory();
            assertThatThrownBy(() -> files.write(
                            Instant.EPOCH, scan, "v1", "events.jsonl", Duration.ZERO, 0, 0, EnforcerSettings.live()))
                    .isInstanceOf(IOException.class);
        }
        assertThat(out.resolve(ReplayFiles.WORK_DIR)).doesNotExist();
    }

    @Test
    void linesThatFitAreAssembledInMemoryWithoutTouchingTheDisk() throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Path empty = Files.createFile(dir.resolve("events.jsonl"));
        InputScan scan =
                InputScan.of(empty, TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES, null, Duration.ofDays(366));
        try (ReplayFiles files = new ReplayFiles(out, Long.MAX_VALUE)) {
            lines(500).forEach(files::accept);
            assertThat(out.resolve(ReplayFiles.WORK_DIR)).doesNotExist();
            files.write(Instant.EPOCH, scan, "v1", "events.jsonl", Duration.ZERO, 0, 0, EnforcerSettings.live());
            assertThat(files.spilledRuns()).isZero();
        }
        try (var written = Files.list(out)) {
            assertThat(written.map(p -> p.getFileName().toString()).sorted().toList())
                    .doesNotContain(ReplayFiles.WORK_DIR)
                    .hasSize(JSONL.size() + 1);
        }
    }
}
