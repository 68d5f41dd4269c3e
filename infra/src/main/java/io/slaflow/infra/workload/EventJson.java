package io.slaflow.infra.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes a planned event as the input contract's JSON (README, "Event contract"), UTF-8, one line. */
final class EventJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Seconds always present, 'Z' for UTC, else the offset ({@code +08:00}). */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    static ObjectNode node(PlannedEvent e) {
        Ticket t = e.ticket;
        ObjectNode n = MAPPER.createObjectNode();
        n.put("eventId", e.eventId());
        n.put("ticketId", t.id());
        n.put("clientId", t.client().id());
        n.put("type", e.type);
        n.put("occurredAt", timestamp(e.at, t.client()));
        if (e.type.equals("CREATED")) {
            n.put("source", t.source());
            if (t.severity() != null) {
                n.put("severity", t.severity());
            }
            n.put("subject", t.subject());
            n.put("description", t.description());
        }
        if (e.priority != null) {
            n.put("priority", e.priority);
        }
        if (e.status != null) {
            n.put("status", e.status);
        }
        if (e.assignee != null) {
            n.put("assignee", e.assignee);
        }
        if (e.actor != null) {
            n.put("actor", e.actor);
        }
        return n;
    }

    static byte[] bytes(ObjectNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String timestamp(long millis, WorkloadClient client) {
        Instant at = Instant.ofEpochMilli(millis);
        return TIMESTAMP.format(client.localOffsets() ? at.atZone(client.zone()) : at.atOffset(ZoneOffset.UTC));
    }

    private EventJson() {}
}
