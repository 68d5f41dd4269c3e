package io.slaflow.connect.apply;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads a command's fields, failing with the field's name and what was wrong (never the whole record). */
final class Fields {
    private final JsonNode n;
    private final String kind;

    Fields(JsonNode n, String kind) throws MalformedCommandException {
        if (n == null || !n.isObject())
            throw new MalformedCommandException("the " + kind + " record is not a JSON object");
        this.n = n;
        this.kind = kind;
    }

    String text(String field) throws MalformedCommandException {
        String v = optionalText(field);
        if (v == null || v.isEmpty())
            throw new MalformedCommandException(kind + " field '" + field + "' is missing or empty");
        return v;
    }

    String optionalText(String field) throws MalformedCommandException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new MalformedCommandException(kind + " field '" + field + "' is not a string");
        if (v.asText().length() > 4096)
            throw new MalformedCommandException(kind + " field '" + field + "' is too long");
        return v.asText();
    }

    int positiveInt(String field) throws MalformedCommandException {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw new MalformedCommandException(kind + " field '" + field + "' is not a whole number of at least 1");
        }
        return v.asInt();
    }

    Instant instant(String field) throws MalformedCommandException {
        Instant i = optionalInstant(field);
        if (i == null) throw new MalformedCommandException(kind + " field '" + field + "' is missing");
        return i;
    }

    Instant optionalInstant(String field) throws MalformedCommandException {
        String v = optionalText(field);
        if (v == null) return null;
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new MalformedCommandException(kind + " field '" + field + "' is not an ISO-8601 instant");
        }
    }
}
