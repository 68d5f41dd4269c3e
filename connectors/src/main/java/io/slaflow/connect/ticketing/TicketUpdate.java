package io.slaflow.connect.ticketing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Field changes to make on one ticket in one call; null = leave the field alone. */
public record TicketUpdate(String owner, String priority, String queue, Map<String, String> customFields) {

    public static TicketUpdate none() {
        return new TicketUpdate(null, null, null, Map.of());
    }

    public TicketUpdate withOwner(String o) {
        return new TicketUpdate(o, priority, queue, customFields);
    }

    public TicketUpdate withPriority(String p) {
        return new TicketUpdate(owner, p, queue, customFields);
    }

    public TicketUpdate withQueue(String q) {
        return new TicketUpdate(owner, priority, q, customFields);
    }

    public TicketUpdate withCustomField(String name, String value) {
        Map<String, String> fields = new LinkedHashMap<>(customFields);
        fields.put(name, value);
        return new TicketUpdate(owner, priority, queue, Map.copyOf(fields));
    }

    public boolean isEmpty() {
        return owner == null && priority == null && queue == null && customFields.isEmpty();
    }
}
