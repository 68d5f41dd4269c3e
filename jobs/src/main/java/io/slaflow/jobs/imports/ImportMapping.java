package io.slaflow.jobs.imports;

import io.slaflow.event.EventType;
import java.nio.charset.Charset;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked column mapping from a ticket-history CSV export to the event contract (see
 * {@code infra/mappings/README.md} for the file format). Built by {@link ImportMappingLoader}; every column it
 * names is a {@link Column} that remembers where the mapping file named it, so a column missing from the CSV
 * header is reported at that place.
 *
 * @param createdAt    the column holding each ticket's creation time (null: the ticket's first row's time)
 * @param status       the column holding the ticket's status (null: only rules and {@code activeStatus} set it)
 * @param sourceColumn the column holding the contract source (null: {@code source}, a constant, or none)
 * @param subject      the column of the ticket's subject, carried by CREATED for keyword classification (null: none)
 */
record ImportMapping(
        String source,
        Csv csv,
        Column ticketId,
        Column occurredAt,
        Column createdAt,
        DateTimeFormatter timeFormat,
        ZoneId timeZone,
        Column client,
        boolean clientSlug,
        String clientPrefix,
        Map<String, String> clientMap,
        Column priority,
        Map<String, String> priorityMap,
        boolean rejectUnmappedPriority,
        Column sourceColumn,
        Map<String, String> sourceMap,
        boolean rejectUnmappedSource,
        Column status,
        Map<String, String> statusMap,
        Column assignee,
        Column group,
        Column subject,
        Column description,
        String activeStatus,
        List<Rule> rules,
        boolean reopenAfterResolved,
        boolean closeOnLastRowOnly,
        Map<String, Column> extra,
        String eventIdPrefix) {

    /** The contract's sources; a column value that is one of them (ignoring case) needs no {@code source.map} entry. */
    static final Set<String> CONTRACT_SOURCES = Set.of("email", "phone", "portal", "chat", "monitoring", "api");

    /**
     * How the file is read: delimiter and quote, its character encoding, and the values that mean "no value" —
     * in every column ({@code nulls}; an empty field always is one) and in single columns ({@code columnNulls}).
     */
    record Csv(char delimiter, char quote, Charset encoding, Set<String> nulls, Map<String, Set<String>> columnNulls) {
        boolean isNull(String column, String trimmedValue) {
            if (trimmedValue.isEmpty() || nulls.contains(trimmedValue)) return true;
            Set<String> own = columnNulls.get(column);
            return own != null && own.contains(trimmedValue);
        }
    }

    /** A CSV column named by the mapping, with the place ({@code FILE:LINE:COLUMN: field}) that names it. */
    record Column(String name, String namedAt) {}

    /**
     * An ordered event rule: when every listed column passes its {@link ValueTest}, the row may emit {@code emit}
     * (RESPONDED, RESOLVED or CLOSED; null: none) and puts the ticket in {@code status} (null: the status column's,
     * else the mapping's active status).
     */
    record Rule(String name, Map<Column, ValueTest> when, EventType emit, String status) {}

    /** Every column the mapping reads, for the header check. */
    List<Column> columns() {
        List<Column> out = new ArrayList<>(List.of(ticketId, occurredAt, client));
        for (Column c :
                new Column[] {createdAt, priority, sourceColumn, status, assignee, group, subject, description}) {
            if (c != null) out.add(c);
        }
        for (Rule r : rules) out.addAll(r.when().keySet());
        out.addAll(extra.values());
        return out;
    }
}
