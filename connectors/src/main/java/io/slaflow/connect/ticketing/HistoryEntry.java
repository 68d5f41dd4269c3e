package io.slaflow.connect.ticketing;

import java.time.Instant;

/**
 * One entry of a ticket's history, in neutral terms: what the write side looks at to stay idempotent (has this
 * command been applied? has a person changed the field since?).
 *
 * @param actor   user name of whoever made the change
 * @param field   for {@link Kind#FIELD_CHANGED}: the field's name (Owner, Priority, Queue, or a custom field's name)
 * @param subject for {@link Kind#COMMENT}: the comment's subject line (where SLAflow puts its marker)
 */
public record HistoryEntry(
        long id, Instant at, String actor, Kind kind, String field, String newValue, String subject) {

    public enum Kind {
        CREATED,
        FIELD_CHANGED,
        COMMENT,
        CORRESPONDENCE,
        OTHER
    }

    public boolean changes(String fieldName) {
        return kind == Kind.FIELD_CHANGED && fieldName.equalsIgnoreCase(field);
    }
}
