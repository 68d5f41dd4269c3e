package io.slaflow.jobs.imports;

import java.util.List;

/**
 * A CSV row the importer refused: where it is (1-based line of the file, counting the header), why (a reason
 * code from {@link Reason}) and the row's fields as read. Written to the rejects file, one JSON object per line.
 */
public record RowRejection(long line, Reason reason, String message, List<String> fields) {

    public enum Reason {
        /** Unterminated quoted field. */
        MALFORMED_CSV,
        /** The row does not have as many fields as the header. */
        COLUMN_COUNT,
        /** Ticket id, time or client empty. */
        MISSING_VALUE,
        /** The time column does not parse with the mapping's format (or lacks an offset and no zone is given). */
        BAD_TIME,
        /** The priority column holds a value the mapping does not map (with {@code priority.unmapped: reject}). */
        UNMAPPED_PRIORITY,
        /** The row is dated before the previous accepted row of the same ticket: the export is out of order. */
        TIME_BEFORE_PREVIOUS,
        /** The ticket was already closed: the contract treats CLOSED as final. */
        AFTER_CLOSED,
        /** An event built from the row is refused by the contract's deserializer (e.g. a value too long). */
        CONTRACT
    }
}
