package io.slaflow.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.slaflow.event.TicketEventDeserializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded-memory sort a replay runs on a file out of order (issue 25). */
class EventTimeSorterTest {
    private static final int MAX = TicketEventDeserializer.DEFAULT_MAX_PAYLOAD_BYTES;
    private static final Instant T0 = Instant.parse("2026-11-16T00:00:00Z");

    @TempDir
    Path dir;

    private static String event(int id, String ticket, long minutes) {
        return "{\"eventId\":\"e" + id + "\",\"ticketId\":\"" + ticket
                + "\",\"clientId\":\"acme\",\"type\":\"CREATED\"," + "\"occurredAt\":\""
                + T0.plus(Duration.ofMinutes(minutes)) + "\",\"source\":\"email\",\"subject\":\"s\"}";
    }

    private Path file(String name, List<byte[]> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.write(l);
            out.write('\n');
        }
        Path f = dir.resolve(name);
        Files.write(f, out.toByteArray());
        return f;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> folder(Path p) throws IOException {
        try (var s = Files.list(p)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFileLargerThanTheBudgetIsSortedInSeveralRunsAndOnlyTheSortedFileIsLeft() throws Exception {
        Random random = new Random(25);
        List<byte[]> lines = new ArrayList<>();
        for (int i = 1; i <= 500; i++) lines.add(utf8(event(i, "T" + i, random.nextInt(10_000))));
        Path input = file("events.jsonl", lines);
        Path work = dir.resolve(".sort");

        // ~1.5 KB of lines per run: ~100 runs, more than one merge round (MAX_FAN_IN)
        EventTimeSorter.Sorted sorted = new EventTimeSorter(1_500, MAX).sort(input, work);

        assertThat(sorted.runs()).isGreaterThan(EventTimeSorter.MAX_FAN_IN);
        assertThat(sorted.lines()).isEqualTo(500);
        assertThat(folder(work)).containsExactly(EventTimeSorter.SORTED_FILE);
        List<SortedRunFile.Entry> out = SortedRunFile.readAll(sorted.file());
        assertThat(out).hasSize(500).isSorted();
        for (SortedRunFile.Entry e : out) {
            assertThat(e.bytes()).as("line " + e.lineNumber()).isEqualTo(lines.get((int) e.lineNumber() - 1));
        }
        // the same order as an in-memory sort of the whole file
        List<SortedRunFile.Entry> oneRun = SortedRunFile.readAll(new EventTimeSorter(Long.MAX_VALUE, MAX)
                .sort(input, dir.resolve("one"))
                .file());
        assertThat(out)
                .extracting(SortedRunFile.Entry::lineNumber)
                .isEqualTo(oneRun.stream().map(SortedRunFile.Entry::lineNumber).toList());
    }

    @Test
    void linesAtTheSameTimeKeepFileOrder() throws Exception {
        List<byte[]> lines = new ArrayList<>();
        for (int i = 1; i <= 60; i++)
            lines.add(utf8(event(i, "T" + i, (61 - i) / 20 * 60))); // three times, 20 lines each
        Path input = file("ties.jsonl", lines);

        List<SortedRunFile.Entry> out = SortedRunFile.readAll(
                new EventTimeSorter(700, MAX).sort(input, dir.resolve("w")).file());

        List<Long> expected = new ArrayList<>();
        for (long l = 42; l <= 60; l++) expected.add(l); // 00:00 (the 19 lines (61 - i) / 20 == 0)
        for (long l = 22; l <= 41; l++) expected.add(l); // 01:00
        for (long l = 2; l <= 21; l++) expected.add(l); // 02:00
        expected.add(1L); // 03:00
        assertThat(out).extracting(SortedRunFile.Entry::lineNumber).containsExactlyElementsOf(expected);
    }

    @Test
    void linesWithoutAReadableTimeGoFirstInFileOrderWithTheirBytesAndNumbers() throws Exception {
        byte[] notUtf8 = {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        byte[] crlf = utf8(event(3, "T3", 5) + "\r");
        List<byte[]> lines = List.of(
                utf8(event(1, "T1", 30)),
                utf8("{\"eventId\": "),
                crlf,
                utf8("   "),
                notUtf8,
                utf8(event(6, "T6", 10)),
                utf8("{\"eventId\":\"e7\",\"ticketId\":\"T7\",\"type\":\"CREATED\"}"));
        Path input = file("bad.jsonl", lines);

        List<SortedRunFile.Entry> out = SortedRunFile.readAll(
                new EventTimeSorter(200, MAX).sort(input, dir.resolve("w")).file());

        assertThat(out)
                .extracting(SortedRunFile.Entry::lineNumber)
                .containsExactly(2L, 5L, 7L, 3L, 6L, 1L); // blank line 4 left out
        assertThat(out.get(0).bytes()).isEqualTo(lines.get(1));
        assertThat(out.get(1).bytes()).isEqualTo(notUtf8);
        assertThat(out.get(3).bytes())
                .as("the CR cut, as the job's reader cuts it")
                .isEqualTo(utf8(event(3, "T3", 5)));
        assertThat(out.subList(0, 3)).allSatisfy(e -> assertThat(e.eventTime()).isEqualTo(Long.MIN_VALUE));
    }

    @Test
    void anEmptyFileSortsToAnEmptyOne() throws Exception {
        Path input = file("empty.jsonl", List.of());

        EventTimeSorter.Sorted sorted = new EventTimeSorter(100, MAX).sort(input, dir.resolve("w"));

        assertThat(sorted.lines()).isZero();
        assertThat(SortedRunFile.readAll(sorted.file())).isEmpty();
        assertThat(folder(dir.resolve("w"))).containsExactly(EventTimeSorter.SORTED_FILE);
    }

    @Test
    void onlyAFileFurtherOutOfOrderThanTheOutOfOrdernessIsSorted() throws Exception {
        List<byte[]> ordered = new ArrayList<>();
        for (int i = 1; i <= 10; i++) ordered.add(utf8(event(i, "T" + i, i)));
        ordered.add(3, utf8("not json")); // no time: no disorder either
        List<byte[]> swapped = new ArrayList<>(ordered);
        swapped.add(0, swapped.remove(5)); // e5 (00:05) first: four minutes out of order
        InputScan inOrder = InputScan.of(file("ordered.jsonl", ordered), MAX, null, Duration.ofDays(366));
        InputScan fourMinutes = InputScan.of(file("swapped.jsonl", swapped), MAX, null, Duration.ofDays(366));

        assertThat(EventTimeSorter.needed(inOrder, Duration.ZERO)).isFalse();
        assertThat(EventTimeSorter.needed(fourMinutes, Duration.ofMinutes(4))).isFalse();
        assertThat(EventTimeSorter.needed(fourMinutes, Duration.ofMinutes(4).minusMillis(1)))
                .isTrue();
    }
}
