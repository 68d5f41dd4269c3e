package io.slaflow.jobs.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.slaflow.event.EventType;
import io.slaflow.event.TicketEvent;
import io.slaflow.event.TicketEventJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * {@code slaflow import}: a CSV export (gzip-compressed or not) through a mapping into contract events as JSON
 * Lines, plus a rejects file with every refused row (line, reason, message, fields).
 *
 * <p>Import is a batch: all rows are read first, each ticket's rows are put in time order (stable) and only then
 * turned into events ({@link TicketLifecycle}), so an export that is not sorted imports as it is. The events are
 * written sorted by event time (stable), because a replay's watermark would otherwise run ahead with the first
 * long-lived ticket and turn everything after it into late events. Rows and events are held in memory: about 1 KB
 * each, fine for millions of rows.
 *
 * <p>Nothing half-written is left behind: both files are written next to their targets and moved into place at the
 * end. An import whose rows are all (or more than {@code maxRejectPercent}) rejected writes its rejects — they say
 * why — but not its events ({@link Summary#refused()}).
 */
public final class CsvImport {

    /** What an import did. */
    public record Summary(
            long rows,
            long events,
            long noOpRows,
            long rejected,
            int tickets,
            Map<RowRejection.Reason, Long> rejectedByReason,
            Map<EventType, Long> eventsByType,
            boolean refused,
            RowRejection firstRejection,
            List<String> notes) {
        @Override
        public String toString() {
            return String.format(
                    "%,d rows -> %,d events of %,d tickets %s; %,d rows with no event; %,d rejected%s",
                    rows,
                    events,
                    tickets,
                    eventsByType,
                    noOpRows,
                    rejected,
                    rejected == 0 ? "" : " " + rejectedByReason);
        }

        public double rejectedPercent() {
            return rows == 0 ? 0 : 100.0 * rejected / rows;
        }
    }

    private final ImportMapping mapping;

    public CsvImport(ImportMapping mapping) {
        this.mapping = mapping;
    }

    public static CsvImport withMapping(Path mappingFile) throws InvalidMappingException {
        return new CsvImport(ImportMappingLoader.load(mappingFile));
    }

    /** Every row is allowed to be rejected but not all of them. */
    public Summary run(Path input, Path events, Path rejects, LongConsumer progress)
            throws IOException, InvalidMappingException, UnreadableExportException {
        return run(input, events, rejects, progress, null);
    }

    /**
     * Imports {@code input} into {@code events} and {@code rejects}; {@code progress} gets the rows read so far.
     *
     * @param maxRejectPercent refuse the import (write no events) when more than this share of rows is rejected;
     *                         null: only when every row is
     */
    public Summary run(Path input, Path events, Path rejects, LongConsumer progress, Double maxRejectPercent)
            throws IOException, InvalidMappingException, UnreadableExportException {
        Map<String, List<TicketRow>> byTicket = new LinkedHashMap<>(); // tickets in order of first appearance
        List<RowRejection> rejections = new ArrayList<>();
        long rows = 0;
        ExportHeader header;
        try (ExportReader csv = ExportReader.open(input, mapping.csv())) {
            ExportReader.Record headerRecord = csv.next();
            if (headerRecord == null || headerRecord.problem() != null) {
                throw new UnreadableExportException(
                        input + ": " + (headerRecord == null ? "the file is empty" : "the header line cannot be read")
                                + ": a header line naming the columns is expected");
            }
            header = ExportHeader.of(headerRecord.fields(), mapping, input.toString());
            TicketRowParser parser = new TicketRowParser(mapping, header);
            for (ExportReader.Record r = csv.next(); r != null; r = csv.next()) {
                rows++;
                if (rows % 10_000 == 0) {
                    progress.accept(rows);
                }
                if (r.problem() != null) {
                    rejections.add(
                            new RowRejection(r.line(), RowRejection.Reason.MALFORMED_CSV, r.problem(), r.fields()));
                    continue;
                }
                TicketRowParser.Parsed parsed = parser.parse(r.line(), r.fields());
                if (parsed.rejection() != null) {
                    rejections.add(parsed.rejection());
                } else {
                    byTicket.computeIfAbsent(parsed.row().ticketId(), k -> new ArrayList<>())
                            .add(parsed.row());
                }
            }
        }

        TicketLifecycle lifecycle = new TicketLifecycle(mapping);
        List<TicketEvent> out = new ArrayList<>();
        long noOps = 0;
        int tickets = 0;
        for (List<TicketRow> ticketRows : byTicket.values()) {
            ticketRows.sort(Comparator.comparingLong(TicketRow::time)); // List.sort is stable: same instant, file order
            TicketLifecycle.Result r = lifecycle.replay(ticketRows);
            out.addAll(r.events());
            rejections.addAll(r.rejections());
            noOps += r.noOpRows();
            if (!r.events().isEmpty()) tickets++;
        }
        rejections.sort(Comparator.comparingLong(RowRejection::line));
        out.sort(Comparator.comparingLong(e -> e.occurredAt));

        Map<RowRejection.Reason, Long> byReason = new EnumMap<>(RowRejection.Reason.class);
        rejections.forEach(r -> byReason.merge(r.reason(), 1L, Long::sum));
        Map<EventType, Long> byType = new EnumMap<>(EventType.class);
        out.forEach(e -> byType.merge(e.type, 1L, Long::sum));
        long rejected = rejections.size();
        boolean refused = rows > 0
                && (rejected == rows || (maxRejectPercent != null && 100.0 * rejected / rows > maxRejectPercent));

        writeAtomically(rejects, o -> writeRejections(o, rejections));
        if (!refused) {
            writeAtomically(events, o -> {
                for (TicketEvent e : out) {
                    o.write(TicketEventJson.toJsonBytes(e));
                    o.write('\n');
                }
            });
        }
        return new Summary(
                rows,
                refused ? 0 : out.size(),
                noOps,
                rejected,
                tickets,
                byReason,
                byType,
                refused,
                rejections.isEmpty() ? null : rejections.get(0),
                header.notes());
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Written beside the target and moved into place: a failure leaves neither a half file nor the temporary one. */
    private static void writeAtomically(Path target, Content content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, "." + target.getFileName(), ".partial");
        try {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                content.writeTo(o);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void writeRejections(OutputStream out, List<RowRejection> rejections) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            g.setRootValueSeparator(null);
            for (RowRejection r : rejections) {
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
                out.write('\n');
            }
        }
    }
}
