package io.slaflow.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Decodes a JSON string literal; the rare slow path of {@link TicketEvent#attribute(String)}. */
final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonText() {}

    static String unquote(String jsonStringLiteral) {
        try {
            return MAPPER.readValue(jsonStringLiteral, String.class);
        } catch (JsonProcessingException e) {
            return jsonStringLiteral;
        }
    }
}
