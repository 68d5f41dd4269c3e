package io.slaflow.jobs.imports;

import java.util.List;

/**
 * A CSV row the importer refused: where it is (1-based line of the file, counting the header), why (a reason
 * code from {@link Reason}) and the row's fields as read. Written to the rejects file, one JSON object per line.
 */
public record RowRejection(long line, Reason reason, String message, List<String> fields) {

    public enum Reason {
        /** Unterminated quoted field: the rest of the file cannot be read as CSV. */
        MALFORMED_CSV,
        /** The row does not have as many fields as the header. */
        COLUMN_COUNT,
        /** The row holds bytes that are not valid in the export's encoding (csv.encoding, UTF-8 by default). */
        ENCODING,
        /** Ticket id, time or client empty (or a null marker). */
        MISSING_VALUE,
        /** A time column does not parse with the mapping's format, or is outside the contract's years 0000-9999. */
        BAD_TIME,
        /** The priority column holds a value the mapping does not map (with {@code priority.unmapped: reject}). */
        UNMAPPED_PRIORITY,
        /** The source column holds a value that is no contract source and is not in {@code source.map}. */
        UNMAPPED_SOURCE,
        /** The row is dated before the ticket's creation time (from {@code columns.createdAt}): contradictory. */
        BEFORE_CREATED,
        /** The ticket was already closed: the contract treats CLOSED as final. */
        AFTER_CLOSED,
        /** An event built from the row is refused by the contract's deserializer (e.g. a value too long). */
        CONTRACT
    }
}
