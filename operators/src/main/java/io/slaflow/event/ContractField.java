package io.slaflow.event;

/**
 * The fields the input contract names, with their limits. Everything else in an event is an extra field,
 * kept verbatim in {@link TicketEvent#extra}. Keep in step with {@code ticket-event.schema.json}
 * ({@code TicketEventSchemaTest} checks the limits agree).
 *
 * <p>Limits are in Unicode code points, as JSON Schema's {@code maxLength} counts them. They are generous
 * for real ticketing systems and keep one event well below the 64 KiB default payload limit, so state
 * holding events stays bounded.
 */
public enum ContractField {
    EVENT_ID("eventId", 256),
    TICKET_ID("ticketId", 256),
    CLIENT_ID("clientId", 256),
    TYPE("type", 0),
    OCCURRED_AT("occurredAt", 0),
    SOURCE("source", 0),
    SUBJECT("subject", 1024),
    DESCRIPTION("description", 32_768),
    PRIORITY("priority", 0),
    STATUS("status", 128),
    ASSIGNEE("assignee", 256),
    ACTOR("actor", 256);

    private final String jsonName;
    private final int maxLength;

    ContractField(String jsonName, int maxLength) {
        this.jsonName = jsonName;
        this.maxLength = maxLength;
    }

    /** The property name in the JSON contract. */
    public String jsonName() {
        return jsonName;
    }

    /** Maximum length in code points; 0 when the value is an enum or pattern that bounds it already. */
    public int maxLength() {
        return maxLength;
    }

    /** The contract field with this exact (case-sensitive) JSON name, or {@code null} for an extra field. */
    public static ContractField byJsonName(String name) {
        // A string switch hashes once; names from Jackson are canonicalized, so their hash is cached.
        switch (name) {
            case "eventId":
                return EVENT_ID;
            case "ticketId":
                return TICKET_ID;
            case "clientId":
                return CLIENT_ID;
            case "type":
                return TYPE;
            case "occurredAt":
                return OCCURRED_AT;
            case "source":
                return SOURCE;
            case "subject":
                return SUBJECT;
            case "description":
                return DESCRIPTION;
            case "priority":
                return PRIORITY;
            case "status":
                return STATUS;
            case "assignee":
                return ASSIGNEE;
            case "actor":
                return ACTOR;
            default:
                return null;
        }
    }
}
