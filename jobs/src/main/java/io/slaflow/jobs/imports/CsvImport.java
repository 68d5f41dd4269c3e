package io.slaflow.jobs.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventJson;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;

/**
 * {@code slaflow import}: a CSV export (gzip when the name ends in {@code .gz}) through a mapping into contract
 * events as JSON Lines, plus a rejects file with every refused row (line, reason, message, fields).
 *
 * <p>The events are written sorted by event time (stable: a row's events, and rows of the same instant, keep
 * file order). Exports are usually grouped by ticket, and a replay's watermark would otherwise run ahead with
 * the first long-lived ticket and turn everything after it into late events. Sorting holds the events in memory:
 * about 1 KB per event, fine for millions of rows.
 */
public final class CsvImport {

    /** What an import did. */
    public record Summary(long rows, long events, long noOpRows, long rejected, int tickets,
                          Map<RowRejection.Reason, Long> rejectedByReason, Map<EventType, Long> eventsByType) {
        @Override
        public String toString() {
            return rows + " rows -> " + events + " events of " + tickets + " tickets " + eventsByType
                    + "; " + noOpRows + " rows with no event; " + rejected + " rejected" + (rejected == 0 ? "" : " " + rejectedByReason);
        }
    }

    private final ImportMapping mapping;

    public CsvImport(ImportMapping mapping) {
        this.mapping = mapping;
    }

    public static CsvImport withMapping(Path mappingFile) throws InvalidMappingException {
        return new CsvImport(ImportMappingLoader.load(mappingFile));
    }

    /** Imports {@code input} into {@code events} and {@code rejects}; {@code progress} gets the rows read so far. */
    public Summary run(Path input, Path events, Path rejects, LongConsumer progress) throws IOException, InvalidMappingException {
        Map<String, Long> lastLines = mapping.closeOnLastRowOnly() ? lastLineOfEachTicket(input) : Map.of();
        try (CsvReader csv = open(input)) {
            return run(csv, input.toString(), events, rejects, progress, lastLines);
        }
    }

    private CsvReader open(Path input) throws IOException {
        InputStream raw = Files.newInputStream(input);
        InputStream in = input.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new CsvReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16),
                mapping.delimiter(), mapping.quote());
    }

    /** A first pass for {@code closeOnLastRowOnly}: the line of each ticket's last well-formed row. */
    private Map<String, Long> lastLineOfEachTicket(Path input) throws IOException, InvalidMappingException {
        Map<String, Long> last = new HashMap<>();
        try (CsvReader csv = open(input)) {
            CsvReader.Record headerRecord = csv.next();
            if (headerRecord == null) {
                return last;
            }
            Map<String, Integer> header = header(headerRecord.fields(), input.toString());
            int column = header.get(mapping.ticketId().name());
            for (CsvReader.Record r = csv.next(); r != null; r = csv.next()) {
                if (r.problem() == null && r.fields().size() == header.size()) {
                    last.put(r.fields().get(column).trim(), r.line());
                }
            }
        }
        return last;
    }

    private Summary run(CsvReader csv, String inputName, Path eventsFile, Path rejectsFile, LongConsumer progress,
                        Map<String, Long> lastLines)
            throws IOException, InvalidMappingException {
        CsvReader.Record headerRecord = csv.next();
        if (headerRecord == null) {
            throw new InvalidMappingException(List.of(inputName + ": the file is empty: a header line naming the columns is expected"));
        }
        Map<String, Integer> header = header(headerRecord.fields(), inputName);
        TicketRowMapper mapper = new TicketRowMapper(mapping, header, lastLines);

        List<TicketEvent> events = new ArrayList<>();
        Map<RowRejection.Reason, Long> byReason = new EnumMap<>(RowRejection.Reason.class);
        long rows = 0;
        long noOp = 0;
        long rejected = 0;
        createParent(rejectsFile);
        JsonFactory json = new JsonFactory();
        try (Writer rejectsOut = Files.newBufferedWriter(rejectsFile, StandardCharsets.UTF_8);
             JsonGenerator rejectJson = json.createGenerator(rejectsOut)) {
            rejectJson.setRootValueSeparator(null);
            for (CsvReader.Record r = csv.next(); r != null; r = csv.next()) {
                rows++;
                if (rows % 10_000 == 0) {
                    progress.accept(rows);
                }
                TicketRowMapper.Result result = r.problem() != null
                        ? new TicketRowMapper.Result(List.of(), new RowRejection(r.line(), RowRejection.Reason.MALFORMED_CSV, r.problem(), r.fields()))
                        : mapper.map(r.line(), r.fields());
                if (result.rejection() != null) {
                    rejected++;
                    byReason.merge(result.rejection().reason(), 1L, Long::sum);
                    writeRejection(rejectJson, result.rejection());
                    rejectsOut.write('\n');
                } else if (result.events().isEmpty()) {
                    noOp++;
                } else {
                    events.addAll(result.events());
                }
            }
        }
        events.sort(Comparator.comparingLong(e -> e.occurredAt)); // List.sort is stable
        Map<EventType, Long> byType = new EnumMap<>(EventType.class);
        createParent(eventsFile);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(eventsFile), 1 << 16)) {
            for (TicketEvent e : events) {
                out.write(TicketEventJson.toJsonBytes(e));
                out.write('\n');
                byType.merge(e.type, 1L, Long::sum);
            }
        }
        return new Summary(rows, events.size(), noOp, rejected, mapper.ticketCount(), byReason, byType);
    }

    private Map<String, Integer> header(List<String> names, String inputName) throws InvalidMappingException {
        Map<String, Integer> header = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).trim();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1); // a UTF-8 byte order mark from spreadsheet exports
            }
            header.putIfAbsent(name, i);
        }
        List<String> problems = new ArrayList<>();
        for (ImportMapping.Column c : mapping.columns()) {
            if (!header.containsKey(c.name())) {
                problems.add(c.namedAt() + ": column '" + c.name() + "' is not in the header of " + inputName
                        + " (columns: " + String.join(", ", names) + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidMappingException(problems.stream().distinct().toList());
        }
        return header;
    }

    private static void writeRejection(JsonGenerator g, RowRejection r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("line", r.line());
        g.writeStringField("reason", r.reason().name());
        g.writeStringField("message", r.message());
        g.writeArrayFieldStart("fields");
        for (String f : r.fields()) {
            g.writeString(f);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
