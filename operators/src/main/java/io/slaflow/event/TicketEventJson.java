package io.slaflow.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a {@link TicketEvent} as contract JSON ({@code ticket-event.schema.json}), for replay files and
 * tooling: {@code parse(toJson(e))} equals {@code e}. {@code occurredAt} is written in UTC with {@code Z}
 * (the original offset is not kept: the model holds epoch milliseconds). Null optional fields are left out.
 * Extra fields follow the contract fields, sorted by name so the same event always gives the same bytes;
 * their values are written verbatim, so they must be valid JSON text, as the deserializer produces.
 */
public final class TicketEventJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: the four-digit years the contract allows. */
    static final long MIN_OCCURRED_AT = -62_167_219_200_000L;

    static final long MAX_OCCURRED_AT = 253_402_300_799_999L;

    private TicketEventJson() {}

    public static String toJson(TicketEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(event, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static byte[] toJsonBytes(TicketEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(event, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes one event object to {@code g} (which may be writing a larger document or a JSON Lines file). */
    public static void write(TicketEvent event, JsonGenerator g) throws IOException {
        requireWritable(event);
        g.writeStartObject();
        g.writeStringField("eventId", event.eventId);
        g.writeStringField("ticketId", event.ticketId);
        g.writeStringField("clientId", event.clientId);
        g.writeStringField("type", event.type.name());
        g.writeStringField("occurredAt", Instant.ofEpochMilli(event.occurredAt).toString());
        writeOptional(g, "source", event.source);
        writeOptional(g, "subject", event.subject);
        writeOptional(g, "description", event.description);
        writeOptional(g, "priority", event.priority);
        writeOptional(g, "status", event.status);
        writeOptional(g, "assignee", event.assignee);
        writeOptional(g, "actor", event.actor);
        if (event.extra != null && !event.extra.isEmpty()) {
            for (Map.Entry<String, String> extra : new TreeMap<>(event.extra).entrySet()) {
                g.writeFieldName(extra.getKey());
                g.writeRawValue(extra.getValue());
            }
        }
        g.writeEndObject();
    }

    /**
     * Refuses events that would come back as a rejection or as a different event: a document this class
     * wrote must always parse. (Other value rules, e.g. lengths, stay the deserializer's business.)
     */
    private static void requireWritable(TicketEvent e) {
        if (e.eventId == null || e.ticketId == null || e.clientId == null || e.type == null) {
            throw new IllegalArgumentException(
                    "cannot write an event without eventId, ticketId, clientId and type: " + e);
        }
        if (e.occurredAt < MIN_OCCURRED_AT || e.occurredAt > MAX_OCCURRED_AT) {
            throw new IllegalArgumentException("occurredAt " + e.occurredAt + " is outside years 0000-9999: " + e);
        }
        if (e.extra != null) {
            for (Map.Entry<String, String> extra : e.extra.entrySet()) {
                if (ContractField.byJsonName(extra.getKey()) != null) {
                    throw new IllegalArgumentException(
                            "extra field '" + extra.getKey() + "' would shadow the contract field of that name");
                }
                if (extra.getValue() == null) {
                    throw new IllegalArgumentException(
                            "extra field '" + extra.getKey() + "' has no JSON text (use \"null\" for JSON null)");
                }
            }
        }
    }

    private static void writeOptional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
