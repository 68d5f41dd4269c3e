package io.slaflow.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Streaming JSON output for the records SLAflow publishes: written field by field with Jackson's generator
 * (no reflection, no intermediate tree) because it runs once per output record.
 */
public final class JsonBytes {
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonBytes() {}

    /** Writes one JSON value. */
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    public static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(384);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An instant as ISO-8601 UTC; -1 (the domain's "not yet") is written as null. */
    public static void instant(JsonGenerator g, String field, long epochMs) throws IOException {
        if (epochMs < 0) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, Instant.ofEpochMilli(epochMs).toString());
        }
    }
}
