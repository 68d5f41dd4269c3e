package io.slaflow.connect.rt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A ticket as REST2's {@code GET /ticket/N} returns it (with the queue's and owner's names expanded). */
public record RtTicket(
        String number,
        String subject,
        String queue,
        String owner,
        String status,
        String priority,
        List<String> requestors,
        Map<String, String> customFields,
        Instant created,
        Instant lastUpdated) {

    static RtTicket from(JsonNode t) {
        List<String> requestors = new ArrayList<>();
        for (JsonNode r : t.path("Requestor")) requestors.add(r.path("id").asText());
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode cf : t.path("CustomFields")) {
            JsonNode values = cf.path("values");
            if (values.isArray() && !values.isEmpty())
                fields.put(cf.path("name").asText(), values.get(0).asText());
        }
        return new RtTicket(
                t.path("id").asText(),
                t.path("Subject").asText(""),
                t.path("Queue").path("Name").asText(""),
                t.path("Owner").path("id").asText("Nobody"),
                t.path("Status").asText(""),
                t.path("Priority").asText(""),
                List.copyOf(requestors),
                Map.copyOf(fields),
                instant(t, "Created"),
                instant(t, "LastUpdated"));
    }

    private static Instant instant(JsonNode t, String field) {
        String text = t.path(field).asText("");
        return text.isEmpty() ? Instant.EPOCH : Instant.parse(text);
    }

    public boolean unowned() {
        return RtClient.NOBODY.equalsIgnoreCase(owner);
    }
}
