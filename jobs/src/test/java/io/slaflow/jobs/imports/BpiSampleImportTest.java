package io.slaflow.jobs.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.slaflow.event.EventType;
import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped BPI Challenge 2013 mapping on the first 2,000 rows of the real log (not in the repository: it is
 * looked for in {@code ../shared/datasets/bpi2013/} next to the checkout, or at {@code -Dslaflow.bpi2013=FILE}).
 */
class BpiSampleImportTest {
    static final int ROWS = 2_000;

    @TempDir
    Path dir;

    static Path shippedMapping() {
        return repoRoot().resolve("infra/mappings/bpi2013.yaml");
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("infra/mappings/bpi2013.yaml"))) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }

    static Path realLog() {
        String given = System.getProperty("slaflow.bpi2013");
        if (given != null) return Path.of(given);
        Path root = repoRoot();
        for (Path candidate : new Path[] {
            root.resolveSibling("shared/datasets/bpi2013/bpi_challenge_2013_incidents.csv.gz"),
            root.getParent() == null
                    ? null
                    : root.getParent().resolveSibling("shared/datasets/bpi2013/bpi_challenge_2013_incidents.csv.gz"),
            Path.of("/work/shared/datasets/bpi2013/bpi_challenge_2013_incidents.csv.gz")
        }) {
            if (candidate != null && Files.isReadable(candidate)) return candidate;
        }
        return null;
    }

    @Test
    void theFirstRowsOfTheRealLogGiveAValidOrderedHistory() throws Exception {
        Path log = realLog();
        assumeTrue(
                log != null,
                "BPI Challenge 2013 log not found in ../shared/datasets/bpi2013/ (not shipped with the "
                        + "repository; download it from DOI 10.4121/uuid:500573e6-accc-4b0c-9576-aa5468b10cee, or pass -Dslaflow.bpi2013=FILE): skipped");
        Path sample = dir.resolve("sample.csv");
        try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(new GZIPInputStream(Files.newInputStream(log)), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(sample)) {
            for (int i = 0; i <= ROWS; i++) { // header + rows
                String line = in.readLine();
                if (line == null) break;
                out.write(line);
                out.write('\n');
            }
        }
        Path events = dir.resolve("events.jsonl");
        CsvImport.Summary summary =
                CsvImport.withMapping(shippedMapping()).run(sample, events, dir.resolve("rejects.jsonl"), r -> {});

        assertThat(summary.rows()).isEqualTo(ROWS);
        assertThat(summary.rejected())
                .as("rejects: %s", Files.readString(dir.resolve("rejects.jsonl")))
                .isLessThan(ROWS / 100);
        assertThat(summary.tickets()).isGreaterThan(100);

        TicketEventDeserializer contract = new TicketEventDeserializer();
        Map<String, Long> lastTime = new HashMap<>();
        Set<String> ids = new HashSet<>();
        Set<String> closed = new HashSet<>();
        long previous = Long.MIN_VALUE;
        int count = 0;
        for (String line : Files.readAllLines(events)) {
            ParseResult parsed = contract.parse(line.getBytes(StandardCharsets.UTF_8));
            assertThat(parsed).as(line).isInstanceOf(ParseResult.Accepted.class);
            TicketEvent e = ((ParseResult.Accepted) parsed).event();
            count++;
            assertThat(ids.add(e.eventId)).as("unique id %s", e.eventId).isTrue();
            assertThat(e.occurredAt).as("the file is in event-time order").isGreaterThanOrEqualTo(previous);
            previous = e.occurredAt;
            if (!lastTime.containsKey(e.ticketId)) {
                assertThat(e.type)
                        .as("ticket %s starts with CREATED", e.ticketId)
                        .isEqualTo(EventType.CREATED);
            } else {
                assertThat(e.type).as("one CREATED per ticket").isNotEqualTo(EventType.CREATED);
                assertThat(e.occurredAt).isGreaterThanOrEqualTo(lastTime.get(e.ticketId));
            }
            assertThat(closed).as("nothing after CLOSED").doesNotContain(e.ticketId);
            if (e.type == EventType.CLOSED) closed.add(e.ticketId);
            lastTime.put(e.ticketId, e.occurredAt);
            assertThat(e.clientId).startsWith("volvo-");
            assertThat(e.priority == null || e.priority.matches("P[123]")).isTrue();
        }
        assertThat(count).isEqualTo(summary.events());
        assertThat(lastTime).hasSize(summary.tickets());
        assertThat(summary.eventsByType())
                .containsKeys(
                        EventType.CREATED,
                        EventType.RESPONDED,
                        EventType.RESOLVED,
                        EventType.CLOSED,
                        EventType.ASSIGNED,
                        EventType.STATUS_CHANGED);
    }
}
