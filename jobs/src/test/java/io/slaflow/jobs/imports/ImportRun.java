package io.slaflow.jobs.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slaflow.event.ParseResult;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventDeserializer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One import in a test folder, its events read back through the contract's own deserializer. */
record ImportRun(CsvImport.Summary summary, List<TicketEvent> events, List<JsonNode> rejects, Path eventsFile) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ImportRun of(Path dir, String mapping, byte[] csv, String name, Double maxRejectPercent) throws Exception {
        Path mappingFile = Files.writeString(dir.resolve("mapping.yaml"), mapping);
        Path input = Files.write(dir.resolve(name), csv);
        return of(mappingFile, input, dir, maxRejectPercent);
    }

    static ImportRun of(Path mappingFile, Path input, Path dir, Double maxRejectPercent) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path rejects = dir.resolve("rejects.jsonl");
        CsvImport.Summary summary =
                CsvImport.withMapping(mappingFile).run(input, events, rejects, rows -> {}, maxRejectPercent);
        TicketEventDeserializer contract = new TicketEventDeserializer();
        List<TicketEvent> parsed = new ArrayList<>();
        if (Files.exists(events)) {
            for (String line : Files.readAllLines(events)) {
                ParseResult r = contract.parse(line.getBytes(StandardCharsets.UTF_8));
                assertThat(r).as(line).isInstanceOf(ParseResult.Accepted.class);
                parsed.add(((ParseResult.Accepted) r).event());
            }
        }
        List<JsonNode> rejected = new ArrayList<>();
        for (String line : Files.readAllLines(rejects)) {
            rejected.add(JSON.readTree(line));
        }
        return new ImportRun(summary, parsed, rejected, events);
    }

    List<String> rejectLines() {
        return rejects.stream()
                .map(r -> r.get("line").asLong() + " " + r.get("reason").asText())
                .toList();
    }

    List<TicketEvent> of(String ticketId) {
        return events.stream().filter(e -> e.ticketId.equals(ticketId)).toList();
    }
}
