package io.slaflow.event;

/**
 * Why a record was refused (an input record, a policy version, or an output document Elasticsearch refused). The code travels with the record to {@code ticket-events-dlq}
 * ({@link DeadLetter#reason()}), so operators can count and route rejections without parsing messages.
 * The names are part of the dead-letter contract ({@code dead-letter.schema.json}): add, never rename.
 */
public enum RejectReason {
    /** No bytes, or only whitespace. */
    EMPTY,
    /** Larger than the configured limit; not parsed at all. */
    OVERSIZED,
    /** Not UTF-8: a UTF-16/32 byte pattern, or a byte sequence the parser cannot decode. */
    INVALID_UTF8,
    /** Not one well-formed JSON value: syntax error, truncation, or content after the object. */
    MALFORMED_JSON,
    /** Well-formed JSON, but the top-level value is not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent or JSON null. */
    MISSING_FIELD,
    /** A contract field holds the wrong JSON type (number, boolean, object or array for a string field). */
    WRONG_TYPE,
    /** {@code type} is a string but not one of {@link EventType} (names are case-sensitive upper case). */
    UNKNOWN_TYPE,
    /** {@code occurredAt} is not an ISO-8601 / RFC 3339 timestamp with an explicit offset. */
    BAD_TIMESTAMP,
    /** A string field is longer than its documented maximum (counted in Unicode code points). */
    FIELD_TOO_LONG,
    /** A value of the right type that the contract does not allow: empty id, unknown source, bad priority. */
    BAD_VALUE,
    /** The same top-level field name appears twice: which one wins would be parser-dependent. */
    DUPLICATE_FIELD,
    /** The event type needs a field that is absent, null or empty (ASSIGNED: assignee, ...). */
    MISSING_REQUIRED_FOR_TYPE,
    /** A valid event for a ticket with no open SLA state: never created, or closed and purged after its grace period. */
    UNKNOWN_TICKET,
    /** The event arrived later than the allowed lateness behind the watermark: the ticket's SLA was already decided. */
    LATE,
    /** A valid event the ticket's state refuses: a second CREATED, a priority the pinned policy has no tier for. */
    CONFLICT,
    /** A policy record on {@code sla-policies} that does not validate; the versions already in force stay. */
    INVALID_POLICY,
    /** Live mode: the event is dated further ahead of the job's clock than the allowed skew (it would move event time). */
    CLOCK_SKEW,
    /**
     * Replay: the event is dated far outside the time span the rest of the file covers (a typo such as year 9999 or
     * 1969); it would move the as-of time or never come due ({@code io.slaflow.ingest.EventTimeWindow}).
     */
    TIME_OUTLIER,
    /**
     * An output document Elasticsearch refused for good (a 4xx item error such as {@code mapper_parsing_exception}),
     * not for a while (429 and 5xx are retried, never dead-lettered). The original bytes are the document's bulk action
     * and source lines, ready to be fixed and sent to {@code _bulk} again ({@code io.slaflow.es.EsSinkWriter}).
     */
    ES_REJECTED;

    /**
     * True for the reasons the contract parser gives (the record itself is bad); false for those the enforcer gives
     * to a valid event its ticket's state cannot take ({@link #UNKNOWN_TICKET}, {@link #LATE}, {@link #CONFLICT}),
     * to a refused policy version ({@link #INVALID_POLICY}) and by the Elasticsearch sink to a document the index
     * refused ({@link #ES_REJECTED}).
     */
    public boolean isContractViolation() {
        return switch (this) {
            case UNKNOWN_TICKET, LATE, CONFLICT, INVALID_POLICY, CLOCK_SKEW, TIME_OUTLIER, ES_REJECTED -> false;
            default -> true;
        };
    }
}
