package io.slaflow.jobs.imports;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks one export row on its own and maps its values: column count, encoding, the required values, the times,
 * priority and source through their maps, the status column, the first matching rule. What fails here is wrong with
 * the row whatever the rest of its ticket says; what depends on the ticket's other rows is {@link TicketLifecycle}'s.
 */
final class TicketRowParser {
    /** The contract's event times: four-digit years (TicketEventJson writes nothing else). */
    private static final long MIN_TIME = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();

    private static final long MAX_TIME =
            Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    /** A row's outcome: the row, or why it was refused. */
    record Parsed(TicketRow row, RowRejection rejection) {}

    private final ImportMapping mapping;
    private final ExportHeader header;

    TicketRowParser(ImportMapping mapping, ExportHeader header) {
        this.mapping = mapping;
        this.header = header;
    }

    Parsed parse(long line, List<String> fields) {
        if (fields.size() != header.size()) {
            return reject(
                    line,
                    RowRejection.Reason.COLUMN_COUNT,
                    "the row has " + fields.size() + " fields, the header " + header.size()
                            + (fields.size() > header.size() ? " (a delimiter inside an unquoted value?)" : ""),
                    fields);
        }
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).indexOf(ExportReader.UNDECODABLE) >= 0) {
                return reject(
                        line,
                        RowRejection.Reason.ENCODING,
                        "field " + (i + 1) + " holds bytes that are not "
                                + mapping.csv().encoding() + ": declare the export's encoding in the mapping, e.g. "
                                + "csv: {encoding: windows-1252}",
                        printable(fields));
            }
        }
        for (ImportMapping.Column c : List.of(mapping.ticketId(), mapping.occurredAt(), mapping.client())) {
            if (value(fields, c).isEmpty()) {
                return reject(line, RowRejection.Reason.MISSING_VALUE, "column '" + c.name() + "' is empty", fields);
            }
        }
        long time;
        long createdAt = TicketRow.NO_CREATION_TIME;
        try {
            time = parseTime(mapping.occurredAt(), value(fields, mapping.occurredAt()));
            if (mapping.createdAt() != null
                    && !value(fields, mapping.createdAt()).isEmpty()) {
                createdAt = parseTime(mapping.createdAt(), value(fields, mapping.createdAt()));
            }
        } catch (BadTime e) {
            return reject(line, RowRejection.Reason.BAD_TIME, e.getMessage(), fields);
        }
        String priority = null;
        if (mapping.priority() != null) {
            String raw = value(fields, mapping.priority());
            priority = raw.isEmpty() ? null : mapping.priorityMap().get(raw.toLowerCase(Locale.ROOT));
            if (!raw.isEmpty() && priority == null && mapping.rejectUnmappedPriority()) {
                return reject(
                        line,
                        RowRejection.Reason.UNMAPPED_PRIORITY,
                        "column '" + mapping.priority().name() + "': '" + raw + "' is not in priority.map ("
                                + String.join(", ", mapping.priorityMap().keySet()) + ")",
                        fields);
            }
        }
        String source = mapping.source();
        if (mapping.sourceColumn() != null) {
            String raw = value(fields, mapping.sourceColumn());
            String lower = raw.toLowerCase(Locale.ROOT);
            source = raw.isEmpty()
                    ? null
                    : mapping.sourceMap()
                            .getOrDefault(lower, ImportMapping.CONTRACT_SOURCES.contains(lower) ? lower : null);
            if (!raw.isEmpty() && source == null && mapping.rejectUnmappedSource()) {
                return reject(
                        line,
                        RowRejection.Reason.UNMAPPED_SOURCE,
                        "column '" + mapping.sourceColumn().name() + "': '" + raw
                                + "' is no contract source (email, phone, portal, chat, monitoring, api) and not in source.map",
                        fields);
            }
        }
        String status = null;
        if (mapping.status() != null) {
            String raw = value(fields, mapping.status());
            status = raw.isEmpty() ? null : mapping.statusMap().getOrDefault(raw.toLowerCase(Locale.ROOT), raw);
        }
        ImportMapping.Rule rule = null;
        for (ImportMapping.Rule r : mapping.rules()) {
            if (matches(r, fields)) {
                rule = r;
                break;
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        mapping.extra().forEach((name, column) -> {
            String v = value(fields, column);
            if (!v.isEmpty()) extra.put(name, v);
        });
        return new Parsed(
                new TicketRow(
                        line,
                        fields,
                        value(fields, mapping.ticketId()),
                        time,
                        createdAt,
                        value(fields, mapping.client()),
                        priority,
                        source,
                        status,
                        optional(fields, mapping.assignee()),
                        optional(fields, mapping.group()),
                        optional(fields, mapping.subject()),
                        optional(fields, mapping.description()),
                        rule,
                        extra),
                null);
    }

    private boolean matches(ImportMapping.Rule rule, List<String> fields) {
        for (var condition : rule.when().entrySet()) {
            if (!condition.getValue().test(value(fields, condition.getKey()))) return false;
        }
        return true;
    }

    /** The trimmed value; a null marker (or an empty field) is the empty text. */
    String value(List<String> fields, ImportMapping.Column c) {
        String v = fields.get(header.indexOf(c)).trim();
        return mapping.csv().isNull(c.name(), v) ? "" : v;
    }

    private String optional(List<String> fields, ImportMapping.Column c) {
        if (c == null) return null;
        String v = value(fields, c);
        return v.isEmpty() ? null : v;
    }

    private static final class BadTime extends Exception {
        BadTime(String message) {
            super(message, null, false, false);
        }
    }

    private long parseTime(ImportMapping.Column column, String raw) throws BadTime {
        long t;
        try {
            t = epochMillis(raw);
        } catch (DateTimeException | ArithmeticException e) {
            String expected = mapping.timeFormat() == null
                    ? (mapping.timeZone() == null
                            ? "an ISO-8601 date-time with offset, e.g. 2026-11-16T09:15:00+01:00"
                            : "an ISO-8601 date-time, e.g. 2026-11-16T09:15:00")
                    : "the mapping's time.format";
            throw new BadTime("column '" + column.name() + "': cannot read '" + raw + "' as " + expected);
        }
        if (t < MIN_TIME || t > MAX_TIME) {
            throw new BadTime("column '" + column.name() + "': '" + raw
                    + "' is outside the years 0000-9999 an event time can have");
        }
        return t;
    }

    /** ISO with an offset; with time.zone also ISO without one; or the mapping's pattern (in time.zone unless it has an offset). */
    private long epochMillis(String t) {
        if (mapping.timeFormat() == null) {
            try {
                return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant()
                        .toEpochMilli();
            } catch (DateTimeException e) {
                if (mapping.timeZone() == null) throw e;
                return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .atZone(mapping.timeZone())
                        .toInstant()
                        .toEpochMilli();
            }
        }
        TemporalAccessor parsed = mapping.timeFormat().parse(t);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return OffsetDateTime.from(parsed).toInstant().toEpochMilli();
        }
        java.time.ZoneId zone = parsed.query(java.time.temporal.TemporalQueries.zoneId());
        return LocalDateTime.from(parsed)
                .atZone(zone != null ? zone : mapping.timeZone())
                .toInstant()
                .toEpochMilli();
    }

    /** The fields as read, with undecodable bytes shown as U+FFFD again (the rejects file is for people). */
    private static List<String> printable(List<String> fields) {
        return fields.stream()
                .map(f -> f.replace(ExportReader.UNDECODABLE, '\uFFFD'))
                .toList();
    }

    private static Parsed reject(long line, RowRejection.Reason reason, String message, List<String> fields) {
        return new Parsed(null, new RowRejection(line, reason, message, List.copyOf(fields)));
    }
}
