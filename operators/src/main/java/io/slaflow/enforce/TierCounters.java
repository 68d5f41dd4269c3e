package io.slaflow.enforce;

import java.util.Arrays;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One counter per tier, as {@code <name>{tier="P1"}}: tiers are few and their ids are the policy's own strings, so a
 * short scan comparing references first finds the counter without hashing; a tier first seen (a hot-reloaded policy)
 * registers its counter then. Not thread-safe: one per operator instance, used in the task's thread.
 */
final class TierCounters {
    private final MetricGroup group;
    private final String[] groupKeys;
    private final String name;
    private String[] tiers = new String[0];
    private Counter[] counters = new Counter[0];

    /** @param groupKeys further key/value group pairs below {@code tier} (e.g. {@code "kind", "BREACH"}) */
    TierCounters(MetricGroup group, String name, String... groupKeys) {
        this.group = group;
        this.name = name;
        this.groupKeys = groupKeys;
    }

    Counter of(String tier) {
        String[] known = tiers;
        for (int i = 0; i < known.length; i++) {
            if (known[i] == tier) return counters[i];
        }
        for (int i = 0; i < known.length; i++) {
            if (known[i].equals(tier)) return counters[i];
        }
        MetricGroup g = group.addGroup("tier", tier);
        for (int i = 0; i + 1 < groupKeys.length; i += 2) g = g.addGroup(groupKeys[i], groupKeys[i + 1]);
        Counter c = g.counter(name);
        tiers = Arrays.copyOf(tiers, tiers.length + 1);
        counters = Arrays.copyOf(counters, counters.length + 1);
        tiers[tiers.length - 1] = tier;
        counters[counters.length - 1] = c;
        return c;
    }
}
