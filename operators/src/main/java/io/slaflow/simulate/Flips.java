package io.slaflow.simulate;

import io.slaflow.sla.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What flips: every target whose outcome under a candidate differs from the current policy's, with both standings
 * (tier, deadline, counted time, outcome) and the ticket's actual times, so an account manager can see why. Sorted by
 * client, ticket and target, so the same history always lists them in the same order.
 */
public final class Flips {
    /** Current outcome → candidate outcome. */
    public record Direction(Outcome from, Outcome to) {
        @Override
        public String toString() {
            return from + "->" + to;
        }
    }

    private final List<SimulatedTarget> targets;
    private final int policies;

    private Flips(List<SimulatedTarget> targets, int policies) {
        this.targets = targets;
        this.policies = policies;
    }

    public static Flips of(List<SimulatedTarget> inScope, int policies) {
        List<SimulatedTarget> flipped = new ArrayList<>();
        for (SimulatedTarget t : inScope) {
            if (t.flips()) flipped.add(t);
        }
        flipped.sort(Comparator.comparing(SimulatedTarget::clientId)
                .thenComparing(SimulatedTarget::ticketId)
                .thenComparing(SimulatedTarget::metric));
        return new Flips(List.copyOf(flipped), policies);
    }

    /** Targets that flip under at least one candidate. */
    public List<SimulatedTarget> targets() {
        return targets;
    }

    /** How many flip under {@code candidate}, by direction (directions that never occur are left out). */
    public Map<Direction, Long> directions(int candidate) {
        Map<Outcome, Map<Outcome, Long>> counts = new EnumMap<>(Outcome.class);
        for (SimulatedTarget t : targets) {
            if (!t.flipsUnder(candidate) || t.under(0) == null || t.under(candidate) == null) continue;
            counts.computeIfAbsent(t.under(0).outcome(), k -> new EnumMap<>(Outcome.class))
                    .merge(t.under(candidate).outcome(), 1L, Long::sum);
        }
        Map<Direction, Long> byDirection = new java.util.LinkedHashMap<>();
        counts.forEach((from, tos) -> tos.forEach((to, n) -> byDirection.put(new Direction(from, to), n)));
        return byDirection;
    }

    /** How many targets flip under {@code candidate}. */
    public long count(int candidate) {
        return targets.stream().filter(t -> t.flipsUnder(candidate)).count();
    }

    public int policies() {
        return policies;
    }
}
