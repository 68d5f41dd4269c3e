package io.slaflow.infra.workload;

/**
 * One line of the workload: the bytes of one JSON Lines record (no line terminator).
 *
 * @param json             the record's bytes; UTF-8 JSON unless {@code malformed}
 * @param occurredAtMillis event time (for a malformed record: that of the event it was derived from)
 * @param ticketId         the ticket it belongs to
 * @param malformed        true when the record deliberately breaks the input contract
 */
public record GeneratedRecord(byte[] json, long occurredAtMillis, String ticketId, boolean malformed) {}
