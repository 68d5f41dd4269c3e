package io.slaflow.connect.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Tells an escalation from a routing record and reads it. */
public final class Commands {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Commands() {}

    /** Either an {@link EscalationCommand} or a {@link RoutingCommand}. */
    public static Object parse(Object value) throws MalformedCommandException {
        byte[] bytes;
        if (value instanceof byte[] b) {
            bytes = b;
        } else if (value instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new MalformedCommandException("the record value is "
                    + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                    + ", not JSON bytes (set value.converter to ByteArrayConverter or StringConverter)");
        }
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedCommandException("the record value is not JSON ("
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                            ? j.getOriginalMessage()
                            : e.getClass().getSimpleName())
                    + ")");
        }
        if (n != null && "ROUTING".equals(n.path("kind").asText())) return RoutingCommand.from(n);
        if (n != null && n.has("command")) return EscalationCommand.from(n);
        throw new MalformedCommandException("the record is neither an escalation (it has no 'command') nor a routing "
                + "record ('kind' is not ROUTING)");
    }
}
