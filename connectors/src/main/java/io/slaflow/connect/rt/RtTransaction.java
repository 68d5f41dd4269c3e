package io.slaflow.connect.rt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One RT transaction as REST2's transaction search returns it (the fields we ask for). {@code objectType} is
 * {@code RT::Ticket} for ticket changes; RT also records transactions on users, groups and queues, which we skip but
 * still step over with the cursor.
 *
 * @param data for comments and correspondence: the subject line
 */
public record RtTransaction(
        long id,
        String type,
        String field,
        String oldValue,
        String newValue,
        Instant created,
        String creator,
        String objectType,
        String objectId,
        String data) {

    static RtTransaction from(JsonNode t) {
        return new RtTransaction(
                t.path("id").asLong(),
                text(t, "Type"),
                text(t, "Field"),
                text(t, "OldValue"),
                text(t, "NewValue"),
                Instant.parse(t.path("Created").asText()),
                t.path("Creator").path("id").asText(""),
                text(t, "ObjectType"),
                text(t, "ObjectId"),
                text(t, "Data"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    public boolean onTicket() {
        return "RT::Ticket".equals(objectType);
    }
}
