package io.slaflow.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Reads only the {@code occurredAt} of a raw event, where the records are read (the Kafka source), so event time
 * can be tracked per partition before the full contract parse ({@link TicketEventDeserializer}) runs. Stops at
 * the field; anything it cannot read (malformed JSON, no or invalid {@code occurredAt}) is {@link #UNKNOWN}: such a
 * record does not move event time, and the parse later makes it a dead letter with the precise reason.
 */
public final class EventTimeScan {
    public static final long UNKNOWN = Long.MIN_VALUE;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private EventTimeScan() {}

    public static long occurredAt(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return UNKNOWN;
        }
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return UNKNOWN;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = ContractField.OCCURRED_AT.jsonName().equals(p.currentName());
                JsonToken value = p.nextToken();
                if (wanted) {
                    if (value != JsonToken.VALUE_STRING) {
                        return UNKNOWN;
                    }
                    long t = OffsetTimestamp.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                    return t <= OffsetTimestamp.UNKNOWN_LOCAL_OFFSET ? UNKNOWN : t;
                }
                p.skipChildren();
            }
            return UNKNOWN;
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
