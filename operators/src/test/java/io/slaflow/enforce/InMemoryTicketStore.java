package io.slaflow.enforce;

import java.util.HashMap;
import java.util.Map;

/** A {@link TicketStore} in a map: what the enforcer's rules need of a store, with no Flink behind it. */
final class InMemoryTicketStore implements TicketStore {
    private final Map<String, EnforcedTicket> tickets = new HashMap<>();

    @Override
    public EnforcedTicket load(String ticket) {
        return tickets.get(ticket);
    }

    @Override
    public void store(String ticket, EnforcedTicket value) {
        if (value.isEmpty()) {
            tickets.remove(ticket);
        } else {
            tickets.put(ticket, value);
        }
    }

    @Override
    public void flush() {}

    @Override
    public int cached() {
        return 0;
    }

    int size() {
        return tickets.size();
    }
}
