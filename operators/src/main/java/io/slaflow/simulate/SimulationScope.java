package io.slaflow.simulate;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which targets a simulation compares: those of the named clients (all when none are named) whose ticket was created
 * in {@code [fromMs, toMs)}. The engine still applies every event of the history (a ticket created before the window
 * still holds its clocks); the window only chooses what is counted, and it is the same under every policy, so a
 * difference between policies is never a difference of population.
 */
public record SimulationScope(Set<String> clients, long fromMs, long toMs) {

    public static final SimulationScope ALL = new SimulationScope(Set.of(), Long.MIN_VALUE, Long.MAX_VALUE);

    public SimulationScope {
        clients = new TreeSet<>(clients);
        if (toMs <= fromMs) throw new IllegalArgumentException("the window's end must be after its start");
    }

    public boolean includes(SimulatedTarget t) {
        return (clients.isEmpty() || clients.contains(t.clientId())) && t.startedAt() >= fromMs && t.startedAt() < toMs;
    }

    public boolean allClients() {
        return clients.isEmpty();
    }
}
