package io.slaflow.jobs.imports;

import io.slaflow.event.EventType;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A checked column mapping from a ticket-history CSV export to the event contract (see
 * {@code infra/mappings/README.md} for the file format). Built by {@link ImportMappingLoader}; every column it
 * names is a {@link Column} that remembers where the mapping file named it, so a column missing from the CSV
 * header is reported at that place.
 */
record ImportMapping(
        String source,
        char delimiter,
        char quote,
        Column ticketId,
        Column occurredAt,
        DateTimeFormatter timeFormat,
        ZoneId timeZone,
        Column client,
        boolean clientSlug,
        String clientPrefix,
        Map<String, String> clientMap,
        Column priority,
        Map<String, String> priorityMap,
        boolean rejectUnmappedPriority,
        Column assignee,
        Column group,
        String activeStatus,
        List<Rule> rules,
        boolean reopenAfterResolved,
        boolean closeOnLastRowOnly,
        Map<String, Column> extra,
        String eventIdPrefix) {

    /** A CSV column named by the mapping, with the place ({@code FILE:LINE:COLUMN: field}) that names it. */
    record Column(String name, String namedAt) {}

    /**
     * An ordered event rule: when every listed column holds one of the listed values (trimmed, ignoring case),
     * the row may emit {@code emit} (RESPONDED, RESOLVED or CLOSED; null: none) and puts the ticket in
     * {@code status} (null: the mapping's active status).
     */
    record Rule(String name, Map<Column, Set<String>> when, EventType emit, String status) {
        boolean matches(Map<String, Integer> header, List<String> fields) {
            for (Map.Entry<Column, Set<String>> condition : when.entrySet()) {
                String value = fields.get(header.get(condition.getKey().name())).trim().toLowerCase(Locale.ROOT);
                if (!condition.getValue().contains(value)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Every column the mapping reads, for the header check. */
    List<Column> columns() {
        java.util.ArrayList<Column> out = new java.util.ArrayList<>(List.of(ticketId, occurredAt, client));
        if (priority != null) out.add(priority);
        if (assignee != null) out.add(assignee);
        if (group != null) out.add(group);
        for (Rule r : rules) out.addAll(r.when().keySet());
        out.addAll(extra.values());
        return out;
    }
}
