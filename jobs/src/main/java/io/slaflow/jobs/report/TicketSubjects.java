package io.slaflow.jobs.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.slaflow.report.ReportInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A line of a replay's {@code tickets.jsonl}: {@code {"ticketId":…,"clientId":…,"subject":…}}, the subject the
 * ticketing system gave the ticket when it was created. It is what a breach row names a ticket by, so a report rebuilt
 * from the folder ({@code slaflow report}) shows the same rows as the one the replay wrote. Descriptive, not evidence:
 * the digest does not cover it. One line per ticket, by id; the outcomes already carry every other field of a ticket.
 */
public final class TicketSubjects {
    private static final JsonFactory JSON = new JsonFactory();

    private TicketSubjects() {}

    public static byte[] toJsonBytes(String ticketId, String clientId, String subject) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + subject.length());
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("ticketId", ticketId);
            g.writeStringField("clientId", clientId);
            g.writeStringField("subject", subject);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static ReportInput.TicketNote note(JsonNode n) {
        return new ReportInput.TicketNote(
                n.path("ticketId").asText(),
                n.path("clientId").asText(),
                n.path("subject").asText(null));
    }
}
