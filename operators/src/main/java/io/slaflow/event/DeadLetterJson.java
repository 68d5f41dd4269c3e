package io.slaflow.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The JSON form of a {@link DeadLetter} ({@code schemas/dead-letter.schema.json}). {@code field} and
 * {@code originalText} are always written (possibly null) so consumers see one shape; {@code source} and
 * {@code recordTime} only when known, and inside {@code source} only the coordinates that apply.
 */
public final class DeadLetterJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeadLetterJson() {}

    public static byte[] toJsonBytes(DeadLetter d) {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(256 + d.originalBase64().length() * 2);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("id", d.id());
            g.writeStringField("reason", d.reason().name());
            g.writeStringField("message", d.message());
            g.writeStringField("field", d.field());
            g.writeStringField("rejectedAt", d.rejectedAt().toString());
            if (d.recordTime() != null)
                g.writeStringField("recordTime", d.recordTime().toString());
            g.writeStringField("originalBase64", d.originalBase64());
            g.writeStringField("originalText", d.originalText());
            if (d.source() != null) {
                g.writeObjectFieldStart("source");
                writeIfPresent(g, "topic", d.source().topic());
                writeIfPresent(g, "partition", d.source().partition());
                writeIfPresent(g, "offset", d.source().offset());
                writeIfPresent(g, "file", d.source().file());
                writeIfPresent(g, "line", d.source().line());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String toJson(DeadLetter d) {
        return new String(toJsonBytes(d), StandardCharsets.UTF_8);
    }

    /** Reads a dead letter back (tools that inspect or replay the DLQ); throws on a malformed document. */
    public static DeadLetter fromJson(byte[] json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("a dead letter is a JSON object");
            }
            JsonNode s = n.get("source");
            DeadLetter.Source source = s == null || s.isNull()
                    ? null
                    : new DeadLetter.Source(
                            text(s, "topic"),
                            text(s, "partition"),
                            text(s, "offset"),
                            text(s, "file"),
                            text(s, "line"));
            return new DeadLetter(
                    required(n, "id"),
                    RejectReason.valueOf(required(n, "reason")),
                    required(n, "message"),
                    text(n, "field"),
                    Instant.parse(required(n, "rejectedAt")),
                    required(n, "originalBase64"),
                    text(n, "originalText"),
                    source,
                    text(n, "recordTime") == null ? null : Instant.parse(text(n, "recordTime")));
        } catch (IOException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a dead-letter document: " + e.getMessage(), e);
        }
    }

    private static String required(JsonNode node, String name) {
        String value = text(node, name);
        if (value == null) {
            throw new IllegalArgumentException("not a dead-letter document: " + name + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void writeIfPresent(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
