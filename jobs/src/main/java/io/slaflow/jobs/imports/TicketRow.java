package io.slaflow.jobs.imports;

import java.util.List;
import java.util.Map;

/**
 * One export row, read and checked on its own (before it is put in its ticket's time order): the values the
 * lifecycle needs, already mapped, and the fields as read for the events' extra columns and a rejection.
 *
 * @param createdAt the creation time from {@code columns.createdAt}, or {@link #NO_CREATION_TIME}
 * @param priority  the mapped tier id, or null
 * @param status    the status from {@code columns.status} (mapped), or null
 * @param rule      the first rule that matches the row, or null
 * @param extra     the mapping's extra fields that have a value (a null marker or an empty field gives none)
 */
record TicketRow(
        long line,
        List<String> fields,
        String ticketId,
        long time,
        long createdAt,
        String rawClient,
        String priority,
        String source,
        String status,
        String assignee,
        String group,
        String subject,
        String description,
        ImportMapping.Rule rule,
        Map<String, String> extra) {
    static final long NO_CREATION_TIME = Long.MIN_VALUE;
}
